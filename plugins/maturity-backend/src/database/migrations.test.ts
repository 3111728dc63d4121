import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from './MaturityStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it.each(databases.eachSupportedId())(
  'migrates up and down on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    await knex('maturity_facts').insert({
      entity_ref: 'component:default/a',
      domain: 'catalog',
      facts: '{}',
      collected_at: new Date('2026-03-10T00:00:00Z'),
    });
    expect(await knex('maturity_facts').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(await knex.schema.hasTable('maturity_weekly')).toBe(true);
    await knex.migrate.rollback({ directory: migrationsDir }, true);
    for (const table of [
      'maturity_facts',
      'maturity_runs',
      'maturity_weekly',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  },
  60_000,
);
