/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this module and the GitLab events modules (token check,
 * sub-topic routing), the scenario's self-managed GitLab faked with msw, and the
 * components of the scenario's projects and of GitLab's example deliveries.
 * (Apart from scenario.ts, whose records the unit tests read without a backend.)
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import {
  annotatedComponent,
  eventually,
  eventsModulesFromDist,
  sourceTestDatabases,
  SourceTestSuite,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { deliveryModuleGitlab } from '../module';
import { fakeGitlab } from './gitlabApi';
import { API, INSTANCE, monorepo, shop, TOKEN } from './scenario';

export const databases = sourceTestDatabases();

export const entities = [
  // The scenario's project on the self-managed instance, which has a token.
  annotatedComponent('shop', {
    'gitlab.com/project-slug': 'acme/shop',
    'gitlab.com/instance': INSTANCE,
  }),
  // Two components of acme/monorepo, each in its paths.
  annotatedComponent('cart', {
    'gitlab.com/project-slug': 'acme/monorepo',
    'gitlab.com/instance': INSTANCE,
    'delivery.acme-portal.io/paths': 'services/cart',
  }),
  annotatedComponent('web', {
    'gitlab.com/project-slug': 'acme/monorepo',
    'gitlab.com/instance': INSTANCE,
    'delivery.acme-portal.io/paths': 'apps/web/',
  }),
  // The projects of GitLab's example deliveries, on instances without a token.
  annotatedComponent('webhooks-demo', {
    'gitlab.com/project-id': '30',
    'gitlab.com/instance': '10.126.0.2:3000',
  }),
  annotatedComponent('gitlab-test', {
    'gitlab.com/project-slug': 'gitlab-org/gitlab-test',
    'gitlab.com/instance': '192.168.64.1:3005',
  }),
];

/** The headers of a delivery as GitLab sends it; `token: null` sends none. */
export const gitlabHeaders = (
  event: string,
  token: string | null,
  eventUuid: string = randomUUID(),
) => ({
  'User-Agent': 'GitLab/18.0.0',
  'X-Gitlab-Event': event,
  'X-Gitlab-Instance': `https://${INSTANCE}`,
  'X-Gitlab-Webhook-UUID': randomUUID(),
  'X-Gitlab-Event-UUID': eventUuid,
  ...(token !== null ? { 'X-Gitlab-Token': token } : {}),
});

/**
 * Starts the backend for one describe block: the webhook checked with `secret`,
 * the scenario's instance served in-process, the pull on `scheduler`.
 */
export function useGitlabBackend(options: {
  databaseId: string;
  secret: string;
  scheduler?: ReturnType<typeof mockServices.scheduler.mock>;
}): SourceTestSuite {
  return useSourceTestBackend({
    api: setupServer(
      ...fakeGitlab({
        apiBaseUrl: API,
        token: TOKEN,
        projects: [shop, monorepo],
      }),
    ),
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      ...eventsModulesFromDist(
        '@backstage/plugin-events-backend-module-gitlab',
        [
          'service/eventsModuleGitlabWebhook.cjs.js',
          'service/eventsModuleGitlabEventRouter.cjs.js',
        ],
      ),
      deliveryPlugin,
      deliveryModuleGitlab,
    ],
    entities,
    scheduler: (options.scheduler ?? mockServices.scheduler.mock()).factory,
    config: {
      events: {
        http: { topics: ['gitlab'] },
        modules: { gitlab: { webhookSecret: options.secret } },
      },
      integrations: {
        gitlab: [{ host: INSTANCE, apiBaseUrl: API, token: TOKEN }],
      },
      delivery: {
        gitlab: {
          // The scenario's records are from January 2026.
          lookback: { days: 36500 },
          pipelines: [
            { ref: 'main', environment: 'production' },
            { ref: 'master', environment: 'production' },
          ],
        },
      },
    },
  });
}

/** The changes of component `name` as `GET /api/delivery/changes` lists them. */
export const changesOf = async (
  suite: Pick<SourceTestSuite, 'read'>,
  name: string,
): Promise<Record<string, any>[]> =>
  (await suite.read(`/changes?entityRef=component:default/${name}&limit=500`))
    .items;

/** The change `id` of `name` once stored and `ready`: handling may lag the 202. */
export const changeOf = (
  suite: Pick<SourceTestSuite, 'read'>,
  name: string,
  id: string,
  ready: (change: Record<string, any>) => boolean = () => true,
) =>
  eventually(async () =>
    (await changesOf(suite, name)).find(c => c.id === id && ready(c)),
  );
