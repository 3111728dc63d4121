/*
 * The Jenkins source end to end: the scheduled pull, against two faked Jenkins
 * instances answering the remote access API (see __testUtils__/jenkinsApi.ts), into
 * the real delivery backend and its store, read back through its HTTP API.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  basicAuth,
  fakeJenkins,
  FakeItem,
  freestyleBuild,
  JENKINS,
  JENKINS_EU,
  jobUrl,
  pipelineBuild,
} from './__testUtils__/jenkinsApi';
import { deliveryModuleJenkins } from './module';
import {
  annotatedComponent,
  scheduledTask,
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const component = annotatedComponent;

const entities = [
  component('shop', { 'jenkins.io/job-full-name': 'shop' }),
  component('payments', { 'jenkins.io/job-full-name': 'eu:payments/deploy' }),
  component('legacy', { 'jenkins.io/github-folder': 'legacy-deploy' }),
  component('ghost', { 'jenkins.io/job-full-name': 'ghost/deploy' }),
];

const SHOP_MAIN = jobUrl(JENKINS, 'shop/main');
const COMMIT = {
  commitId: 'c522ae3469c4000c47d357950d7837db48912744',
  at: '2025-11-03T09:15:00+01:00',
  msg: 'Add gift cards',
  authorEmail: 'jane@example.com',
  fullName: 'Jane Doe',
};

/** The default instance: a multibranch `shop` and a freestyle `legacy-deploy`. */
function defaultItems(mainBuilds: object[]): Record<string, FakeItem> {
  return {
    shop: { kind: 'folder', children: ['main', 'feature%2Fgift-cards'] },
    'shop/main': { kind: 'job', builds: mainBuilds },
    'shop/feature%2Fgift-cards': {
      kind: 'job',
      builds: [
        pipelineBuild({
          jobUrl: jobUrl(JENKINS, 'shop/feature%2Fgift-cards'),
          number: 4,
          result: 'SUCCESS',
          startedAt: '2025-11-03T08:00:00Z',
          duration: 1000,
          parameters: { DEPLOY_ENV: 'preview' },
        }),
      ],
    },
    'legacy-deploy': {
      kind: 'job',
      class: 'hudson.model.FreeStyleProject',
      builds: [
        freestyleBuild({
          jobUrl: jobUrl(JENKINS, 'legacy-deploy'),
          number: 118,
          result: 'UNSTABLE',
          startedAt: '2025-11-02T22:00:00Z',
          duration: 1_800_000,
        }),
      ],
    },
  };
}

const main12 = (result: 'SUCCESS' | null) =>
  pipelineBuild({
    jobUrl: SHOP_MAIN,
    number: 12,
    result,
    startedAt: '2025-11-03T10:00:00Z',
    duration: result ? 420_000 : 0,
    parameters: { DEPLOY_ENV: 'production', VERSION: '3.1.0' },
    changes: [COMMIT],
  });

const payments = fakeJenkins({
  baseUrl: JENKINS_EU,
  authorization: basicAuth('bot', 'token-eu'),
  items: {
    'payments/deploy': {
      kind: 'job',
      builds: [
        pipelineBuild({
          jobUrl: jobUrl(JENKINS_EU, 'payments/deploy'),
          number: 7,
          result: 'FAILURE',
          startedAt: '2025-11-01T12:00:00Z',
          duration: 90_000,
          parameters: { DEPLOY_ENV: 'production' },
        }),
      ],
    },
  },
});

const jenkins = setupServer();

const databases = sourceTestDatabases();

