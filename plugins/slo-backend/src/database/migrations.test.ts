/*
 * The SLO store's migrations up and down on SQLite and PostgreSQL: latest, down one
 * by one to nothing, latest again, with the tables checked after each step.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { migrationsDir } from './LastGoodStore';

/** The tables each migration creates, in the order they run. */
const TABLES_BY_MIGRATION: Array<[string, string[]]> = [
  ['20261129100000_last_good_reports.js', ['slo_last_good_reports']],
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it('lists every SLO store migration above, in the order knex runs them', () => {
  expect(readdirSync(migrationsDir).sort()).toEqual(
    TABLES_BY_MIGRATION.map(([name]) => name),
  );
});

it.each(databases.eachSupportedId())(
  'runs the SLO store migrations up, down to nothing and up again on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const directory = { directory: migrationsDir };
    // [table, exists] for every table, so a failure names the table.
    const tables = async () =>
      Promise.all(
        TABLES_BY_MIGRATION.flatMap(([, names]) => names).map(
          async name => [name, await knex.schema.hasTable(name)] as const,
        ),
      );
    const expected = (applied: number) =>
      TABLES_BY_MIGRATION.flatMap(([, names], i) =>
        names.map(name => [name, i < applied] as const),
      );

    await knex.migrate.latest(directory);
    expect(await tables()).toEqual(expected(TABLES_BY_MIGRATION.length));
    for (let left = TABLES_BY_MIGRATION.length - 1; left >= 0; left--) {
      await knex.migrate.down(directory);
      expect(await tables()).toEqual(expected(left));
    }
    await knex.migrate.latest(directory);
    expect(await tables()).toEqual(expected(TABLES_BY_MIGRATION.length));
  },
  60_000,
);
