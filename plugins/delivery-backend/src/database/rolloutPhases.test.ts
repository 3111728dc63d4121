/*
 * Progressive rollouts in the store, on SQLite and PostgreSQL: phases stored in start
 * order and replaced on redelivery, the rollbacks derived from aborted canaries kept
 * exactly as delivery-common `settleRollouts` says over what sources sent.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  DeploymentEvent,
  DeploymentPhase,
  settleRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DeliveryStore } from './DeliveryStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SHOP = 'component:default/shop';

const phase = (
  kind: DeploymentPhase['kind'],
  status: DeploymentPhase['status'],
  startedAt: string,
  finishedAt?: string,
  weight?: number,
): DeploymentPhase => ({
  name: weight === undefined ? kind : `setWeight ${weight}`,
  kind,
  status,
  startedAt,
  ...(finishedAt ? { finishedAt } : {}),
  ...(weight === undefined ? {} : { weight }),
});

// A canary of shop on 2026-02-02: 12.5% at 10:00, analysis from 10:01 (offset +01:00,
// the same instants), 25% at 10:10, then the analysis fails and the rollout aborts
// from 10:20 to 10:22.
const canarySteps = [
  phase(
    'canary-step',
    'succeeded',
    '2026-02-02T10:00:00Z',
    '2026-02-02T10:01:00Z',
    12.5,
  ),
  phase(
    'analysis',
    'succeeded',
    '2026-02-02T11:01:00+01:00',
    '2026-02-02T11:10:00+01:00',
  ),
  phase(
    'canary-step',
    'succeeded',
    '2026-02-02T10:10:00Z',
    '2026-02-02T10:11:00Z',
    25,
  ),
];
const failedAnalysis = phase(
  'analysis',
  'failed',
  '2026-02-02T10:11:00Z',
  '2026-02-02T10:20:00Z',
);
const abort = phase(
  'abort',
  'succeeded',
  '2026-02-02T10:20:00Z',
  '2026-02-02T10:22:00Z',
  0,
);

const rollout = (
  id: string,
  phases: DeploymentPhase[] | undefined,
  extra: Partial<DeploymentEvent> = {},
): DeploymentEvent => ({
  kind: 'deployment',
  source: 'argo-rollouts',
  id,
  entityRef: SHOP,
  environment: 'production',
  status: 'in_progress',
  startedAt: '2026-02-02T10:00:00Z',
  commits: [{ sha: 'abc', committedAt: '2026-02-02T09:00:00Z' }],
  ...(phases ? { phases } : {}),
  ...extra,
});

/** The source's own rollback of r1, an Argo CD sync of the stable revision at 10:40. */
const sourceRollback = (extra: Partial<DeploymentEvent> = {}) =>
  rollout('sync-stable', undefined, {
    status: 'success',
    startedAt: '2026-02-02T10:35:00Z',
    finishedAt: '2026-02-02T10:40:00Z',
    commits: [],
    rollbackOf: 'r1',
    ...extra,
  });

const byId = (a: { id: string }, b: { id: string }) => {
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
};

async function phaseCount(knex: Knex) {
  const [{ n }] = await knex('deployment_phases').count({ n: '*' });
  return Number(n);
}

/** Every stored deployment as (id, status, finishedAt, rollbackOf, derived, in DORA). */
async function stored(knex: Knex) {
  const rows = await knex('deployments as d')
    .leftJoin('deployments as r', 'r.pk', 'd.derived_from')
    .leftJoin('dora_deployments as dd', 'dd.deployment_pk', 'd.pk')
    .select({
      id: 'd.external_id',
      status: 'd.status',
      finishedMs: 'd.finished_ms',
      rollbackOf: 'd.rollback_of',
      derivedFrom: 'r.external_id',
      dora: 'dd.deployment_pk',
    });
  return rows
    .map(r => ({
      id: r.id,
      status: r.status,
      finishedAt:
        r.finishedMs === null
          ? null
          : new Date(Number(r.finishedMs)).toISOString(),
      rollbackOf: r.rollbackOf,
      derivedFrom: r.derivedFrom,
      dora: r.dora !== null,
    }))
    .sort(byId);
}

// r1 aborted after 25%: a success found bad when the abort started (10:20), and the
// rollback derived from it lasting the abort (finished 10:22), both DORA deployments.
const abortedCanary = {
  id: 'r1',
  status: 'success',
  finishedAt: '2026-02-02T10:20:00.000Z',
  rollbackOf: null,
  derivedFrom: null,
  dora: true,
};
const derivedRollback = {
  id: 'r1:abort',
  status: 'success',
  finishedAt: '2026-02-02T10:22:00.000Z',
  rollbackOf: 'r1',
  derivedFrom: 'r1',
  dora: true,
};

