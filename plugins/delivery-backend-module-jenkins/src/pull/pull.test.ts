import { mockServices } from '@backstage/backend-test-utils';
import type { DeploymentEvent } from '@internal/backstage-plugin-delivery-common';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';
import { DateTime } from 'luxon';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  basicAuth,
  BuildSpec,
  fakeJenkins,
  FakeItem,
  freestyleBuild,
  JENKINS,
  JENKINS_EU,
  jobUrl,
  pipelineBuild,
} from '../__testUtils__/jenkinsApi';
import { AnnotatedJob } from '../matching/annotations';
import { JenkinsInstanceConfig } from '../config';
import { createJenkinsClient } from '../client/client';
import { DEFAULT_RETRY } from '../client/retry';
import { parseJobPattern } from '../mapping/rules';
import { PullSettings, pullJenkins } from './pull';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = DateTime.fromISO('2026-01-08T12:00:00Z', { zone: 'utc' });
const SEVEN_DAYS_AGO = NOW.minus({ days: 7 });

const defaultInstance: JenkinsInstanceConfig = {
  name: 'default',
  baseUrl: JENKINS,
  username: 'backstage',
  apiKey: 'token-1',
};
const euInstance: JenkinsInstanceConfig = {
  name: 'eu',
  baseUrl: JENKINS_EU,
  username: 'bot',
  apiKey: 'token-eu',
};

function recordingSink() {
  const sink = mockDeliveryEventSink();
  const { unmatched, reports: syncs } = sink;
  return {
    sink,
    ingested: sink.ingested as DeploymentEvent[],
    unmatched,
    syncs,
  };
}

const job = (
  jobFullName: string,
  entityRefs = ['component:default/shop'],
  instance = 'default',
): AnnotatedJob => ({ instance, jobFullName, entityRefs });

async function pull(options: {
  jobs: AnnotatedJob[];
  settings?: Partial<PullSettings>;
  instances?: JenkinsInstanceConfig[];
  timeoutMs?: number;
  signal?: AbortSignal;
}) {
  const recorded = recordingSink();
  const sleeps: number[] = [];
  await pullJenkins({
    instances: options.instances ?? [defaultInstance, euInstance],
    clientFor: instance =>
      createJenkinsClient(instance, {
        retry: { ...DEFAULT_RETRY, sleep: async ms => void sleeps.push(ms) },
        logger: mockServices.logger.mock(),
        timeoutMs: options.timeoutMs,
      }),
    jobs: options.jobs,
    settings: {
      rules: [{ job: parseJobPattern('*deploy*'), environment: 'production' }],
      unstable: 'failure',
      since: SEVEN_DAYS_AGO,
      maxBuildsPerJob: 500,
      ...options.settings,
    },
    sink: recorded.sink,
    logger: mockServices.logger.mock(),
    signal: options.signal,
  });
  return { ...recorded, sleeps };
}

function serveDefault(items: Record<string, FakeItem>) {
  const fake = fakeJenkins({
    baseUrl: JENKINS,
    authorization: basicAuth('backstage', 'token-1'),
    items,
  });
  server.use(fake.handler);
  return fake.requests;
}

const build = (
  fullName: string,
  spec: Omit<BuildSpec, 'jobUrl' | 'duration'> & { duration?: number },
  baseUrl = JENKINS,
) =>
  pipelineBuild({
    jobUrl: jobUrl(baseUrl, fullName),
    duration: spec.result === null ? 0 : 60_000,
    ...spec,
  });

