/*
 * PostgreSQL restarted under load, on a cluster of the test's own: while writers send
 * POST /events batches and a reader polls /dora, the server is shut down (fast: open
 * connections are cut), left down for a few seconds, and started again. Every answer
 * is a 200 or a 503 with Retry-After and a message (never a 500); a batch answered
 * 503 is stored whole or not at all; the service recovers without a restart; after the
 * writers re-send what was refused, every event is stored exactly once with all its
 * commits.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex, knex as createKnex } from 'knex';
import { AddressInfo } from 'node:net';
import {
  OwnPostgres,
  ownPostgresAvailable,
  startOwnPostgres,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryPlugin } from '../plugin';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const describeWithPostgres =
  ownPostgresAvailable() || process.env.PORTAL_REQUIRE_POSTGRES
    ? describe
    : describe.skip;

const COMPONENT = 'component:default/checkout';
const BATCH = 20;

/** Batch `seq` of writer `w`: BATCH deployments, two commits each. */
function batch(w: number, seq: number) {
  return Array.from({ length: BATCH }, (_, i) => {
    const at = Date.UTC(2026, 0, 5) + (seq * BATCH + i) * 60_000;
    return {
      kind: 'deployment',
      source: 'fault',
      id: `w${w}-${seq}-${i}`,
      entityRef: COMPONENT,
      environment: 'production',
      status: 'success',
      startedAt: new Date(at).toISOString(),
      finishedAt: new Date(at + 30_000).toISOString(),
      commits: [
        {
          sha: `w${w}-${seq}-${i}-a`,
          committedAt: new Date(at - 3_600_000).toISOString(),
        },
        {
          sha: `w${w}-${seq}-${i}-b`,
          committedAt: new Date(at - 7_200_000).toISOString(),
        },
      ],
    };
  });
}

describeWithPostgres('PostgreSQL restarted under load', () => {
  let pg: OwnPostgres;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;
  let db: Knex;
  const auth = { Authorization: mockCredentials.user.header() };

  beforeAll(async () => {
    // knex reports each refused connection on the console while the server is down.
    const log = console.log;
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      if (!/Connection Error|Acquire connection error/.test(String(args[0]))) {
        log(...args);
      }
    });
    pg = startOwnPostgres();
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'checkout', namespace: 'default' },
              spec: { type: 'service', owner: 'team-a' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: pg.connection,
                // Fail fast while the server is down: a 503 after 2 s, not a 60 s hang.
                knexConfig: { acquireConnectionTimeout: 2000 },
              },
            },
            delivery: { ingestion: { rateLimit: { requests: 0 } } },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    stopBackend = () => backend.stop();
    db = createKnex({
      client: 'pg',
      connection: { ...pg.connection, database: 'backstage_plugin_delivery' },
    });
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await stopBackend?.();
    pg?.destroy();
  }, 60_000);

  it('answers 503 with Retry-After while it is down, stores nothing half, and recovers by itself', async () => {
    type Outcome = { w: number; seq: number; status: number; at: number };
    const outcomes: Outcome[] = [];
    const problems: string[] = [];
    let running = true;

    const post = async (w: number, seq: number) => {
      const response = await fetch(`${baseUrl}/api/delivery/events`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ events: batch(w, seq) }),
      });
      const body = await response.json();
      if (response.status === 503) {
        if (response.headers.get('retry-after') !== '5') {
          problems.push(`503 without Retry-After: 5`);
        }
        if (
          !/^the delivery database is unavailable; retry after 5 s/.test(
            body.error?.message,
          )
        ) {
          problems.push(`503 message: ${body.error?.message}`);
        }
      } else if (response.status !== 200) {
        problems.push(`${response.status}: ${JSON.stringify(body)}`);
      } else if (body.accepted + body.updated !== BATCH) {
        problems.push(`200 but ${JSON.stringify(body)}`);
      }
      return response.status;
    };

    const writer = async (w: number) => {
      for (let seq = 0; running; seq++) {
        const status = await post(w, seq);
        outcomes.push({ w, seq, status, at: Date.now() });
        // A client backs off after a 503 (Retry-After says 5 s; 1 s keeps the test short).
        if (status === 503) await sleep(1000);
      }
    };
    const readStatuses: number[] = [];
    const reader = async () => {
      while (running) {
        const response = await fetch(
          `${baseUrl}/api/delivery/dora?entityRef=${COMPONENT}&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
          { headers: auth },
        );
        readStatuses.push(response.status);
        if (![200, 503].includes(response.status)) {
          problems.push(
            `GET /dora ${response.status}: ${await response.text()}`,
          );
        }
        await sleep(100);
      }
    };

    const load = [0, 1, 2].map(writer).concat(reader());
    await sleep(2000);
    const downAt = Date.now();
    pg.stop();
    await sleep(5000);
    pg.start();
    const upAt = Date.now();
    await sleep(5000);
    running = false;
    await Promise.all(load);

    expect(problems).toEqual([]);
    const refused = outcomes.filter(o => o.status === 503);
    // The outage was seen, and the service came back by itself.
    expect(refused.length).toBeGreaterThan(0);
    expect(readStatuses).toContain(503);
    expect(
      outcomes.filter(o => o.at < downAt && o.status === 200).length,
    ).toBeGreaterThan(0);
    const afterRecovery = outcomes.filter(o => o.at > upAt + 3000);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.every(o => o.status === 200)).toBe(true);

    // Nothing half-written: a refused batch is stored whole or not at all.
    const storedIds = new Set(
      (await db('deployments').select('external_id')).map(r => r.external_id),
    );
    for (const o of refused) {
      const ids = batch(o.w, o.seq).map(e => e.id);
      const stored = ids.filter(id => storedIds.has(id)).length;
      expect([0, BATCH]).toContain(stored);
    }

    // The writers re-send what was refused, as Retry-After tells them.
    for (const o of refused) expect(await post(o.w, o.seq)).toBe(200);

    // Every event sent is stored exactly once, with both its commits.
    const sent = outcomes.flatMap(o => batch(o.w, o.seq).map(e => e.id));
    const rows = await db('deployments')
      .where({ source: 'fault' })
      .select('pk', 'external_id');
    expect(rows.length).toBe(sent.length);
    expect(new Set(rows.map(r => r.external_id))).toEqual(new Set(sent));
    const commitCounts = await db('deployment_commits')
      .select('deployment_pk')
      .count({ n: '*' })
      .groupBy('deployment_pk');
    expect(commitCounts.length).toBe(sent.length);
    expect(commitCounts.every(c => Number(c.n) === 2)).toBe(true);

    // And the figures read back: every deployment counted once.
    const dora = await fetch(
      `${baseUrl}/api/delivery/dora?entityRef=${COMPONENT}&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
      { headers: auth },
    );
    expect(dora.status).toBe(200);
    expect((await dora.json()).deploymentFrequency.deployments).toBe(
      sent.length,
    );
    // eslint-disable-next-line no-console
    console.log(
      `database restart: ${outcomes.length} batches (${sent.length} events), ${refused.length} answered 503 and re-sent, ${readStatuses.length} reads, 0 lost, 0 duplicated`,
    );
  }, 120_000);
});
