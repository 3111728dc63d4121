import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
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
  },
);
