/*
 * The SLO store's migrations up and down on SQLite and PostgreSQL: latest, down one
 * by one to nothing, latest again, with the tables checked after each step.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { migrationsDir } from './LastGoodStore';

/** The tables each migration creates, in the order they run. */
const MIGRATIONS = [
  {
    name: '20261129100000_last_good_reports.js',
    tables: ['slo_last_good_reports'],
  },
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('SLO store migrations', () => {
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
      const tablesOf = async (applied: number) => {
        for (const [i, migration] of MIGRATIONS.entries()) {
          for (const table of migration.tables) {
            expect([table, await knex.schema.hasTable(table)]).toEqual([
              table,
              i < applied,
            ]);
          }
        }
      };

      await knex.migrate.latest(config);
      await tablesOf(MIGRATIONS.length);
      for (let applied = MIGRATIONS.length - 1; applied >= 0; applied--) {
        await knex.migrate.down(config);
        await tablesOf(applied);
      }
      expect((await knex.migrate.list(config))[0]).toEqual([]);

      await knex.migrate.latest(config);
      await tablesOf(MIGRATIONS.length);
    },
    60_000,
  );
});
