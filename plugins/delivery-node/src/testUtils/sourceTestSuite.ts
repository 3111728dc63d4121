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
  count(
    table: 'deployments' | 'incidents' | 'changes' | 'flags',
  ): Promise<number>;
  /** The stored deployments of component `name` (default namespace), as listed. */
  deploymentsOf(name: string): Promise<StoredEvent[]>;
  /** The stored incidents of component `name` (default namespace), as listed. */
  incidentsOf(name: string): Promise<StoredEvent[]>;
  /** The deployment `id` of `name` once stored and `ready`: handling may lag the 202. */
  deploymentOf(
    name: string,
    id: string,
    ready?: (event: StoredEvent) => boolean,
  ): Promise<StoredEvent>;
  /** The incident `id` of `name` once stored and `ready`: handling may lag the 202. */
  incidentOf(
    name: string,
    id: string,
    ready?: (event: StoredEvent) => boolean,
  ): Promise<StoredEvent>;
  /** The stored flag changes of component `name` (default namespace), newest first. */
  flagsOf(name: string): Promise<StoredEvent[]>;
  /** The flag change `id` of `name` once stored and `ready`: handling may lag the 202. */
  flagOf(
    name: string,
    id: string,
    ready?: (event: StoredEvent) => boolean,
  ): Promise<StoredEvent>;
}

/** An event as the delivery API lists it. */
export type StoredEvent = { id: string; [field: string]: any };

/** Polls until `found` answers something (100 tries, 50 ms apart). */
export async function eventually<T>(
  found: () => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await found();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('timed out waiting for the delivery to be stored');
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
  const read = async (path: string) => {
    const response = await fetch(`${get().baseUrl}/api/delivery${path}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const listOf =
    (kind: 'deployments' | 'incidents' | 'flags') =>
    async (name: string): Promise<StoredEvent[]> =>
      (await read(`/${kind}?entityRef=component:default/${name}&limit=500`))
        .items;
  const oneOf =
    (list: (name: string) => Promise<StoredEvent[]>) =>
    (name: string, id: string, ready = (_: StoredEvent) => true) =>
      eventually(async () =>
        (await list(name)).find(event => event.id === id && ready(event)),
      );
  const deploymentsOf = listOf('deployments');
  const incidentsOf = listOf('incidents');
  const flagsOf = listOf('flags');
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
    read,
    count: async table =>
      Number((await get().knexes.delivery(table).count({ n: '*' }))[0].n),
    deploymentsOf,
    incidentsOf,
    deploymentOf: oneOf(deploymentsOf),
    incidentOf: oneOf(incidentsOf),
    flagsOf,
    flagOf: oneOf(flagsOf),
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
