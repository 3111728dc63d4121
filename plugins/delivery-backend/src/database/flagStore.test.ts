/*
 * The flag store on SQLite and PostgreSQL: round trip, idempotent redelivery, and
 * each row's history columns (served, is_release, ended_*) as delivery-common's
 * flagHistory defines them, whatever order changes arrive in.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { FlagEvent } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DeliveryStore } from './DeliveryStore';
import { FlagRow, toFlagEvent } from './flagRows';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
// Each test migrates a fresh database: more than 5 s when the machine is busy.
jest.setTimeout(30_000);

/** A change of checkout's flag new-cart in production; `extra` overrides any field. */
const flag = (
  id: string,
  at: string,
  action: FlagEvent['action'],
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: 'component:default/checkout',
  flagKey: 'new-cart',
  environment: 'production',
  action,
  at,
  ...extra,
});

async function storeOn(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DeliveryStore.create(
    { getClient: async () => knex },
    { productionEnvironments: ['production'] },
  );
  return { knex, store };
}

/** Each stored row's history columns, by external id, in a comparable form. */
async function histories(knex: Knex) {
  const rows: FlagRow[] = await knex('flags').orderBy('external_id');
  return Object.fromEntries(
    rows.map(row => [
      row.external_id,
      {
        served: Number(row.served),
        release: Number(row.is_release) === 1,
        endedMs: row.ended_ms === null ? null : Number(row.ended_ms),
      },
    ]),
  );
}

