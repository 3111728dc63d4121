import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DeliveryStore } from './DeliveryStore';
import { SourceStatusStore } from './sourceStatus';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DeliveryStore on %p',
  databaseId => {
    it('counts repeated unmatched events instead of duplicating them', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      const unknownRepo = {
        source: 'github',
        key: 'acme/unknown',
        reason: 'no component annotated github.com/project-slug: acme/unknown',
      };
      await store.reportUnmatched(unknownRepo);
      await store.reportUnmatched({ ...unknownRepo, reason: 'still unknown' });
      await store.reportUnmatched({
        source: 'gitlab',
        key: 'x/y',
        reason: 'r',
      });

      const items = await store.listUnmatched();
      expect(items).toHaveLength(2);
      const github = items.find(i => i.source === 'github')!;
      expect(github.count).toBe(2);
      expect(github.reason).toBe('still unknown');
      expect(github.lastSeenAt >= github.firstSeenAt).toBe(true);
    });

    it('keeps the last success and last failure of each source sync', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      const status = new SourceStatusStore(knex);
      const at = (iso: string) => new Date(iso);
      await status.record({
        source: 'gitlab',
        via: 'pull',
        at: at('2026-11-22T09:00:00Z'),
      });
      await status.record({
        source: 'gitlab',
        via: 'pull',
        error: 'GET /projects/42/deployments: 503',
        at: at('2026-11-22T10:00:00Z'),
      });
      await status.record({
        source: 'gitlab',
        via: 'pull',
        error: 'GET /projects/42/deployments: 429',
        at: at('2026-11-22T11:00:00Z'),
      });
      await status.record({
        source: 'argocd',
        instance: 'eu',
        via: 'webhook',
        at: at('2026-11-22T11:30:00Z'),
      });

      expect(await status.list()).toEqual([
        {
          source: 'argocd',
          instance: 'eu',
          via: 'webhook',
          lastSuccessAt: '2026-11-22T11:30:00.000Z',
          lastErrorAt: undefined,
          lastError: undefined,
          consecutiveFailures: 0,
        },
        {
          source: 'gitlab',
          instance: '',
          via: 'pull',
          lastSuccessAt: '2026-11-22T09:00:00.000Z',
          lastErrorAt: '2026-11-22T11:00:00.000Z',
          lastError: 'GET /projects/42/deployments: 429',
          consecutiveFailures: 2,
        },
      ]);

      // A success resets the failure count and keeps the last error for the record.
      await status.record({
        source: 'gitlab',
        via: 'pull',
        at: at('2026-11-22T12:00:00Z'),
      });
      const [, gitlab] = await status.list();
      expect(gitlab.consecutiveFailures).toBe(0);
      expect(gitlab.lastSuccessAt).toBe('2026-11-22T12:00:00.000Z');
      expect(gitlab.lastError).toBe('GET /projects/42/deployments: 429');
    });

    it('keeps one row per (source, id) when a batch repeats an event', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      const event = {
        kind: 'deployment' as const,
        source: 'ci',
        id: '42',
        entityRef: 'component:default/a',
        environment: 'production',
        status: 'success' as const,
        startedAt: '2026-01-05T10:00:00Z',
        finishedAt: '2026-01-05T10:05:00Z',
        commits: [{ sha: 'abc', committedAt: '2026-01-05T09:00:00Z' }],
      };
      const outcomes = await store.upsert([event, { ...event, version: 'v2' }]);
      expect(outcomes).toEqual(['inserted', 'updated']);
      const rows = await knex('deployments').select('version');
      expect(rows).toEqual([{ version: 'v2' }]);
      expect(await knex('deployment_commits').select('sha')).toEqual([
        { sha: 'abc' },
      ]);
    });

    it('does not let a late "in progress" reopen a finished deployment', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      const running = {
        kind: 'deployment' as const,
        source: 'github',
        id: 'acme/shop/deployments/7',
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'in_progress' as const,
        startedAt: '2026-01-05T10:00:00Z',
        commits: [],
      };
      const succeeded = {
        ...running,
        status: 'success' as const,
        finishedAt: '2026-01-05T10:05:00Z',
      };
      await store.upsert([running]);
      await store.upsert([succeeded]);
      expect(await store.upsert([running])).toEqual(['updated']);
      expect(await knex('deployments').select('status')).toEqual([
        { status: 'success' },
      ]);

      // A finished deployment may still change its outcome (success -> failure).
      await store.upsert([{ ...succeeded, status: 'failure' as const }]);
      expect(await knex('deployments').select('status')).toEqual([
        { status: 'failure' },
      ]);
    });
    describe('duplicate rollouts', () => {
      // GitHub Actions run-1 finishes 10:00, Argo CD sync-1 10:03, both shipping sha
      // abc (committed 09:00): one rollout, primary run-1 (the earlier report).
      const shipped = [{ sha: 'abc', committedAt: '2026-01-05T09:00:00Z' }];
      const report = (source: string, id: string, finishedAt: string) => ({
        kind: 'deployment' as const,
        source,
        id,
        entityRef: 'component:default/shop',
        environment: 'production',
        status: 'success' as const,
        startedAt: '2026-01-05T09:50:00Z',
        finishedAt,
        commits: shipped,
      });
      const run = report('github', 'run-1', '2026-01-05T10:00:00Z');
      const sync = report('argocd', 'sync-1', '2026-01-05T10:03:00Z');
      const window = {
        entityRefs: ['component:default/shop'],
        from: Date.parse('2026-01-05T00:00:00Z'),
        to: Date.parse('2026-01-06T00:00:00Z'),
      };

      async function facts(knex: Knex) {
        const deployments = await knex('deployments as d')
          .leftJoin('deployments as p', 'p.pk', 'd.duplicate_of')
          .orderBy('d.external_id')
          .select({ id: 'd.external_id', primary: 'p.external_id' });
        const dora = await knex('dora_deployments as dd')
          .join('deployments as d', 'd.pk', 'dd.deployment_pk')
          .select({ id: 'd.external_id' });
        const changes = await knex('dora_changes as c')
          .join('deployments as d', 'd.pk', 'c.deployment_pk')
          .select({ sha: 'c.sha', id: 'd.external_id', lead: 'c.lead_ms' });
        return {
          deployments: deployments.map(r => ({ ...r })),
          dora: dora.map(r => r.id),
          changes: changes.map(r => ({ ...r, lead: Number(r.lead) })),
        };
      }

      const merged = {
        deployments: [
          { id: 'run-1', primary: null },
          { id: 'sync-1', primary: 'run-1' },
        ],
        dora: ['run-1'],
        changes: [{ sha: 'abc', id: 'run-1', lead: 3_600_000 }],
      };

      it.each([
        ['GitHub first', [run], [sync]],
        ['Argo CD first', [sync], [run]],
        ['both at once', [sync, run], []],
      ])('merges the reports arriving %s', async (_, first, second) => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        await store.upsert(first);
        if (second.length) await store.upsert(second);
        expect(await facts(knex)).toEqual(merged);
        const aggregate = (await store.aggregateDeployments(window)).get(0);
        expect(aggregate?.deployments).toBe(1);
        const listed = await store.listDeployments({
          entityRefs: window.entityRefs,
          limit: 10,
        });
        expect(listed.items.map(i => [i.id, i.alsoReportedBy])).toEqual([
          ['run-1', [{ source: 'argocd', id: 'sync-1' }]],
        ]);
      });

      it('un-merges a re-sent report that stops matching, and rebuilds the same', async () => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        let store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        await store.upsert([run, sync]);
        // The run is re-sent finished 15 minutes later than the sync: two rollouts,
        // and sha abc is first deployed by the sync at 10:03 (lead 1 h 3 min).
        await store.upsert([report('github', 'run-1', '2026-01-05T10:18:00Z')]);
        const split = {
          deployments: [
            { id: 'run-1', primary: null },
            { id: 'sync-1', primary: null },
          ],
          dora: expect.arrayContaining(['run-1', 'sync-1']),
          changes: [{ sha: 'abc', id: 'sync-1', lead: 3_780_000 }],
        };
        expect(await facts(knex)).toEqual(split);
        // Back within the window (10:05, after the sync): the sync is now primary.
        await store.upsert([report('github', 'run-1', '2026-01-05T10:05:00Z')]);
        const resplit = {
          deployments: [
            { id: 'run-1', primary: 'sync-1' },
            { id: 'sync-1', primary: null },
          ],
          dora: ['sync-1'],
          changes: [{ sha: 'abc', id: 'sync-1', lead: 3_780_000 }],
        };
        expect(await facts(knex)).toEqual(resplit);
        // A rebuild (another window, then back) decides the same.
        store = await DeliveryStore.create(
          { getClient: async () => knex },
          {
            productionEnvironments: ['production'],
            duplicateRolloutWindowMinutes: 0,
          },
        );
        expect((await facts(knex)).dora).toHaveLength(2);
        store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        expect(await facts(knex)).toEqual(resplit);
        expect(store).toBeDefined();
      });
    });

    describe('the deployments list', () => {
      const deploymentEvent = (
        id: string,
        finishedAt: string,
        commits: { sha: string; committedAt: string }[],
        overrides: Record<string, unknown> = {},
      ) =>
        ({
          kind: 'deployment',
          source: 'github',
          id,
          entityRef: 'component:default/shop',
          environment: 'production',
          status: 'success',
          startedAt: finishedAt,
          finishedAt,
          commits,
          ...overrides,
        } as const);
      const listAll = (store: DeliveryStore) =>
        store
          .listDeployments({
            entityRefs: ['component:default/shop'],
            limit: 50,
          })
          .then(page => new Map(page.items.map(d => [d.id, d])));

      it('stores, lists and replaces who or what triggered a run', async () => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        await store.upsert([
          deploymentEvent('run-1', '2026-03-02T12:00:00Z', [], {
            triggeredBy: 'octocat (push)',
          }),
          deploymentEvent('run-2', '2026-03-02T13:00:00Z', []),
        ]);
        let listed = await listAll(store);
        expect(listed.get('run-1')!.triggeredBy).toBe('octocat (push)');
        expect(listed.get('run-2')!.triggeredBy).toBeUndefined();

        // A re-sent run replaces it, never duplicating the deployment.
        await store.upsert([
          deploymentEvent('run-1', '2026-03-02T12:00:00Z', [], {
            triggeredBy: 'hubot (workflow_dispatch)',
          }),
        ]);
        listed = await listAll(store);
        expect(listed.size).toBe(2);
        expect(listed.get('run-1')!.triggeredBy).toBe(
          'hubot (workflow_dispatch)',
        );
      });

      it('gives each row the lead time of the commits it deployed first', async () => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        const a = { sha: 'aaa', committedAt: '2026-03-02T08:00:00Z' };
        const b = { sha: 'bbb', committedAt: '2026-03-02T10:00:00Z' };
        const c = { sha: 'ccc', committedAt: '2026-03-02T17:00:00Z' };
        const d = { sha: 'ddd', committedAt: '2026-03-02T19:30:00Z' };
        await store.upsert([
          // d1 at 12:00 ships a (4 h) and b (2 h): median 3 h over 2 changes.
          deploymentEvent('d1', '2026-03-02T12:00:00Z', [a, b]),
          // d2 at 20:00 re-ships a and b (not counted) with c (3 h) and d
          // (0.5 h): median 1.75 h, where the oldest commit would say 12 h.
          deploymentEvent('d2', '2026-03-02T20:00:00Z', [a, b, c, d]),
          // Only re-shipped commits: no lead time.
          deploymentEvent('d3', '2026-03-03T09:00:00Z', [d]),
          // Staging and failed production runs show none either.
          deploymentEvent(
            's1',
            '2026-03-03T10:00:00Z',
            [{ sha: 'eee', committedAt: '2026-03-03T09:00:00Z' }],
            { environment: 'staging' },
          ),
          deploymentEvent(
            'f1',
            '2026-03-03T11:00:00Z',
            [{ sha: 'eee', committedAt: '2026-03-03T09:00:00Z' }],
            { status: 'failure' },
          ),
        ]);
        const listed = await listAll(store);
        const leadOf = (id: string) => {
          const row = listed.get(id)!;
          return [row.leadTimeHours, row.leadTimeChanges];
        };
        expect(leadOf('d1')).toEqual([3, 2]);
        expect(leadOf('d2')).toEqual([1.75, 2]);
        expect(leadOf('d3')).toEqual([undefined, undefined]);
        expect(leadOf('s1')).toEqual([undefined, undefined]);
        expect(leadOf('f1')).toEqual([undefined, undefined]);

        // An earlier deployment arriving late takes c over: d0 at 18:00 ships c
        // (1 h); d2 keeps only d (0.5 h).
        await store.upsert([
          deploymentEvent('d0', '2026-03-02T18:00:00Z', [c]),
        ]);
        const after = await listAll(store);
        expect(after.get('d0')!.leadTimeHours).toBe(1);
        expect(after.get('d2')!.leadTimeHours).toBe(0.5);
        expect(after.get('d2')!.leadTimeChanges).toBe(1);
      });
    });

    describe('changes', () => {
      const HOUR = 3_600_000;
      const at = (hours: number) =>
        new Date(
          Date.parse('2026-03-02T00:00:00Z') + hours * HOUR,
        ).toISOString();
      const change = (id: string, extra: Record<string, unknown> = {}) => ({
        kind: 'change' as const,
        source: 'github',
        id,
        entityRef: 'component:default/shop',
        openedAt: at(0),
        mergedAt: at(10),
        mergeCommitSha: `m-${id}`,
        commits: [{ sha: `c-${id}`, committedAt: at(-2) }],
        ...extra,
      });
      const deployment = (
        source: string,
        id: string,
        finishedHours: number,
        shas: string[],
        environment = 'production',
      ) => ({
        kind: 'deployment' as const,
        source,
        id,
        entityRef: 'component:default/shop',
        environment,
        status: 'success' as const,
        startedAt: at(finishedHours - 1),
        finishedAt: at(finishedHours),
        commits: shas.map(sha => ({ sha, committedAt: at(-2) })),
      });
      const facts = async (knex: Knex) =>
        Object.fromEntries(
          (
            await knex('change_facts as f')
              .join('changes as c', 'c.pk', 'f.change_pk')
              .leftJoin('deployments as d', 'd.pk', 'f.deployment_pk')
              .select(
                'c.external_id',
                'd.source',
                'd.external_id as deployment',
                'f.deploy_ms',
              )
          ).map(r => [
            r.external_id,
            r.deployment === null
              ? null
              : `${r.source}/${r.deployment} ${Number(r.deploy_ms) / HOUR} h`,
          ]),
        );

      it('keeps one row per (source, id) and replaces its commits on re-send', async () => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        const outcomes = await store.upsert([
          change('1'),
          change('1', { title: 'again' }),
        ]);
        expect(outcomes).toEqual(['inserted', 'updated']);
        expect(await store.upsert([change('1', { commits: [] })])).toEqual([
          'updated',
        ]);
        expect(await knex('changes').select('external_id', 'title')).toEqual([
          { external_id: '1', title: null },
        ]);
        expect(await knex('change_commits')).toEqual([]);
      });

      it('takes any successful production report, duplicates included, and follows the production list', async () => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        let store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production'] },
        );
        // Argo CD reports a rollout at 13:55 with sha x, GitHub Actions at 14:00
        // with x and change 1's merge commit: one rollout for DORA (Argo CD's the
        // primary), but only GitHub's report ships change 1 (merged at 10 h): 4 h.
        // Change 2 ships by a 'live' deployment only, not production here.
        await store.upsert([
          change('1'),
          change('2'),
          deployment('argocd', 'a1', 14 - 5 / 60, ['x']),
          deployment('github', 'g1', 14, ['x', 'm-1']),
          deployment('github', 'l1', 12, ['m-2'], 'live'),
        ]);
        const primaries = await knex('dora_deployments').count({ n: '*' });
        expect(Number(primaries[0].n)).toBe(1);
        expect(await facts(knex)).toEqual({ '1': 'github/g1 4 h', '2': null });

        // 'live' counts as production from the next start: the facts are rebuilt.
        store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: ['production', 'live'] },
        );
        expect(await facts(knex)).toEqual({
          '1': 'github/g1 4 h',
          '2': 'github/l1 2 h',
        });

        // A deployment arriving late but finished earlier takes the change over;
        // one finished before the merge never does.
        await store.upsert([
          deployment('github', 'g0', 11, ['c-1']),
          deployment('github', 'early', 9, ['m-2']),
        ]);
        expect(await facts(knex)).toEqual({
          '1': 'github/g0 1 h',
          '2': 'github/l1 2 h',
        });
        // The change re-sent merged later (at 12 h): g0 (11 h) no longer counts.
        await store.upsert([change('1', { mergedAt: at(12) })]);
        expect(await facts(knex)).toEqual({
          '1': 'github/g1 2 h',
          '2': 'github/l1 2 h',
        });
      });
    });
  },
);
