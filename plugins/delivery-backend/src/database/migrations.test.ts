/*
 * Every migration of the delivery store, up and down, on SQLite and PostgreSQL: from
 * latest down one migration at a time to nothing, then latest again, checking after
 * each step that exactly the tables, columns, indexes and settings rows of the
 * applied migrations exist (so a `down` that leaves something behind, or removes too
 * much, fails here rather than in an operator's rollback).
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { Knex } from 'knex';
import { DeliveryStore } from './DeliveryStore';
import { migrationsDir } from './migrations';

/** What each migration adds, in the order they run. */
const MIGRATIONS: Array<{
  name: string;
  tables?: string[];
  columns?: Record<string, string[]>;
  indexes?: Record<string, string[]>;
  /** Rows of dora_settings, by key. */
  settings?: string[];
}> = [
  {
    name: '20261121000000_init.js',
    tables: [
      'deployments',
      'deployment_commits',
      'incidents',
      'unmatched_events',
    ],
  },
  {
    name: '20261122000000_dora_facts.js',
    tables: ['dora_deployments', 'dora_changes', 'dora_settings'],
    columns: {
      deployments: ['finished_ms'],
      deployment_commits: ['committed_ms'],
      incidents: ['opened_ms'],
    },
    indexes: { incidents: ['incidents_entity_opened_ms'] },
    settings: ['productionEnvironments'],
  },
  { name: '20261123000000_source_status.js', tables: ['source_status'] },
  {
    name: '20261123000100_duplicate_rollouts.js',
    columns: { deployments: ['duplicate_of'] },
    indexes: { deployments: ['deployments_duplicate_of'] },
    settings: ['duplicateRolloutWindowMs'],
  },
  {
    name: '20261129000000_triggered_by.js',
    columns: { deployments: ['triggered_by'] },
  },
  {
    name: '20261129000100_dora_changes_by_deployment.js',
    indexes: { dora_changes: ['dora_changes_deployment'] },
  },
  {
    name: '20261206000000_changes.js',
    tables: ['changes', 'change_commits', 'change_facts'],
    indexes: {
      changes: ['changes_entity_listed', 'changes_merge_commit_sha'],
      change_commits: ['change_commits_sha'],
      change_facts: [
        'change_facts_entity_finished',
        'change_facts_entity_merged',
        'change_facts_deployment',
      ],
    },
    settings: ['changeFactsProductionEnvironments'],
  },
  {
    name: '20261207000000_deployment_phases.js',
    tables: ['deployment_phases'],
    columns: { deployments: ['derived_from'] },
  },
  {
    name: '20261207000100_flags.js',
    tables: ['flags'],
    indexes: {
      flags: ['flags_entity_at', 'flags_entity_release', 'flags_history'],
    },
  },
  {
    name: '20261208000000_deployments_by_external_id.js',
    indexes: { deployments: ['deployments_entity_external_id'] },
  },
];

async function hasIndex(knex: Knex, table: string, index: string) {
  const rows =
    knex.client.config.client === 'pg'
      ? await knex('pg_indexes').where({ tablename: table, indexname: index })
      : await knex('sqlite_master').where({
          type: 'index',
          tbl_name: table,
          name: index,
        });
  return rows.length > 0;
}

/** Whether each thing a migration adds exists, as `what -> boolean`. */
async function schemaOf(
  knex: Knex,
  migration: (typeof MIGRATIONS)[number],
): Promise<Record<string, boolean>> {
  const found: Record<string, boolean> = {};
  for (const table of migration.tables ?? []) {
    found[`table ${table}`] = await knex.schema.hasTable(table);
  }
  for (const [table, columns] of Object.entries(migration.columns ?? {})) {
    for (const column of columns) {
      found[`column ${table}.${column}`] =
        (await knex.schema.hasTable(table)) &&
        (await knex.schema.hasColumn(table, column));
    }
  }
  for (const [table, indexes] of Object.entries(migration.indexes ?? {})) {
    for (const index of indexes) {
      found[`index ${index}`] = await hasIndex(knex, table, index);
    }
  }
  for (const key of migration.settings ?? []) {
    found[`dora_settings ${key}`] =
      (await knex.schema.hasTable('dora_settings')) &&
      (await knex('dora_settings').where({ key })).length === 1;
  }
  return found;
}

/** Expects the first `applied` migrations' schema present and the rest's absent. */
async function expectApplied(knex: Knex, applied: number) {
  for (const [i, migration] of MIGRATIONS.entries()) {
    const found = await schemaOf(knex, migration);
    const expected = Object.fromEntries(
      Object.keys(found).map(what => [what, i < applied]),
    );
    expect({ migration: migration.name, ...found }).toEqual({
      migration: migration.name,
      ...expected,
    });
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('delivery store migrations', () => {
  it('are all described here, in the order knex runs them', () => {
    const files = readdirSync(migrationsDir)
      .filter(file => /\.(js|ts)$/.test(file))
      .sort();
    expect(files).toEqual(MIGRATIONS.map(m => m.name));
  });

  it.each(databases.eachSupportedId())(
    'go up to latest, down one by one to nothing and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const config = { directory: migrationsDir };

      await knex.migrate.latest(config);
      await expectApplied(knex, MIGRATIONS.length);

      for (let applied = MIGRATIONS.length - 1; applied >= 0; applied--) {
        await knex.migrate.down(config);
        await expectApplied(knex, applied);
      }
      const [done] = await knex.migrate.list(config);
      expect(done).toEqual([]);

      await knex.migrate.latest(config);
      await expectApplied(knex, MIGRATIONS.length);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'take the derived rollbacks and their facts down with the phases on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DeliveryStore.create(
        { getClient: async () => knex },
        { productionEnvironments: ['production'] },
      );
      // A canary aborted after 25%: itself and its derived rollback r1:abort count.
      await store.upsert([
        {
          kind: 'deployment',
          source: 'argo-rollouts',
          id: 'r1',
          entityRef: 'component:default/shop',
          environment: 'production',
          status: 'in_progress',
          startedAt: '2026-02-02T10:00:00Z',
          commits: [],
          phases: [
            {
              name: 'setWeight 25',
              kind: 'canary-step',
              weight: 25,
              status: 'succeeded',
              startedAt: '2026-02-02T10:00:00Z',
            },
            {
              name: 'abort',
              kind: 'abort',
              status: 'succeeded',
              startedAt: '2026-02-02T10:20:00Z',
            },
          ],
        },
      ]);
      const ids = async (table: string) =>
        (
          await knex(`${table} as t`)
            .join('deployments as d', 'd.pk', 't.deployment_pk')
            .select('d.external_id')
        )
          .map(r => r.external_id)
          .sort();
      expect(await ids('dora_deployments')).toEqual(['r1', 'r1:abort']);

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261207000000_deployment_phases.js',
      });
      expect(
        (await knex('deployments').select('external_id')).map(
          r => r.external_id,
        ),
      ).toEqual(['r1']);
      expect(await ids('dora_deployments')).toEqual(['r1']);
    },
    60_000,
  );
});
