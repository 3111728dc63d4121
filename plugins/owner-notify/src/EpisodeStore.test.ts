/*
 * The episode table's migration up and down on SQLite and PostgreSQL, next to another
 * plugin's own migrations (its own migrations table), and the conditional writes that
 * make a start or an end claimable once.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { Episode } from './episodes';
import {
  episodeMigrationsDir,
  episodeMigrationsTable,
  EpisodeStore,
} from './EpisodeStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const episode: Episode = {
  key: 'slo:freeze:component:default/cart:availability',
  subject: 'component:default/cart:availability',
  topic: 'slo-error-budget',
  entityRef: 'component:default/cart',
  recipients: ['group:default/team-checkout'],
  link: '/catalog/default/component/cart/slos',
  start: { title: 'frozen', severity: 'high' },
  end: { title: 'unfrozen' },
};

it('lists the episode migration', () => {
  expect(readdirSync(episodeMigrationsDir)).toEqual([
    '20261206050000_notified_episodes.js',
  ]);
});

it.each(databases.eachSupportedId())(
  'runs the episode migration up, down and up again on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const options = {
      directory: episodeMigrationsDir,
      tableName: episodeMigrationsTable,
    };
    await knex.migrate.latest(options);
    expect(await knex.schema.hasTable('notified_episodes')).toBe(true);
    expect(await knex.schema.hasTable(episodeMigrationsTable)).toBe(true);
    // The plugin's own migrations table is left alone.
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
    await knex.migrate.down(options);
    expect(await knex.schema.hasTable('notified_episodes')).toBe(false);
    await knex.migrate.latest(options);
    expect(await knex.schema.hasTable('notified_episodes')).toBe(true);
  },
  60_000,
);

it.each(databases.eachSupportedId())(
  'claims each start and each end once, numbering the episodes of a key, on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.migrate.latest({
      directory: episodeMigrationsDir,
      tableName: episodeMigrationsTable,
    });
    const store = new EpisodeStore(knex);
    const t = (hour: number) => new Date(Date.UTC(2026, 11, 6, hour));

    expect(await store.tryStart('slo', episode, t(1))).toEqual({
      episode,
      number: 1,
    });
    expect(await store.tryStart('slo', episode, t(2))).toBeUndefined();
    expect(await store.listOpen('slo')).toEqual([
      { key: episode.key, subject: episode.subject },
    ]);
    expect(await store.listOpen('delivery')).toEqual([]);

    expect(await store.tryEnd(episode.key, t(3))).toEqual({
      episode,
      number: 1,
    });
    expect(await store.tryEnd(episode.key, t(3))).toBeUndefined();
    expect(await store.listOpen('slo')).toEqual([]);

    // The key's second episode: scope #2, a notification of its own.
    expect(await store.tryStart('slo', episode, t(4))).toEqual({
      episode,
      number: 2,
    });
    const row = await knex('notified_episodes').first();
    expect(row.open).toBeTruthy();
    expect(row.ended_at).toBeNull();
    expect(new Date(row.started_at).toISOString()).toBe(
      '2026-12-06T04:00:00.000Z',
    );
  },
  60_000,
);