describe.each(databases.eachSupportedId())('flag store on %p', databaseId => {
  it('stores a change as sent, its instant in UTC, and reads it back', async () => {
    const { knex, store } = await storeOn(databaseId as TestDatabaseId);
    const sent = flag('f1', '2026-02-01T10:00:00+01:00', 'rollout', {
      entityRef: 'Component:default/Checkout',
      percentage: 12.5,
      author: 'alice@example.com',
      url: 'https://unleash.example.com/projects/shop/features/new-cart',
    });
    expect(await store.upsert([sent])).toEqual(['inserted']);
    const rows: FlagRow[] = await knex('flags');
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].at_ms)).toBe(Date.parse('2026-02-01T09:00:00Z'));
    expect(toFlagEvent(rows[0])).toEqual({
      ...sent,
      // Entity refs are kept lower-cased, instants in UTC.
      entityRef: 'component:default/checkout',
      at: '2026-02-01T09:00:00.000Z',
    });
    // Optional fields stay absent rather than null.
    const bare = flag('f2', '2026-02-01T11:00:00Z', 'off');
    await store.upsert([bare]);
    const [row] = await knex('flags').where('external_id', 'f2');
    expect(toFlagEvent(row)).toEqual({
      ...bare,
      at: '2026-02-01T11:00:00.000Z',
    });
  });

  it('updates a redelivered change instead of duplicating it, in a batch and across batches', async () => {
    const { knex, store } = await storeOn(databaseId as TestDatabaseId);
    const first = flag('f1', '2026-02-01T10:00:00Z', 'rollout', {
      percentage: 10,
    });
    expect(await store.upsert([first, { ...first, percentage: 20 }])).toEqual([
      'inserted',
      'updated',
    ]);
    expect(
      await store.upsert([
        { ...first, percentage: 30 },
        // Same id from another source: another change.
        { ...first, source: 'launchdarkly' },
      ]),
    ).toEqual(['updated', 'inserted']);
    const rows = await knex('flags')
      .select('source', 'external_id', 'percentage')
      .orderBy('source');
    expect(rows.map(r => ({ ...r, percentage: Number(r.percentage) }))).toEqual(
      [
        { source: 'launchdarkly', external_id: 'f1', percentage: 10 },
        { source: 'unleash', external_id: 'f1', percentage: 30 },
      ],
    );
  });

  it('keeps each history in order whatever order changes arrive in', async () => {
    const { knex, store } = await storeOn(databaseId as TestDatabaseId);
    const ms = (iso: string) => Date.parse(iso);
    /*
     * new-cart in production, in time order:
     *   a 10:00 rollout 10  served 0 -> 10: a release (ends at d)
     *   b 11:00 rollout 50  10 -> 50
     *   c 11:30 targeting   50 -> 50 (no percentage: unchanged)
     *   d 12:00 off         50 -> 0: ends the release of a
     *   e 13:00 on          0 -> 100: a new release, not ended
     * new-cart in PRODUCTION-EU is another history; staging's on is another too.
     * Sent newest first over two batches: the columns must not depend on it.
     */
    await store.upsert([
      flag('e', '2026-02-01T13:00:00Z', 'on'),
      flag('d', '2026-02-01T12:00:00Z', 'off'),
      flag('s', '2026-02-01T10:30:00Z', 'on', { environment: 'staging' }),
    ]);
    await store.upsert([
      flag('c', '2026-02-01T11:30:00Z', 'targeting'),
      flag('b', '2026-02-01T11:00:00Z', 'rollout', { percentage: 50 }),
      flag('a', '2026-02-01T10:00:00Z', 'rollout', { percentage: 10 }),
      flag('eu', '2026-02-01T11:45:00Z', 'rollout', {
        environment: 'production-eu',
        percentage: 5,
      }),
    ]);
    expect(await histories(knex)).toEqual({
      a: { served: 10, release: true, endedMs: ms('2026-02-01T12:00:00Z') },
      b: { served: 50, release: false, endedMs: null },
      c: { served: 50, release: false, endedMs: null },
      d: { served: 0, release: false, endedMs: null },
      e: { served: 100, release: true, endedMs: null },
      eu: { served: 5, release: true, endedMs: null },
      s: { served: 100, release: true, endedMs: null },
    });

    // d re-sent as a rollout to 20 %: the release of a no longer ends, e is a ramp step.
    await store.upsert([
      flag('d', '2026-02-01T12:00:00Z', 'rollout', { percentage: 20 }),
    ]);
    expect(await histories(knex)).toMatchObject({
      a: { served: 10, release: true, endedMs: null },
      d: { served: 20, release: false, endedMs: null },
      e: { served: 100, release: false, endedMs: null },
    });

    // b moved to another flag: both histories are recomputed (a now ramps 10 -> 20 at d).
    await store.upsert([
      flag('b', '2026-02-01T11:00:00Z', 'rollout', {
        flagKey: 'fast-search',
        percentage: 50,
      }),
    ]);
    expect(await histories(knex)).toMatchObject({
      a: { served: 10, release: true, endedMs: null },
      b: { served: 50, release: true, endedMs: null },
      c: { served: 10, release: false, endedMs: null },
      d: { served: 20, release: false, endedMs: null },
    });
  });

  it('draws the latest changes of a window on the timeline when there are more than the limit', async () => {
    const { store } = await storeOn(databaseId as TestDatabaseId);
    // Hourly changes 00:00 .. 05:00; the window [01:00, 05:00) holds 01..04.
    await store.upsert(
      [0, 1, 2, 3, 4, 5].map(h =>
        flag(`h${h}`, `2026-02-01T0${h}:00:00Z`, h % 2 ? 'off' : 'on'),
      ),
    );
    const scope = {
      entityRefs: ['component:default/checkout'],
      from: '2026-02-01T01:00:00.000Z',
      to: '2026-02-01T05:00:00.000Z',
    };
    const all = await store.loadTimelineFlags({ ...scope, limit: 4 });
    expect(all.truncated).toBe(false);
    expect(all.items.map(f => f.id)).toEqual(['h1', 'h2', 'h3', 'h4']);
    // Two of four: the latest two, still oldest first.
    const capped = await store.loadTimelineFlags({ ...scope, limit: 2 });
    expect(capped.truncated).toBe(true);
    expect(capped.items.map(f => f.id)).toEqual(['h3', 'h4']);
  });

  it('keeps a history right when two writers store changes of one flag at once', async () => {
    const { knex } = await storeOn(databaseId as TestDatabaseId);
    const stores = await Promise.all(
      [0, 1].map(() =>
        DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        ),
      ),
    );
    // Four rounds of on / off from two writers: each history column must follow
    // from all eight changes, as if they came one by one.
    await Promise.all(
      [0, 1, 2, 3].flatMap(round =>
        stores.map((store, writer) =>
          store.upsert([
            flag(
              `r${round}w${writer}`,
              `2026-02-01T1${round}:${writer}0:00Z`,
              writer === 0 ? 'on' : 'off',
            ),
          ]),
        ),
      ),
    );
    const stored = await histories(knex);
    for (const round of [0, 1, 2, 3]) {
      expect(stored[`r${round}w0`]).toEqual({
        served: 100,
        release: true,
        endedMs: Date.parse(`2026-02-01T1${round}:10:00Z`),
      });
      expect(stored[`r${round}w1`]).toEqual({
        served: 0,
        release: false,
        endedMs: null,
      });
    }
  });
});