describe('pullJenkins', () => {
  it('stores the deployments among the builds within the lookback, environment and version from parameters', async () => {
    serveDefault({
      'shop/deploy': {
        kind: 'job',
        builds: [
          build('shop/deploy', {
            number: 30,
            result: null,
            startedAt: '2026-01-08T11:50:00Z',
            parameters: { DEPLOY_ENV: 'production', VERSION: '1.5.0' },
          }),
          build('shop/deploy', {
            number: 29,
            result: 'SUCCESS',
            startedAt: '2026-01-08T09:00:00Z',
            duration: 300_000,
            parameters: { DEPLOY_ENV: 'production', VERSION: '1.4.2' },
            changes: [
              {
                commitId: '3484a3fb816e0859fd6e1cea078d76385ff50625',
                at: '2026-01-08T08:10:00Z',
                msg: 'Speed up checkout',
                authorEmail: 'jane@example.com',
                fullName: 'Jane Doe',
              },
            ],
          }),
          build('shop/deploy', {
            number: 28,
            result: 'FAILURE',
            startedAt: '2026-01-07T15:00:00Z',
            parameters: { DEPLOY_ENV: 'staging', VERSION: '1.4.1' },
          }),
          // No environment given: not a deployment.
          build('shop/deploy', {
            number: 27,
            result: 'SUCCESS',
            startedAt: '2026-01-05T15:00:00Z',
            parameters: { DEPLOY_ENV: '', VERSION: '1.4.0' },
          }),
          build('shop/deploy', {
            number: 26,
            result: 'ABORTED',
            startedAt: '2026-01-02T10:00:00Z',
            parameters: { DEPLOY_ENV: 'production', VERSION: '1.3.9' },
          }),
          // Before the lookback: ends the read.
          build('shop/deploy', {
            number: 25,
            result: 'SUCCESS',
            startedAt: '2025-12-31T10:00:00Z',
            parameters: { DEPLOY_ENV: 'production', VERSION: '1.3.8' },
          }),
          build('shop/deploy', {
            number: 24,
            result: 'SUCCESS',
            startedAt: '2026-01-03T10:00:00Z',
            parameters: { DEPLOY_ENV: 'production', VERSION: '1.3.7' },
          }),
        ],
      },
    });
    const { ingested, syncs, unmatched } = await pull({
      jobs: [job('shop/deploy')],
      settings: {
        rules: [
          {
            job: parseJobPattern('shop/deploy'),
            parameter: 'DEPLOY_ENV',
            versionParameter: 'VERSION',
          },
        ],
      },
    });
    const url = (n: number) =>
      `https://jenkins.example.com/job/shop/job/deploy/${n}/`;
    expect(ingested).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/deploy#30',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'in_progress',
        startedAt: '2026-01-08T11:50:00.000Z',
        version: '1.5.0',
        url: url(30),
        commits: [],
      },
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/deploy#29',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'success',
        startedAt: '2026-01-08T09:00:00.000Z',
        finishedAt: '2026-01-08T09:05:00.000Z',
        version: '1.4.2',
        url: url(29),
        commits: [
          {
            sha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
            committedAt: '2026-01-08T08:10:00.000Z',
            author: 'jane@example.com',
            message: 'Speed up checkout',
          },
        ],
      },
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/deploy#28',
        entityRef: 'component:default/shop',
        environment: 'staging',
        status: 'failure',
        startedAt: '2026-01-07T15:00:00.000Z',
        finishedAt: '2026-01-07T15:01:00.000Z',
        version: '1.4.1',
        url: url(28),
        commits: [],
      },
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/deploy#26',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'cancelled',
        startedAt: '2026-01-02T10:00:00.000Z',
        finishedAt: '2026-01-02T10:01:00.000Z',
        version: '1.3.9',
        url: url(26),
        commits: [],
      },
    ]);
    expect(unmatched).toEqual([]);
    expect(syncs).toEqual([
      { source: 'jenkins', instance: 'default', via: 'pull' },
    ]);
  });

  it('pages through allBuilds 25 at a time until the lookback, the end of the list or the limit', async () => {
    const hourly = (fullName: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        build(fullName, {
          number: count - i,
          result: 'SUCCESS',
          startedAt: NOW.minus({ hours: i + 1 }).toISO()!,
        }),
      );
    const requests = serveDefault({
      'big/deploy': { kind: 'job', builds: hourly('big/deploy', 60) },
    });
    const ranges = () => requests.map(r => /\{(\d+,\d+)\}$/.exec(r.tree)?.[1]);

    const all = await pull({ jobs: [job('big/deploy')] });
    expect(all.ingested).toHaveLength(60);
    expect(ranges()).toEqual(['0,25', '25,50', '50,75']);
    // The first page also tells a folder from a job.
    expect(requests[0].tree).toMatch(
      /^_class,jobs\[name,fullName\],allBuilds\[number,/,
    );
    expect(requests[1].tree).toMatch(/^allBuilds\[number,/);

    requests.length = 0;
    const recent = await pull({
      jobs: [job('big/deploy')],
      settings: { since: NOW.minus({ hours: 30 }) },
    });
    expect(recent.ingested.map(e => e.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `default:big/deploy#${60 - i}`),
    );
    expect(ranges()).toEqual(['0,25', '25,50']);

    requests.length = 0;
    const limited = await pull({
      jobs: [job('big/deploy')],
      settings: { maxBuildsPerJob: 40 },
    });
    expect(limited.ingested).toHaveLength(40);
    expect(ranges()).toEqual(['0,25', '25,40']);
  });

  it('reads the jobs of an annotated folder (multibranch branches included) without descending further', async () => {
    const requests = serveDefault({
      shop: {
        kind: 'folder',
        children: ['main', 'feature%2Flogin', 'archive'],
      },
      'shop/main': {
        kind: 'job',
        builds: [
          build('shop/main', {
            number: 3,
            result: 'UNSTABLE',
            startedAt: '2026-01-08T10:00:00Z',
            parameters: { DEPLOY_ENV: 'production' },
          }),
        ],
      },
      'shop/feature%2Flogin': {
        kind: 'job',
        builds: [
          build('shop/feature%2Flogin', {
            number: 1,
            result: 'SUCCESS',
            startedAt: '2026-01-08T10:00:00Z',
          }),
        ],
      },
      'shop/archive': {
        kind: 'folder',
        class: 'com.cloudbees.hudson.plugins.folder.Folder',
        children: ['old'],
      },
    });
    const { ingested, syncs } = await pull({
      jobs: [job('shop')],
      settings: {
        rules: [{ job: parseJobPattern('shop/*'), parameter: 'DEPLOY_ENV' }],
      },
    });
    expect(ingested).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'default:shop/main#3',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'failure',
        startedAt: '2026-01-08T10:00:00.000Z',
        finishedAt: '2026-01-08T10:01:00.000Z',
        version: '#3',
        url: 'https://jenkins.example.com/job/shop/job/main/3/',
        commits: [],
      },
    ]);
    expect(requests.map(r => r.path)).toEqual([
      '/job/shop/api/json',
      '/job/shop/job/main/api/json',
      '/job/shop/job/feature%252Flogin/api/json',
      '/job/shop/job/archive/api/json',
    ]);
    expect(syncs).toEqual([
      { source: 'jenkins', instance: 'default', via: 'pull' },
    ]);
  });

  it('skips folder jobs no rule can match, reading only the folder', async () => {
    const requests = serveDefault({
      shop: { kind: 'folder', children: ['main', 'develop'] },
      'shop/main': { kind: 'job', builds: [] },
    });
    await pull({
      jobs: [job('shop')],
      settings: {
        rules: [
          { job: parseJobPattern('shop/main'), environment: 'production' },
        ],
      },
    });
    expect(requests.map(r => r.path)).toEqual([
      '/job/shop/api/json',
      '/job/shop/job/main/api/json',
    ]);
  });

  it('pulls each instance with its own credentials and reports unknown jobs, unknown instances and shared jobs unmatched', async () => {
    serveDefault({});
    const eu = fakeJenkins({
      baseUrl: JENKINS_EU,
      authorization: basicAuth('bot', 'token-eu'),
      items: {
        'payments/deploy': {
          kind: 'job',
          class: 'hudson.model.FreeStyleProject',
          builds: [
            freestyleBuild({
              jobUrl: jobUrl(JENKINS_EU, 'payments/deploy'),
              number: 7,
              result: 'SUCCESS',
              startedAt: '2026-01-06T08:00:00Z',
              duration: 42_000,
              displayName: 'payments-2.3.0',
              changes: [
                {
                  commitId: 'bdff807f0733ef12975ec1183e09c5527738bd0b',
                  at: '2026-01-05T17:30:51+02:00',
                  msg: 'Retry card captures',
                  authorEmail: 'tom@example.com',
                  fullName: 'Tom',
                },
              ],
            }),
          ],
        },
      },
    });
    server.use(eu.handler);
    const { ingested, unmatched, syncs } = await pull({
      jobs: [
        job('gone/deploy'),
        job('shared/deploy', ['component:default/a', 'component:default/b']),
        job('payments/deploy', ['component:default/payments'], 'eu'),
        job('x/deploy', ['component:default/x'], 'qa'),
      ],
    });
    expect(ingested).toEqual([
      {
        kind: 'deployment',
        source: 'jenkins',
        id: 'eu:payments/deploy#7',
        entityRef: 'component:default/payments',
        environment: 'production',
        status: 'success',
        startedAt: '2026-01-06T08:00:00.000Z',
        finishedAt: '2026-01-06T08:00:42.000Z',
        version: 'payments-2.3.0',
        url: 'https://jenkins-eu.example.com/ci/job/payments/job/deploy/7/',
        commits: [
          {
            sha: 'bdff807f0733ef12975ec1183e09c5527738bd0b',
            committedAt: '2026-01-05T15:30:51.000Z',
            author: 'tom@example.com',
            message: 'Retry card captures',
          },
        ],
      },
    ]);
    expect(eu.requests.map(r => r.path)).toEqual([
      '/job/payments/job/deploy/api/json',
    ]);
    expect(unmatched).toEqual([
      {
        source: 'jenkins',
        key: 'qa:x/deploy',
        reason:
          'no Jenkins instance named qa in the jenkins config, annotated on component:default/x',
      },
      {
        source: 'jenkins',
        key: 'default:gone/deploy',
        reason:
          'no job gone/deploy on Jenkins instance default, annotated on component:default/shop',
      },
      {
        source: 'jenkins',
        key: 'default:shared/deploy',
        reason:
          'ambiguous: several components are annotated with Jenkins job shared/deploy on instance default (component:default/a, component:default/b); its builds are credited to none',
      },
    ]);
    expect(syncs).toEqual([
      { source: 'jenkins', instance: 'default', via: 'pull' },
      { source: 'jenkins', instance: 'eu', via: 'pull' },
    ]);
  });

  it('retries a job Jenkins answers 503, reports the instance failed and goes on with its other jobs and the next instance', async () => {
    const requests = serveDefault({
      'billing/deploy': {
        kind: 'job',
        builds: [
          build('billing/deploy', {
            number: 5,
            result: 'SUCCESS',
            startedAt: '2026-01-08T10:00:00Z',
          }),
        ],
      },
    });
    server.use(
      http.get(
        `${JENKINS}/job/shop/job/deploy/api/json`,
        () =>
          new HttpResponse('<html>Service Unavailable</html>', {
            status: 503,
            headers: { 'Retry-After': '5', 'content-type': 'text/html' },
          }),
      ),
    );
    const eu = fakeJenkins({
      baseUrl: JENKINS_EU,
      items: { 'payments/deploy': { kind: 'job', builds: [] } },
    });
    server.use(eu.handler);
    const { ingested, syncs, sleeps } = await pull({
      jobs: [
        job('shop/deploy'),
        job('billing/deploy', ['component:default/billing']),
        job('payments/deploy', ['component:default/payments'], 'eu'),
      ],
    });
    expect(sleeps).toEqual([5000, 5000]);
    expect(ingested.map(e => e.id)).toEqual(['default:billing/deploy#5']);
    expect(requests.map(r => r.path)).toEqual([
      '/job/billing/job/deploy/api/json',
    ]);
    expect(eu.requests).toHaveLength(1);
    expect(syncs).toEqual([
      {
        source: 'jenkins',
        instance: 'default',
        via: 'pull',
        error:
          'shop/deploy: GET /job/shop/job/deploy/api/json: 503 Service Unavailable',
      },
      { source: 'jenkins', instance: 'eu', via: 'pull' },
    ]);
  });

  it('stops an instance that refuses the credentials', async () => {
    const requests = serveDefault({});
    const { syncs } = await pull({
      jobs: [job('a/deploy'), job('b/deploy', ['component:default/b'])],
      instances: [{ ...defaultInstance, apiKey: 'revoked' }],
    });
    expect(requests).toHaveLength(1);
    expect(syncs).toEqual([
      {
        source: 'jenkins',
        instance: 'default',
        via: 'pull',
        error: 'GET /job/a/job/deploy/api/json: 401 Unauthorized',
      },
    ]);
  });

  it('stops an instance that does not answer in time', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${JENKINS}/job/*`, async ({ request }) => {
        seen.push(new URL(request.url).pathname);
        await delay(1000);
        return HttpResponse.json({});
      }),
    );
    const { syncs, sleeps } = await pull({
      jobs: [job('a/deploy'), job('b/deploy', ['component:default/b'])],
      instances: [defaultInstance],
      timeoutMs: 30,
    });
    // Three attempts at the first job, none at the second.
    expect(seen).toEqual(Array(3).fill('/job/a/job/deploy/api/json'));
    expect(sleeps).toEqual([1000, 2000]);
    expect(syncs).toEqual([
      {
        source: 'jenkins',
        instance: 'default',
        via: 'pull',
        error: 'GET /job/a/job/deploy/api/json: no answer within 30 ms',
      },
    ]);
  });

  it('takes an instance to be down after three jobs in a row failed', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${JENKINS}/job/*`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return new HttpResponse('Internal Server Error', { status: 500 });
      }),
    );
    const names = ['a', 'b', 'c', 'd'];
    const { syncs } = await pull({
      jobs: names.map(n => job(`${n}/deploy`, [`component:default/${n}`])),
      instances: [defaultInstance],
    });
    // Three attempts at each of a, b and c; none at d.
    expect(seen).toEqual(
      ['a', 'b', 'c'].flatMap(n =>
        Array(3).fill(`/job/${n}/job/deploy/api/json`),
      ),
    );
    expect(syncs).toEqual([
      {
        source: 'jenkins',
        instance: 'default',
        via: 'pull',
        error: [
          'a/deploy: GET /job/a/job/deploy/api/json: 500 Internal Server Error',
          'b/deploy: GET /job/b/job/deploy/api/json: 500 Internal Server Error',
          'c/deploy: GET /job/c/job/deploy/api/json: 500 Internal Server Error',
          'stopped after 3 jobs in a row failed; the other jobs wait for the next pull',
        ].join('; '),
      },
    ]);
  });

  it('stops when the scheduled task is aborted', async () => {
    const requests = serveDefault({});
    const controller = new AbortController();
    controller.abort();
    const { syncs } = await pull({
      jobs: [job('a/deploy')],
      instances: [defaultInstance],
      signal: controller.signal,
    });
    expect(requests).toEqual([]);
    expect(syncs).toEqual([
      {
        source: 'jenkins',
        instance: 'default',
        via: 'pull',
        error: 'pull stopped: the scheduled task timed out',
      },
    ]);
  });

  it('does not contact an instance no component names', async () => {
    const requests = serveDefault({});
    const { syncs } = await pull({ jobs: [], instances: [defaultInstance] });
    expect(requests).toEqual([]);
    expect(syncs).toEqual([]);
  });
});
