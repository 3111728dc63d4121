import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';
import { annotatedComponent } from './sourceTestBackend';

/** A feature as `backend.add` takes it: `import('../src')` or a module. */
/**
 * The webhook secret the dev entries configure and sign their printed curls with.
 *
 * @public
 */
export const DEV_WEBHOOK_SECRET = 'dev-secret';

export type DevBackendFeature =
  | BackendFeature
  | Promise<{ default: BackendFeature }>;

/**
 * What the kit needs of `createBackend()` from `@backstage/backend-defaults`, which the
 * dev entries pass in: it is their dev dependency, not one of this library.
 */
export interface DevBackend {
  /** Adds a service factory, plugin or module. */
  add(feature: DevBackendFeature): void;
  /** Starts the backend; resolves once it listens and its plugins are up. */
  start(): Promise<unknown>;
}

/** What one `dev/index.ts` says about itself. */
export interface DevBackendOptions {
  /** `createBackend` of `@backstage/backend-defaults`. */
  createBackend: () => DevBackend;
  /** The port when `PORT` is not set. */
  port: number;
  /** What runs, printed first: `<name> on <base URL>.` */
  name: string;
  /** Merged over the defaults: `backend.baseUrl`, `listen` and an in-memory SQLite. */
  config?: JsonObject;
  /** Catalog components by name, with their annotations, served by the catalog mock. */
  components?: Record<string, Record<string, string>>;
  /** The plugins and modules to run, e.g. the delivery plugin and `import('../src')`. */
  features: DevBackendFeature[];
  /** What the printed lines do, after the name. */
  intro: string;
  /** The lines to try (curls, shell snippets), given the backend's base URL. */
  tryThis: (baseUrl: string) => string[];
}

/**
 * Starts a backend for trying a plugin or module by hand (`yarn start` in its folder):
 * port `PORT` or `port`, in-memory SQLite, mocked auth and catalog, the given config
 * and features. Once it listens, prints the lines to try.
 */
export async function startDevBackend(
  options: DevBackendOptions,
): Promise<void> {
  const port = Number(process.env.PORT ?? options.port);
  const baseUrl = `http://localhost:${port}`;
  const config = options.config ?? {};
  const backend = options.createBackend();

  backend.add(
    mockServices.rootConfig.factory({
      data: {
        ...config,
        backend: {
          baseUrl,
          listen: { port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
          ...(config.backend as JsonObject | undefined),
        },
      },
    }),
  );
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    catalogServiceMock.factory({
      entities: Object.entries(options.components ?? {}).map(
        ([name, annotations]) => annotatedComponent(name, annotations),
      ),
    }),
  );
  for (const feature of options.features) {
    backend.add(feature);
  }

  await backend.start();
  const lines = options.tryThis(baseUrl).map(line => `  ${line}`);
  console.log(
    `\n${options.name} on ${baseUrl}. ${options.intro}\n${lines.join('\n')}\n`,
  );
}

/** Options of {@link eventsWebhookDevBackend}. */
export interface EventsWebhookDevBackendOptions
  extends Omit<DevBackendOptions, 'components' | 'features'> {
  /** The events module: `import('../src')`. */
  module: DevBackendFeature;
  /** The topic the module publishes on. */
  topic: string;
}

/**
 * Starts the events backend with a webhook events module (see {@link startDevBackend})
 * and, standing in for the delivery module, a subscriber that logs what the module
 * publishes on its topic: a delivery that got through the module's check shows up there.
 */
export function eventsWebhookDevBackend(
  options: EventsWebhookDevBackendOptions,
): Promise<void> {
  const { module, topic, ...rest } = options;
  return startDevBackend({
    ...rest,
    features: [eventsPlugin, module, logPublished(topic)],
  });
}

function logPublished(topic: string): BackendFeature {
  return createBackendPlugin({
    pluginId: 'dev-subscriber',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef, logger: coreServices.logger },
        async init({ events, logger }) {
          await events.subscribe({
            id: 'dev-subscriber',
            topics: [topic],
            onEvent: async event => {
              const payload = JSON.stringify(event.eventPayload);
              logger.info(
                `Published on ${event.topic}: ${payload.slice(0, 200)}`,
              );
            },
          });
        },
      });
    },
  });
}

/**
 * A curl POSTing a JSON delivery to the events backend's endpoint for `topic`.
 * `headers` are shell words as written (quoted by the caller); `data` is `@<file>`
 * or a shell word such as `"$BODY"`.
 */
export function webhookCurl(
  baseUrl: string,
  topic: string,
  options: { headers?: string[]; data: string },
): string {
  // One argument a line.
  return [
    `curl -i -X POST ${baseUrl}/api/events/http/${topic} -H 'Content-Type: application/json'`,
    ...(options.headers ?? []).map(header => `-H ${header}`),
    `--data-binary ${options.data}`,
  ].join(' \\\n    ');
}
