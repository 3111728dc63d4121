import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  SourceTestBackendOptions,
  startSourceTestBackend,
} from './sourceTestBackend';
import { loopbackOnly } from './fuzz';

/** An msw server faking the source's API (structurally, so msw stays the caller's). */
export interface FakeApiServer {
  listen(options: { onUnhandledRequest: typeof loopbackOnly }): void;
  close(): void;
}

/** One describe block's started source test backend and what its tests ask of it. */
export interface SourceTestSuite {
  readonly baseUrl: string;
  /** The delivery plugin's database. */
  readonly deliveryDb: Knex;
  /** POSTs `body` as JSON to `/api/events/http/<topic>`. */
  post(
    topic: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** GETs `/api/delivery<path>` as a user, expecting 200; answers the JSON. */
  read(path: string): Promise<any>;
  /** How many rows a delivery table holds. */
  count(table: 'deployments' | 'incidents' | 'changes'): Promise<number>;
}

/**
 * Starts a source test backend before the describe block's tests (the fake API
 * listening, loopback only) and stops both after them: the setup and shutdown every
 * source's end-to-end and fuzz tests share.
 */
export function useSourceTestBackend(
  options: SourceTestBackendOptions & { api?: FakeApiServer },
): SourceTestSuite {
  const { api, ...backendOptions } = options;
  let started: Awaited<ReturnType<typeof startSourceTestBackend>> | undefined;

  beforeAll(async () => {
    api?.listen({ onUnhandledRequest: loopbackOnly });
    started = await startSourceTestBackend(backendOptions);
  }, 60_000);

  afterAll(async () => {
    await started?.backend.stop();
    api?.close();
  }, 30_000);

  const get = () => {
    if (!started) throw new Error('the source test backend has not started');
    return started;
  };
  return {
    get baseUrl() {
      return get().baseUrl;
    },
    get deliveryDb() {
      return get().knexes.delivery;
    },
    post: (topic, body, headers = {}) =>
      fetch(`${get().baseUrl}/api/events/http/${topic}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    read: async path => {
      const response = await fetch(`${get().baseUrl}/api/delivery${path}`, {
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      return response.json();
    },
    count: async table =>
      Number((await get().knexes.delivery(table).count({ n: '*' }))[0].n),
  };
}

/** The task a module scheduled with the scheduler mock, by id. */
export function scheduledTask(
  scheduler: ReturnType<typeof mockServices.scheduler.mock>,
  id: string,
): SchedulerServiceTaskInvocationDefinition &
  SchedulerServiceTaskScheduleDefinition {
  const task = scheduler.scheduleTask.mock.calls
    .map(([definition]) => definition)
    .find(definition => definition.id === id);
  if (!task) throw new Error(`no task ${id} was scheduled`);
  return task;
}
