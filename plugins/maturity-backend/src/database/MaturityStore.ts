import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The knex migrations of the maturity store (`plugins/maturity-backend/migrations`). */
export const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-maturity-backend',
  'migrations',
);

/** Entity refs per query: under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

/** One domain's facts of one component as stored. */
export interface StoredFacts {
  entityRef: string;
  domain: string;
  facts: unknown;
  collectedAt: Date;
  /** The first run that could not ask the source since `collectedAt`. */
  staleSince?: Date;
}

export interface WeeklySnapshot<T = unknown> {
  week: string;
  subject: string;
  snapshot: T;
}

const toDate = (value: Date | string | number) => new Date(value);

/**
 * Facts per (component, domain), the collection runs and the weekly snapshots. Writes
 * are upserts keyed by their primary keys, so two replicas' runs converge.
 */
export class MaturityStore {
  static async create(database: DatabaseService): Promise<MaturityStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new MaturityStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /** Stores fresh facts of a domain: collected now, no longer stale. */
  async saveFacts(
    domain: string,
    facts: Map<string, unknown>,
    collectedAt: Date,
  ): Promise<void> {
    const rows = [...facts.entries()].map(([entityRef, value]) => ({
      entity_ref: entityRef,
      domain,
      facts: JSON.stringify(value),
      collected_at: collectedAt,
      stale_since: null,
    }));
    for (let i = 0; i < rows.length; i += CHUNK / 5) {
      await this.knex('maturity_facts')
        .insert(rows.slice(i, i + CHUNK / 5))
        .onConflict(['entity_ref', 'domain'])
        .merge(['facts', 'collected_at', 'stale_since']);
    }
  }

  /**
   * Keeps a domain's last good facts of these components but marks them stale since
   * `since`, unless they already were (the first failed run is when they went stale).
   */
  async markStale(
    domain: string,
    entityRefs: string[],
    since: Date,
  ): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      await this.knex('maturity_facts')
        .where({ domain })
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .whereNull('stale_since')
        .update({ stale_since: since });
    }
  }

  /** Removes a domain's facts of these components (the source answered: none now). */
  async deleteFacts(domain: string, entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      await this.knex('maturity_facts')
        .where({ domain })
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .delete();
    }
  }

  /** Forgets components that left the catalog. */
  async retainComponents(entityRefs: string[]): Promise<number> {
    const keep = new Set(entityRefs);
    const stored: { entity_ref: string }[] = await this.knex('maturity_facts')
      .distinct('entity_ref')
      .select('entity_ref');
    const gone = stored.map(r => r.entity_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += CHUNK) {
      await this.knex('maturity_facts')
        .whereIn('entity_ref', gone.slice(i, i + CHUNK))
        .delete();
    }
    return gone.length;
  }

  /** Every stored fact, for computing levels. */
  async listFacts(): Promise<StoredFacts[]> {
    const rows = await this.knex('maturity_facts').select(
      'entity_ref',
      'domain',
      'facts',
      'collected_at',
      'stale_since',
    );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      domain: row.domain,
      facts: JSON.parse(row.facts),
      collectedAt: toDate(row.collected_at),
      ...(row.stale_since ? { staleSince: toDate(row.stale_since) } : {}),
    }));
  }

  async startRun(startedAt: Date): Promise<number> {
    const [row] = await this.knex('maturity_runs')
      .insert({ started_at: startedAt })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async finishRun(
    id: number,
    result: { finishedAt: Date; components: number; failedDomains: string[] },
  ): Promise<void> {
    await this.knex('maturity_runs')
      .where({ id })
      .update({
        finished_at: result.finishedAt,
        components: result.components,
        failed_domains: JSON.stringify(result.failedDomains),
      });
  }

  /**
   * The latest finished run: its id versions the cached levels (facts change only in
   * runs), its finish is when the levels' facts were last collected.
   */
  async latestRun(): Promise<{ id: number; finishedAt: Date } | undefined> {
    const row = await this.knex('maturity_runs')
      .whereNotNull('finished_at')
      .orderBy('id', 'desc')
      .first('id', 'finished_at');
    return row
      ? { id: Number(row.id), finishedAt: toDate(row.finished_at) }
      : undefined;
  }

  /** Writes the week's snapshots; the week's last run wins. */
  async saveWeekly(snapshots: WeeklySnapshot[], now: Date): Promise<void> {
    const rows = snapshots.map(s => ({
      week: s.week,
      subject: s.subject,
      snapshot: JSON.stringify(s.snapshot),
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK / 4) {
      await this.knex('maturity_weekly')
        .insert(rows.slice(i, i + CHUNK / 4))
        .onConflict(['week', 'subject'])
        .merge(['snapshot', 'updated_at']);
    }
  }

  /** A subject's snapshots from `fromWeek` on, oldest first. */
  async listWeekly<T>(
    subjects: string[],
    fromWeek: string,
  ): Promise<WeeklySnapshot<T>[]> {
    const rows = await this.knex('maturity_weekly')
      .whereIn('subject', subjects)
      .where('week', '>=', fromWeek)
      .orderBy('week', 'asc')
      .select('week', 'subject', 'snapshot');
    return rows.map(row => ({
      week: row.week,
      subject: row.subject,
      snapshot: JSON.parse(row.snapshot) as T,
    }));
  }
}
