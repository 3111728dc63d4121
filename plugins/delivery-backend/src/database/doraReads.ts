import {
  DeploymentAggregate,
  leadTimeSummary,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { CHUNK } from './chunks';
import { DEFAULT_FETCH_LIMIT, leadTimeSummaries } from './leadQuantiles';

/**
 * The read side of the DORA facts: what grows with the number of deployments
 * (counts, lead-time quantiles) is aggregated in the database; what grows with
 * failures and incidents (few) is loaded as events for the engine (failureReads).
 */

const WEEK_MS = 7 * 86_400_000;

export interface FactsScope {
  entityRefs: string[];
  /** Window [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /**
   * Group by week: bucket i holds [weekStart + i weeks, weekStart + i + 1 weeks).
   * Absent: one bucket (0) for the whole window.
   */
  weekStart?: number;
}

const emptyAggregate = (): DeploymentAggregate => ({
  deployments: 0,
  rework: 0,
  leadTime: leadTimeSummary([]),
});

export function bucketOf(knex: Knex, scope: FactsScope) {
  // Integer division of a non-negative bigint truncates: a floor on both databases.
  return scope.weekStart === undefined
    ? knex.raw('0')
    : knex.raw('cast((finished_ms - ?) / ? as integer)', [
        scope.weekStart,
        WEEK_MS,
      ]);
}

function inScope(qb: Knex.QueryBuilder, scope: FactsScope) {
  return qb
    .whereIn('entity_ref', scope.entityRefs)
    .where('finished_ms', '>=', scope.from)
    .where('finished_ms', '<', scope.to);
}

/** How the large reads split their work; tests make the thresholds tiny. */
export interface ReadTuning {
  /** Scopes with at least this many components are read over two connections. */
  parallelFromComponents: number;
  /** Lead-time slots up to this size are read rather than narrowed. */
  fetchLimit: number;
}

export const defaultReadTuning: ReadTuning = {
  parallelFromComponents: 50,
  fetchLimit: DEFAULT_FETCH_LIMIT,
};

/**
 * Runs `read` in a repeatable-read snapshot; on PostgreSQL, with `parallel` 2, over
 * two connections that share it (pg_export_snapshot), so the 2 cores both work.
 */
export async function inSnapshot<T>(
  knex: Knex,
  parallel: number,
  read: (readers: Knex[]) => Promise<T>,
): Promise<T> {
  if (knex.client.config.client !== 'pg') {
    return knex.transaction(trx => read([trx]));
  }
  const config = { isolationLevel: 'repeatable read' as const, readOnly: true };
  return knex.transaction(async first => {
    if (parallel < 2) return read([first]);
    const exported = await first.raw('select pg_export_snapshot() as id');
    const id: string = exported.rows[0].id;
    if (!/^[0-9A-F-]+$/i.test(id)) throw new Error(`Odd snapshot id ${id}`);
    return knex.transaction(async second => {
      await second.raw(`set transaction snapshot '${id}'`);
      return read([first, second]);
    }, config);
  }, config);
}

/** Deployment counts and lead-time quantiles per bucket (missing buckets: no data). */
export async function aggregateDeployments(
  knex: Knex,
  scope: FactsScope,
  tuning: ReadTuning = defaultReadTuning,
): Promise<Map<number, DeploymentAggregate>> {
  const parallel =
    scope.entityRefs.length >= tuning.parallelFromComponents ? 2 : 1;
  return inSnapshot(knex, parallel, readers =>
    aggregateInSnapshot(knex, readers, scope, tuning.fetchLimit),
  );
}

async function aggregateInSnapshot(
  knex: Knex,
  readers: Knex[],
  scope: FactsScope,
  fetchLimit: number,
): Promise<Map<number, DeploymentAggregate>> {
  const result = new Map<number, DeploymentAggregate>();
  const bucket = (b: number | string) => {
    const key = Number(b);
    if (!result.has(key)) result.set(key, emptyAggregate());
    return result.get(key)!;
  };
  if (scope.entityRefs.length === 0) return result;

  const counts = await readers[0]('dora_deployments')
    .modify(qb => inScope(qb, scope))
    .select({ bucket: bucketOf(knex, scope) })
    .count({ deployments: '*' })
    .sum({ rework: 'rework' })
    .groupBy('bucket');
  for (const row of counts) {
    const aggregate = bucket(row.bucket);
    aggregate.deployments = Number(row.deployments);
    aggregate.rework = Number(row.rework ?? 0);
  }

  for (const [key, leadTime] of await leadTimeSummaries(
    readers,
    {
      ...scope,
      bucket: bucketOf(knex, scope),
      values: { table: 'dora_changes', column: 'lead_ms' },
    },
    fetchLimit,
  )) {
    bucket(key).leadTime = leadTime;
  }
  return result;
}

/** Per component: its deployments, rework and lead times (ms) in a window. */
export type ComponentFacts = Map<
  string,
  { deployments: number; rework: number; leadMillis: number[] }
>;

/**
 * The window's deployment counts and lead times per component, for pooling many small
 * scopes (every team of the org) in memory instead of one aggregate per scope.
 * Undefined when the scope holds more than `limit` changes: then aggregate per scope.
 */
export async function loadComponentFacts(
  knex: Knex,
  scope: Omit<FactsScope, 'weekStart'>,
  limit: number,
): Promise<ComponentFacts | undefined> {
  return inSnapshot(knex, 1, async ([reader]) => {
    const chunks: string[][] = [];
    for (let i = 0; i < scope.entityRefs.length; i += CHUNK) {
      chunks.push(scope.entityRefs.slice(i, i + CHUNK));
    }
    const window = (qb: Knex.QueryBuilder, refs: string[]) =>
      inScope(qb, { ...scope, entityRefs: refs });
    let changes = 0;
    for (const refs of chunks) {
      const [{ n }] = await reader('dora_changes')
        .modify(qb => window(qb, refs))
        .count({ n: '*' });
      changes += Number(n);
      if (changes > limit) return undefined;
    }
    const facts: ComponentFacts = new Map();
    const of = (ref: string) => {
      let entry = facts.get(ref);
      if (!entry) {
        entry = { deployments: 0, rework: 0, leadMillis: [] };
        facts.set(ref, entry);
      }
      return entry;
    };
    for (const refs of chunks) {
      const counts = await reader('dora_deployments')
        .modify(qb => window(qb, refs))
        .select('entity_ref')
        .count({ deployments: '*' })
        .sum({ rework: 'rework' })
        .groupBy('entity_ref');
      for (const row of counts) {
        const entry = of(String(row.entity_ref));
        entry.deployments = Number(row.deployments);
        entry.rework = Number(row.rework ?? 0);
      }
      const leads = await reader('dora_changes')
        .modify(qb => window(qb, refs))
        .select('entity_ref', 'lead_ms');
      for (const row of leads) {
        of(row.entity_ref).leadMillis.push(Number(row.lead_ms));
      }
    }
    return facts;
  });
}