describe.each(databases.eachSupportedId())('Jenkins pull on %p', databaseId => {
  const scheduler = mockServices.scheduler.mock();
  const { read, deploymentsOf } = useSourceTestBackend({
    api: jenkins,
    databases,
    databaseId: databaseId as TestDatabaseId,
    features: [deliveryPlugin, deliveryModuleJenkins],
    entities,
    scheduler: scheduler.factory,
    config: {
      jenkins: {
        baseUrl: JENKINS,
        username: 'backstage',
        apiKey: 'token-1',
        instances: [
          {
            name: 'eu',
            baseUrl: JENKINS_EU,
            username: 'bot',
            apiKey: 'token-eu',
          },
        ],
      },
      delivery: {
        jenkins: {
          deployments: [
            {
              job: 'shop/main',
              parameter: 'DEPLOY_ENV',
              versionParameter: 'VERSION',
            },
            { job: 'payments/*', parameter: 'DEPLOY_ENV' },
            { job: '/^legacy-(deploy)$/', environment: 'production' },
          ],
          // The fixtures are in the past; the default 7 days would skip them.
          lookback: { years: 10 },
        },
      },
    },
  });

  afterEach(() => jenkins.resetHandlers());

  const sources = async () =>
    (await read('/sources')).items.filter(
      (s: { source: string }) => s.source === 'jenkins',
    );

  const runPull = async () => {
    const task = scheduledTask(scheduler, 'delivery-jenkins-pull');
    await task.fn(new AbortController().signal);
    return task;
  };

  it('schedules a half-hourly pull that stores the deployments of both instances', async () => {
    jenkins.use(
      fakeJenkins({
        baseUrl: JENKINS,
        authorization: basicAuth('backstage', 'token-1'),
        items: defaultItems([main12(null)]),
      }).handler,
      payments.handler,
    );
    const task = await runPull();
    expect(task).toMatchObject({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    });

    expect(await deploymentsOf('shop')).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/main#12',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'in_progress',
        startedAt: '2025-11-03T10:00:00.000Z',
        version: '3.1.0',
        url: 'https://jenkins.example.com/job/shop/job/main/12/',
        commits: [
          {
            sha: 'c522ae3469c4000c47d357950d7837db48912744',
            committedAt: '2025-11-03T08:15:00.000Z',
            author: 'jane@example.com',
            message: 'Add gift cards',
          },
        ],
      },
    ]);
    expect(await deploymentsOf('payments')).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'eu:payments/deploy#7',
        entityRef: 'component:default/payments',
        environment: 'production',
        status: 'failure',
        startedAt: '2025-11-01T12:00:00.000Z',
        finishedAt: '2025-11-01T12:01:30.000Z',
        version: '#7',
        url: 'https://jenkins-eu.example.com/ci/job/payments/job/deploy/7/',
        commits: [],
      },
    ]);
    expect(await deploymentsOf('legacy')).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:legacy-deploy#118',
        entityRef: 'component:default/legacy',
        environment: 'production',
        status: 'failure',
        startedAt: '2025-11-02T22:00:00.000Z',
        finishedAt: '2025-11-02T22:30:00.000Z',
        version: '#118',
        url: 'https://jenkins.example.com/job/legacy-deploy/118/',
        commits: [],
      },
    ]);

    const unmatched = (await read('/unmatched')).items.filter(
      (item: { source: string }) => item.source === 'jenkins',
    );
    expect(unmatched).toEqual([
      expect.objectContaining({
        source: 'jenkins',
        key: 'default:ghost/deploy',
        reason:
          'no job ghost/deploy on Jenkins instance default, annotated on component:default/ghost',
        count: 1,
      }),
    ]);
    expect(await sources()).toEqual([
      expect.objectContaining({
        id: 'jenkins/default',
        stale: false,
        failing: [],
      }),
      expect.objectContaining({ id: 'jenkins/eu', stale: false, failing: [] }),
    ]);
  });

  it('updates a build that finished since, and keeps what it stored when an instance fails', async () => {
    jenkins.use(
      fakeJenkins({
        baseUrl: JENKINS,
        authorization: basicAuth('backstage', 'token-1'),
        items: defaultItems([main12('SUCCESS')]),
      }).handler,
      http.get(`${JENKINS_EU}/job/*`, () =>
        HttpResponse.json({ message: 'Forbidden' }, { status: 403 }),
      ),
    );
    await runPull();

    expect(await deploymentsOf('shop')).toEqual([
      expect.objectContaining({
        id: 'default:shop/main#12',
        status: 'success',
        finishedAt: '2025-11-03T10:07:00.000Z',
      }),
    ]);
    expect(
      (await deploymentsOf('payments')).map((d: { id: string }) => d.id),
    ).toEqual(['eu:payments/deploy#7']);
    const [defaultInstance, eu] = await sources();
    expect(defaultInstance).toMatchObject({
      id: 'jenkins/default',
      failing: [],
    });
    expect(eu).toMatchObject({
      id: 'jenkins/eu',
      instance: 'eu',
      stale: true,
      failing: ['pull'],
      lastError: 'GET /job/payments/job/deploy/api/json: 403 Forbidden',
    });
  });
});
