/*
 * The delivery plugin end to end for one describe block: real router, store and
 * migrations on each test database, a mock catalog, events stored before the tests.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';

export type TestServer = Awaited<ReturnType<typeof startTestBackend>>['server'];

/** Every engine the store supports. */
export const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

/** A signed-in user, as the frontend calls. */
export const userAuth = { Authorization: mockCredentials.user.header() };

/** The started plugin: its server, and requests to its API as the signed-in user. */
export interface DeliveryApi {
  server: TestServer;
  /** GET /api/delivery/`path`. */
  get(path: string): request.Test;
  /** POST /api/delivery/`path` with this JSON body. */
  post(path: string, body: unknown): request.Test;
}

/**
 * Starts the plugin before the block's tests and stops it after them; `server` is set
 * once they run. Stored events must all be accepted, or the block fails to start.
 */
export function startDeliveryApi(
  databaseId: string,
  options: {
    entities: Entity[];
    events?: unknown[];
    features?: BackendFeature[];
  },
): DeliveryApi {
  const api: DeliveryApi = {
    server: undefined as unknown as TestServer,
    get: path => request(api.server).get(`/api/delivery/${path}`).set(userAuth),
    post: (path, body) =>
      request(api.server)
        .post(`/api/delivery/${path}`)
        .set(userAuth)
        .send(body as object),
  };
  let stop = async () => {};
  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        ...(options.features ?? []),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: options.entities }),
      ],
    });
    api.server = backend.server;
    stop = () => backend.stop();
    if (options.events) {
      const stored = await api.post('events', { events: options.events });
      if (stored.body.rejected?.length !== 0) {
        throw new Error(`events rejected: ${JSON.stringify(stored.body)}`);
      }
    }
  }, 60_000);
  afterAll(() => stop());
  return api;
}
