/*
 * What this package's end-to-end tests share: the delivery backend with this module
 * and the GitHub events modules (signature check, sub-topic routing), GitHub's
 * deliveries signed as GitHub signs them, and the config naming the webhook secret
 * and the integration's token.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import {
  annotatedComponent,
  eventsModulesFromDist,
  FakeApiServer,
  sourceTestDatabases,
  SourceTestBackendOptions,
  SourceTestSuite,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { createHmac, randomUUID } from 'node:crypto';
import { deliveryModuleGithub } from '../module';

export const databases = sourceTestDatabases();

export const PULL_TASK_ID = 'delivery-github-pull';

/** The component of the examples' repository (Codertocat/Hello-World). */
export const helloWorld = annotatedComponent('hello-world', {
  'github.com/project-slug': 'codertocat/hello-world',
});

/** The GitHub events modules, the delivery plugin and this module. */
export const githubFeatures = [
  ...eventsModulesFromDist('@backstage/plugin-events-backend-module-github', [
    'service/eventsModuleGithubWebhook.cjs.js',
    'service/eventsModuleGithubEventRouter.cjs.js',
  ]),
  deliveryPlugin,
  deliveryModuleGithub,
];

/** The webhook topic checked with `secret`, and GitHub's API reached with `token`. */
export const githubConfig = (options: { secret: string; token?: string }) => ({
  events: {
    useEventBus: 'never',
    http: { topics: ['github'] },
    modules: { github: { webhookSecret: options.secret } },
  },
  ...(options.token
    ? {
        integrations: {
          github: [{ host: 'github.com', token: options.token }],
        },
      }
    : {}),
});

/** The X-Hub-Signature-256 GitHub sends for `body` signed with `secret`. */
export const signature = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The headers of a `event` delivery as GitHub sends it; `secret: null` leaves it unsigned. */
export const githubHeaders = (
  event: string,
  body: string,
  options: { secret: string | null; deliveryId?: string },
): Record<string, string> => ({
  'Content-Type': 'application/json',
  'User-Agent': 'GitHub-Hookshot/test',
  'X-GitHub-Event': event,
  'X-GitHub-Delivery': options.deliveryId ?? randomUUID(),
  ...(options.secret !== null
    ? { 'X-Hub-Signature-256': signature(body, options.secret) }
    : {}),
});

/**
 * Starts the backend for one describe block: the webhook checked with `secret`,
 * GitHub's API (faked by `api`) reached with `token`, the pull on `scheduler`,
 * `github` as `delivery.github`.
 */
export function useGithubBackend(options: {
  databaseId: string;
  api: FakeApiServer;
  entities: Entity[];
  secret: string;
  token: string;
  github: NonNullable<SourceTestBackendOptions['config']>;
  scheduler?: ReturnType<typeof mockServices.scheduler.mock>;
  /** More features (a service factory to override, say) and config. */
  features?: SourceTestBackendOptions['features'];
  config?: SourceTestBackendOptions['config'];
}): SourceTestSuite {
  return useSourceTestBackend({
    api: options.api,
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [...githubFeatures, ...(options.features ?? [])],
    entities: options.entities,
    scheduler: (options.scheduler ?? mockServices.scheduler.mock()).factory,
    config: {
      ...githubConfig(options),
      ...options.config,
      delivery: { github: options.github },
    },
  });
}
