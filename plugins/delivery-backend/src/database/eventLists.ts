/*
 * The raw-event lists (GET /deployments, /incidents, /unmatched, and /flags through
 * `newestFirst`): pages newest first, each deployment with its commits, its phases,
 * its other sources' reports and its lead time.
 */
import {
  deploymentLeadTime,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks, groupBy } from './chunks';
import { applyDeploymentFilters } from './deploymentFilters';
import { phaseRowsOf } from './phases';
import {
  CommitRow,
  DeploymentRow,
  IncidentRow,
  toDeploymentEvent,
  toIncidentEvent,
  toIso,
} from './rows';
import {
  AlsoReportedBy,
  ListedDeployment,
  ListPosition,
  ListQuery,
  UnmatchedEvent,
} from './stores';

/**
 * Deployments newest first (by start time), with their commits, for the raw-events
 * API: one entry per rollout (its primary report), naming the other reports.
 */
export async function listDeployments(
  knex: Knex,
  query: ListQuery,
): Promise<{ items: ListedDeployment[]; next?: ListPosition }> {
  const { rows, next } = await newestFirst<DeploymentRow>(
    knex,
    'deployments',
    'started_at',
    query,
    qb => {
      qb.whereNull('duplicate_of');
      if (query.environment) qb.where('environment', query.environment);
      applyDeploymentFilters(qb, query);
    },
  );
  const pks = rows.map(r => Number(r.pk));
  const commits = await commitsOf(knex, pks);
  const duplicates = await alsoReportedBy(knex, pks);
  const leadTimes = await changeLeadTimesOf(knex, pks);
  const phases = await phaseRowsOf(knex, pks);
  return {
    items: rows.map(row => {
      const pk = Number(row.pk);
      const others = duplicates.get(pk);
      const leadTime = deploymentLeadTime(leadTimes.get(pk) ?? []);
      return {
        ...toDeploymentEvent(row, commits.get(pk) ?? [], phases.get(pk)),
        ...(others ? { alsoReportedBy: others } : {}),
        ...(leadTime
          ? {
              leadTimeHours: leadTime.medianHours,
              leadTimeChanges: leadTime.changes,
            }
          : {}),
      };
    }),
    next,
  };
}

/** Incidents newest first (by opening time), for the raw-events API. */
export async function listIncidents(
  knex: Knex,
  query: ListQuery,
): Promise<{ items: IncidentEvent[]; next?: ListPosition }> {
  const { rows, next } = await newestFirst<IncidentRow>(
    knex,
    'incidents',
    'opened_at',
    query,
  );
  return { items: rows.map(toIncidentEvent), next };
}

/** The incidents with source id `id` of some entities (one per source that has it). */
export async function findIncidents(
  knex: Knex,
  query: { entityRefs: string[]; id: string },
): Promise<IncidentEvent[]> {
  if (query.entityRefs.length === 0) return [];
  const rows: IncidentRow[] = await knex('incidents')
    .whereIn('entity_ref', query.entityRefs)
    .where('external_id', query.id)
    .orderBy([
      { column: 'opened_at', order: 'desc' },
      { column: 'pk', order: 'desc' },
    ])
    .limit(20);
  return rows.map(toIncidentEvent);
}

/**
 * One page of a table's rows for some entities, newest first by `timeColumn` (pk breaks
 * ties), within [from, to) and after the cursor; `next` is where the following page starts.
 */
export async function newestFirst<T extends { pk: number | string }>(
  knex: Knex,
  table: 'deployments' | 'incidents' | 'flags',
  timeColumn: 'started_at' | 'opened_at' | 'at',
  query: Pick<ListQuery, 'entityRefs' | 'from' | 'to' | 'cursor' | 'limit'>,
  narrow: (qb: Knex.QueryBuilder) => void = () => {},
): Promise<{ rows: T[]; next?: ListPosition }> {
  const rows: T[] = await knex(table)
    .whereIn('entity_ref', query.entityRefs)
    .modify(qb => {
      if (query.from) qb.where(timeColumn, '>=', query.from);
      if (query.to) qb.where(timeColumn, '<', query.to);
      if (query.cursor) {
        const { at, pk } = query.cursor;
        qb.where(inner =>
          inner
            .where(timeColumn, '<', at)
            .orWhere(same => same.where(timeColumn, at).where('pk', '<', pk)),
        );
      }
    })
    .modify(narrow)
    .orderBy([
      { column: timeColumn, order: 'desc' },
      { column: 'pk', order: 'desc' },
    ])
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1] as T & Record<string, Date | string>;
  return {
    rows: page,
    next:
      rows.length > query.limit
        ? { at: toIso(last[timeColumn])!, pk: Number(last.pk) }
        : undefined,
  };
}

export async function listUnmatched(knex: Knex): Promise<UnmatchedEvent[]> {
  const rows = await knex('unmatched_events').orderBy('last_seen_at', 'desc');
  return rows.map(row => ({
    source: row.source,
    key: row.key,
    reason: row.reason,
    count: Number(row.count),
    firstSeenAt: toIso(row.first_seen_at)!,
    lastSeenAt: toIso(row.last_seen_at)!,
  }));
}

async function commitsOf(
  knex: Knex,
  pks: number[],
): Promise<Map<number, CommitRow[]>> {
  const rows: CommitRow[] = [];
  for (const batch of chunks(pks)) {
    rows.push(
      ...(await knex('deployment_commits')
        .whereIn('deployment_pk', batch)
        .orderBy('committed_at', 'desc')),
    );
  }
  return groupBy(rows, r => Number(r.deployment_pk));
}
/** The other reports of each of these primaries, by primary pk. */
export async function alsoReportedBy(
  knex: Knex,
  primaryPks: number[],
): Promise<Map<number, AlsoReportedBy[]>> {
  const found = new Map<number, AlsoReportedBy[]>();
  for (const batch of chunks(primaryPks)) {
    const rows = await knex('deployments')
      .whereIn('duplicate_of', batch)
      .select('duplicate_of', 'source', 'external_id', 'url')
      .orderBy([
        { column: 'finished_ms', order: 'asc' },
        { column: 'source', order: 'asc' },
        { column: 'external_id', order: 'asc' },
      ]);
    for (const row of rows) {
      const primary = Number(row.duplicate_of);
      found.set(primary, [
        ...(found.get(primary) ?? []),
        {
          source: row.source,
          id: row.external_id,
          ...(row.url ? { url: row.url } : {}),
        },
      ]);
    }
  }
  return found;
}

/**
 * Lead times (ms) of the changes each of these deployments shipped first, by
 * deployment pk: dora_changes keeps every (component, commit) at its first
 * successful production deployment (a duplicate's commits count for its primary).
 */
async function changeLeadTimesOf(
  knex: Knex,
  pks: number[],
): Promise<Map<number, number[]>> {
  const found = new Map<number, number[]>();
  for (const batch of chunks(pks)) {
    const rows: { deployment_pk: number | string; lead_ms: number | string }[] =
      await knex('dora_changes')
        .whereIn('deployment_pk', batch)
        .select('deployment_pk', 'lead_ms');
    for (const row of rows) {
      const pk = Number(row.deployment_pk);
      found.set(pk, [...(found.get(pk) ?? []), Number(row.lead_ms)]);
    }
  }
  return found;
}
