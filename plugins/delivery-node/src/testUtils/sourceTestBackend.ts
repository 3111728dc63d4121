import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

type Feature = Parameters<typeof startTestBackend>[0]['features'] extends
  | Array<infer F>
  | undefined
  ? F
  : never;

/** The databases both engines run the module tests on. */
export function sourceTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}

export interface SourceTestBackendOptions {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  /**
   * The delivery plugin (it cannot come from here: it depends on this package), the
   * source module under test and any events modules (see {@link eventsModulesFromDist}).
   */
  features: Feature[];
  /** Served by the catalog mock. */
  entities?: Entity[];
  config?: JsonObject;
  /** Default a scheduler mock whose tasks never run on their own. */
  scheduler?: Feature;
  /**
   * Runs the events plugin and the production events service, so webhooks POSTed to
   * `/api/events/http/<topic>` reach the module's subscription. Each plugin gets its
   * own database: both run knex migrations, which must not share a table.
   */
  events?: boolean;
}

/** A started source test backend, its base URL and its plugins' databases. */
export interface SourceTestBackend {
  backend: TestBackend;
  baseUrl: string;
  knexes: Record<string, Knex>;
}

/**
 * The standard backend for a source module's end-to-end tests: the delivery plugin
 * and its store on a real database, the catalog mock with `entities`, a scheduler
 * mock, the given config and, with `events`, the real events backend.
 */
export async function startSourceTestBackend(
  options: SourceTestBackendOptions,
): Promise<SourceTestBackend> {
  const { databases, databaseId, events = false } = options;
  const knexes: Record<string, Knex> = {
    delivery: await databases.init(databaseId),
    ...(events ? { events: await databases.init(databaseId) } : {}),
  };
  const config = events
    ? {
        ...options.config,
        events: {
          // One backend process: no cross-instance event bus, whose long polls
          // would hold up the backend's shutdown.
          useEventBus: 'never',
          ...(options.config?.events as JsonObject | undefined),
        },
      }
    : options.config ?? {};
  const backend = await startTestBackend({
    features: [
      ...(events
        ? [
            eventsPlugin,
            // The test backend's default events service is a mock per plugin;
            // webhooks must reach the module's subscription as in production.
            eventsServiceFactory,
          ]
        : []),
      ...options.features,
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => ({
          getClient: async () =>
            knexes[plugin.getId()] ??
            Promise.reject(new Error(`no test database for ${plugin.getId()}`)),
        }),
      }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      options.scheduler ?? mockServices.scheduler.mock().factory,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, baseUrl: `http://localhost:${port}`, knexes };
}

/**
 * An events backend module package's modules, loaded from its dist: its default
 * export is a feature loader that import()s them, and Jest runs without
 * --experimental-vm-modules.
 */
export function eventsModulesFromDist(
  packageName: string,
  files: string[],
): Feature[] {
  // eslint-disable-next-line @backstage/no-undeclared-imports -- the caller's package
  const dist = dirname(require.resolve(packageName));
  return files.map(file => require(join(dist, file)).default);
}

/** A catalog component of team-a with the given annotations. */
export function annotatedComponent(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}
