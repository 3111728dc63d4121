import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Episode, OpenEpisode } from './episodes';

/** The knex migrations of the episode table (`plugins/owner-notify/migrations`). */
export const episodeMigrationsDir = resolvePackagePath(
  '@internal/owner-notify',
  'migrations',
);

/**
 * Its own migrations table, so the episode table can live in any plugin's database
 * next to that plugin's migrations.
 */
export const episodeMigrationsTable = 'owner_notify_knex_migrations';

const TABLE = 'notified_episodes';

/** An episode this process claimed: it alone tells the owners. */
export interface ClaimedEpisode {
  episode: Episode;
  /** 1 for the key's first episode, 2 for the next, ...: the notification scope. */
  number: number;
}

/**
 * Open and ended episodes in a plugin's database. Starting and ending are single
 * conditional writes, so when several replicas evaluate at once exactly one of them
 * claims each start and each end (and sends the notification).
 */
export class EpisodeStore {
  static async create(database: DatabaseService): Promise<EpisodeStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: episodeMigrationsDir,
        tableName: episodeMigrationsTable,
      });
    }
    return new EpisodeStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /** The open episodes of a family (the prefix of their keys, e.g. `slo`). */
  async listOpen(family: string): Promise<OpenEpisode[]> {
    const rows = await this.knex(TABLE)
      .where({ family, open: true })
      .select('episode_key', 'subject');
    return rows.map(r => ({ key: r.episode_key, subject: r.subject }));
  }

  /**
   * Opens `episode` unless it is open already. Returns the claim when this call opened
   * it, undefined when it was open (another replica, or an earlier run, opened it).
   */
  async tryStart(
    family: string,
    episode: Episode,
    now: Date,
  ): Promise<ClaimedEpisode | undefined> {
    const payload = JSON.stringify(episode);
    // A key that had episodes before: reopen it, only if it is closed.
    const reopened = await this.knex(TABLE)
      .where({ episode_key: episode.key, open: false })
      .update({
        open: true,
        episode: this.knex.raw('episode + 1'),
        started_at: now,
        ended_at: null,
        subject: episode.subject,
        payload,
      });
    if (reopened === 1) {
      const row = await this.knex(TABLE)
        .where({ episode_key: episode.key })
        .first('episode');
      return { episode, number: Number(row.episode) };
    }
    // A new key: the primary key lets exactly one insert through.
    const inserted = await this.knex(TABLE)
      .insert({
        episode_key: episode.key,
        family,
        subject: episode.subject,
        episode: 1,
        open: true,
        started_at: now,
        ended_at: null,
        payload,
      })
      .onConflict('episode_key')
      .ignore()
      .returning('episode_key');
    return inserted.length === 1 ? { episode, number: 1 } : undefined;
  }

  /**
   * Closes the open episode `key`. Returns it as it was started when this call closed
   * it, undefined when it was not open (another replica closed it).
   */
  async tryEnd(key: string, now: Date): Promise<ClaimedEpisode | undefined> {
    const closed = await this.knex(TABLE)
      .where({ episode_key: key, open: true })
      .update({ open: false, ended_at: now });
    if (closed !== 1) return undefined;
    const row = await this.knex(TABLE)
      .where({ episode_key: key })
      .first('episode', 'payload');
    return {
      episode: JSON.parse(row.payload) as Episode,
      number: Number(row.episode),
    };
  }
}