describe.each(databases.eachSupportedId())(
  'rollout phases in the store on %p',
  databaseId => {
    async function newStore() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      return { knex, store };
    }
    const timeline = (store: DeliveryStore) =>
      store.loadTimelineDeployments({
        entityRefs: [SHOP],
        from: '2026-02-02T00:00:00.000Z',
        to: '2026-02-03T00:00:00.000Z',
        environments: ['production'],
        limit: 10,
      });
    const listed = (store: DeliveryStore) =>
      store
        .listDeployments({ entityRefs: [SHOP], limit: 10 })
        .then(page => new Map(page.items.map(d => [d.id, d])));

    it('stores phases in start order and answers them on the list and the timeline, UTC', async () => {
      const { store } = await newStore();
      await store.upsert([
        rollout('r1', [...canarySteps].reverse()),
        rollout('plain', undefined, {
          source: 'github',
          status: 'success',
          finishedAt: '2026-02-02T09:00:00Z',
          startedAt: '2026-02-02T08:55:00Z',
        }),
      ]);
      const expected = [
        {
          name: 'setWeight 12.5',
          kind: 'canary-step',
          weight: 12.5,
          startedAt: '2026-02-02T10:00:00.000Z',
          finishedAt: '2026-02-02T10:01:00.000Z',
          status: 'succeeded',
        },
        {
          name: 'analysis',
          kind: 'analysis',
          startedAt: '2026-02-02T10:01:00.000Z',
          finishedAt: '2026-02-02T10:10:00.000Z',
          status: 'succeeded',
        },
        {
          name: 'setWeight 25',
          kind: 'canary-step',
          weight: 25,
          startedAt: '2026-02-02T10:10:00.000Z',
          finishedAt: '2026-02-02T10:11:00.000Z',
          status: 'succeeded',
        },
      ];
      const list = await listed(store);
      expect(list.get('r1')!.phases).toEqual(expected);
      expect(list.get('r1')!.status).toBe('in_progress');
      expect(list.get('plain')!.phases).toBeUndefined();
      const drawn = await timeline(store);
      expect(drawn.map(d => [d.id, d.phases])).toEqual([
        ['plain', undefined],
        ['r1', expected],
      ]);
    });

    it('replaces the phases of a redelivered rollout, and keeps them against a late shorter list', async () => {
      const { knex, store } = await newStore();
      await store.upsert([rollout('r1', canarySteps.slice(0, 1))]);
      // Argo sends the growing list.
      expect(await store.upsert([rollout('r1', canarySteps)])).toEqual([
        'updated',
      ]);
      expect((await listed(store)).get('r1')!.phases).toHaveLength(3);
      // Redelivered with fewer phases (a corrected report): exactly those.
      await store.upsert([rollout('r1', canarySteps.slice(0, 2))]);
      expect((await listed(store)).get('r1')!.phases).toHaveLength(2);
      expect(await phaseCount(knex)).toBe(2);
      // Aborted: finished. A late "in progress" with the shorter list does not
      // reopen it, nor take its phases.
      await store.upsert([
        rollout('r1', [...canarySteps, failedAnalysis, abort]),
      ]);
      await store.upsert([rollout('r1', canarySteps.slice(0, 1))]);
      const r1 = (await listed(store)).get('r1')!;
      expect(r1.status).toBe('success');
      expect(r1.phases).toHaveLength(5);
      expect(await phaseCount(knex)).toBe(5);
    });

    it('derives the rollback of a canary aborted after traffic once, however often it is redelivered', async () => {
      const { knex, store } = await newStore();
      const aborted = rollout('r1', [...canarySteps, failedAnalysis, abort]);
      // Derived rows are not events the caller sent: one outcome per event.
      expect(await store.upsert([aborted])).toEqual(['inserted']);
      expect(await stored(knex)).toEqual([abortedCanary, derivedRollback]);
      expect(await store.upsert([aborted, aborted])).toEqual([
        'updated',
        'updated',
      ]);
      expect(await stored(knex)).toEqual([abortedCanary, derivedRollback]);

      // Redelivered with the abort finished later (10:25): updated in place.
      await store.upsert([
        rollout('r1', [
          ...canarySteps,
          failedAnalysis,
          { ...abort, finishedAt: '2026-02-02T10:25:00Z' },
        ]),
      ]);
      expect(await stored(knex)).toEqual([
        abortedCanary,
        { ...derivedRollback, finishedAt: '2026-02-02T10:25:00.000Z' },
      ]);
      const list = await listed(store);
      expect(list.get('r1:abort')).toMatchObject({
        triggeredBy: 'rollout abort',
        rollbackOf: 'r1',
        commits: [],
      });
      expect(list.get('r1:abort')!.phases).toBeUndefined();
      // The timeline marks the canary rolled back.
      const drawn = await timeline(store);
      expect(drawn.find(d => d.id === 'r1')!.rolledBack).toBe(true);
    });

    it('derives no rollback of a canary aborted before traffic, and drops one an abort no longer calls for', async () => {
      const { knex, store } = await newStore();
      const zero = phase(
        'canary-step',
        'succeeded',
        '2026-02-02T10:00:00Z',
        '2026-02-02T10:01:00Z',
        0,
      );
      await store.upsert([rollout('r2', [zero, failedAnalysis, abort])]);
      expect(await stored(knex)).toEqual([
        {
          id: 'r2',
          status: 'failure',
          finishedAt: '2026-02-02T10:22:00.000Z',
          rollbackOf: null,
          derivedFrom: null,
          dora: false,
        },
      ]);

      // r1 aborted, then re-sent corrected: promoted at 10:30, its rollback goes.
      await store.upsert([
        rollout('r1', [...canarySteps, failedAnalysis, abort]),
      ]);
      expect((await stored(knex)).map(r => r.id)).toEqual([
        'r1',
        'r1:abort',
        'r2',
      ]);
      await store.upsert([
        rollout('r1', [
          ...canarySteps,
          phase(
            'promote',
            'succeeded',
            '2026-02-02T10:30:00Z',
            '2026-02-02T10:30:00Z',
          ),
        ]),
      ]);
      expect((await stored(knex)).slice(0, 1)).toEqual([
        { ...abortedCanary, finishedAt: '2026-02-02T10:30:00.000Z' },
      ]);
      // Its DORA fact went with it: r1 alone counts (r2 failed).
      expect((await stored(knex)).map(r => [r.id, r.dora])).toEqual([
        ['r1', true],
        ['r2', false],
      ]);
      const facts = await knex('dora_deployments').count({ n: '*' });
      expect(Number(facts[0].n)).toBe(1);
    });

    it('counts a rollback the source reports instead of deriving one, whichever arrives first', async () => {
      const { knex, store } = await newStore();
      const aborted = rollout('r1', [...canarySteps, failedAnalysis, abort]);
      const reportedRollback = {
        id: 'sync-stable',
        status: 'success',
        finishedAt: '2026-02-02T10:40:00.000Z',
        rollbackOf: 'r1',
        derivedFrom: null,
        dora: true,
      };

      // Canary first: derived, then replaced by the source's rollback.
      await store.upsert([aborted]);
      await store.upsert([sourceRollback()]);
      expect(await stored(knex)).toEqual([abortedCanary, reportedRollback]);
      // Redelivering the canary does not bring the derived one back.
      await store.upsert([aborted]);
      expect(await stored(knex)).toEqual([abortedCanary, reportedRollback]);

      // The source's rollback fails after all: the abort's rollback is derived again.
      await store.upsert([sourceRollback({ status: 'failure' })]);
      expect((await stored(knex)).map(r => r.id)).toEqual([
        'r1',
        'r1:abort',
        'sync-stable',
      ]);
      // It succeeds, then is corrected to roll back nothing: derived, gone, back.
      await store.upsert([sourceRollback()]);
      expect((await stored(knex)).map(r => r.id)).toEqual([
        'r1',
        'sync-stable',
      ]);
      await store.upsert([sourceRollback({ rollbackOf: undefined })]);
      expect((await stored(knex)).map(r => r.id)).toEqual([
        'r1',
        'r1:abort',
        'sync-stable',
      ]);
    });

    it('counts the source rollback when both arrive in one batch, or the rollback first', async () => {
      for (const batches of [
        [[sourceRollback(), rollout('r1', [...canarySteps, abort])]],
        [[sourceRollback()], [rollout('r1', [...canarySteps, abort])]],
      ]) {
        const { knex, store } = await newStore();
        for (const batch of batches) await store.upsert(batch);
        expect((await stored(knex)).map(r => r.id)).toEqual([
          'r1',
          'sync-stable',
        ]);
      }
    });

    it('derives nothing over an id the source itself uses', async () => {
      const { knex, store } = await newStore();
      const squatter = rollout('r1:abort', undefined, {
        status: 'failure',
        finishedAt: '2026-02-02T09:00:00Z',
        startedAt: '2026-02-02T08:00:00Z',
      });
      await store.upsert([squatter]);
      await store.upsert([rollout('r1', [...canarySteps, abort])]);
      const rows = await stored(knex);
      expect(rows.find(r => r.id === 'r1:abort')).toMatchObject({
        status: 'failure',
        derivedFrom: null,
      });
    });

    it('holds what settleRollouts gives over the latest version of every event sent', async () => {
      const { knex, store } = await newStore();
      const sent = new Map<string, DeploymentEvent>();
      const send = async (...events: DeploymentEvent[]) => {
        for (const e of events) sent.set(e.id, e);
        await store.upsert(events);
      };
      await send(
        rollout('r1', [...canarySteps, abort]),
        rollout('r2', canarySteps.slice(0, 1)),
        rollout('r3', [...canarySteps, failedAnalysis, abort], {
          environment: 'staging',
        }),
      );
      await send(sourceRollback(), rollout('r2', [...canarySteps, abort]));
      await send(sourceRollback({ rollbackOf: 'r3', environment: 'staging' }));
      const expected = settleRollouts([...sent.values()])
        .sort(byId)
        .map(d => [d.id, d.status, d.rollbackOf ?? null]);
      // r1 rolled back by the source now names r3 (staging): r1's derived is back;
      // r2's aborted after 25%: derived; r3's superseded by the staging rollback.
      expect(expected.map(e => e[0])).toEqual([
        'r1',
        'r1:abort',
        'r2',
        'r2:abort',
        'r3',
        'sync-stable',
      ]);
      expect(
        (await stored(knex)).map(r => [r.id, r.status, r.rollbackOf]),
      ).toEqual(expected);
    });
  },
);
