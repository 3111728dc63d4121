/*
 * Reads behind GET /timeline (the deployment chart): counts per environment, time bucket
 * and outcome, the deployments of sparse lanes one by one, and the incidents that overlap
 * the window. A deployment sits on the
 * chart at its start time, like the /deployments list orders and filters it.
 */
import {
  DeploymentStatus,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';
import type { TimelineDeployment } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { alsoReportedBy } from './eventLists';
import { phasesOf } from './phases';
import {
  DeploymentRow,
  deploymentBasics,
  IncidentRow,
  toIncidentEvent,
  toIso,
} from './rows';

export interface TimelineScope {
  /** Lower-cased component refs. */
  entityRefs: string[];
  /** Window [from, to) as UTC ISO instants, as the store keeps them. */
  from: string;
  to: string;
}

export interface BucketedScope extends TimelineScope {
  fromMs: number;
  bucketMs: number;
}

export interface TimelineCountRow {
  environment: string;
  bucket: number;
  status: DeploymentStatus;
  isRollback: boolean;
  isRemediation: boolean;
  rolledBack: boolean;
  count: number;
}

/** A deployment as the chart draws it (no commits: the table below loads those). */
export type { TimelineDeployment };

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

/** Epoch milliseconds of `deployments.started_at`, in the dialect's own SQL. */
function startedMillis(knex: Knex): Knex.Raw {
  return isPostgres(knex)
    ? knex.raw('(extract(epoch from d.started_at) * 1000)')
    : knex.raw('round((julianday(d.started_at) - 2440587.5) * 86400000)');
}

/**
 * Whether a later deployment of the same source rolls `d` back, or rolls back
 * another source's report of the same rollout.
 */
function rolledBackSql(knex: Knex): Knex.Raw {
  return knex.raw(
    `(exists (select 1 from deployments r where r.source = d.source and r.rollback_of = d.external_id)
      or exists (select 1 from deployments t join deployments r
        on r.source = t.source and r.rollback_of = t.external_id
        where t.duplicate_of = d.pk))`,
  );
}

/** A rollout's primary reports only: duplicates ride along (alsoReportedBy). */
function inScope(knex: Knex, scope: TimelineScope) {
  return knex('deployments as d')
    .whereNull('d.duplicate_of')
    .whereIn('d.entity_ref', scope.entityRefs)
    .where('d.started_at', '>=', scope.from)
    .where('d.started_at', '<', scope.to);
}

const asBoolean = (value: unknown) =>
  value === true || value === 1 || value === '1' || value === 't';

/** What deployments are counted per: environment, bucket and outcome flags. */
const COUNT_KEYS = [
  'environment',
  'status',
  'bucket',
  'is_rollback',
  'is_remediation',
  'rolled_back',
];

/** Deployments started in the window, counted per environment, bucket and outcome flags. */
export async function countTimelineDeployments(
  knex: Knex,
  scope: BucketedScope,
): Promise<TimelineCountRow[]> {
  // Every row starts at or after `from`, so truncation is the floor.
  const bucket = isPostgres(knex)
    ? knex.raw('floor((? - ?) / ?)::bigint', [
        startedMillis(knex),
        scope.fromMs,
        scope.bucketMs,
      ])
    : knex.raw('cast((? - ?) / ? as integer)', [
        startedMillis(knex),
        scope.fromMs,
        scope.bucketMs,
      ]);
  const inner = inScope(knex, scope).select({
    environment: 'd.environment',
    status: 'd.status',
    bucket,
    is_rollback: knex.raw('case when d.rollback_of is null then 0 else 1 end'),
    is_remediation: knex.raw(
      'case when d.remediates is null then 0 else 1 end',
    ),
    rolled_back: knex.raw('case when ? then 1 else 0 end', [
      rolledBackSql(knex),
    ]),
  });
  const rows: Array<Record<string, unknown>> = await knex
    .from(inner.as('t'))
    .select(...COUNT_KEYS)
    .count({ count: '*' })
    .groupBy(...COUNT_KEYS);
  return rows.map(row => ({
    environment: String(row.environment),
    bucket: Number(row.bucket),
    status: row.status as DeploymentStatus,
    isRollback: asBoolean(row.is_rollback),
    isRemediation: asBoolean(row.is_remediation),
    rolledBack: asBoolean(row.rolled_back),
    count: Number(row.count),
  }));
}

/** The columns every deployment read selects, `rolled_back` as rolledBackSql. */
export const deploymentColumns = (knex: Knex) => [
  'd.pk',
  'd.source',
  'd.external_id',
  'd.entity_ref',
  'd.environment',
  'd.status',
  'd.started_at',
  'd.finished_at',
  'd.version',
  'd.url',
  'd.rollback_of',
  'd.remediates',
  'd.triggered_by',
  {
    rolled_back: knex.raw('case when ? then 1 else 0 end', [
      rolledBackSql(knex),
    ]),
  },
];

/** A row of `deploymentColumns` as the API answers it. */
export function toTimelineDeployment(
  row: Record<string, any>,
): Omit<TimelineDeployment, 'alsoReportedBy'> {
  return {
    ...deploymentBasics(row as DeploymentRow),
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at)! } : {}),
    ...(row.version ? { version: row.version } : {}),
    ...(row.url ? { url: row.url } : {}),
    ...(row.rollback_of ? { rollbackOf: row.rollback_of } : {}),
    ...(row.remediates ? { remediates: row.remediates } : {}),
    ...(row.triggered_by ? { triggeredBy: row.triggered_by } : {}),
    rolledBack: asBoolean(row.rolled_back),
  };
}

/** The deployments of some environments in the window, oldest first, with their phases. */
export async function loadTimelineDeployments(
  knex: Knex,
  scope: TimelineScope & { environments: string[]; limit: number },
): Promise<TimelineDeployment[]> {
  if (scope.environments.length === 0) return [];
  const rows: Array<Record<string, any>> = await inScope(knex, scope)
    .whereIn('d.environment', scope.environments)
    .select(...deploymentColumns(knex))
    .orderBy([
      { column: 'd.started_at', order: 'asc' },
      { column: 'd.pk', order: 'asc' },
    ])
    .limit(scope.limit);
  const pks = rows.map(row => Number(row.pk));
  const duplicates = await alsoReportedBy(knex, pks);
  // Only the listed deployments' phases: counted lanes never load any.
  const phases = await phasesOf(knex, pks);
  return rows.map(row => {
    const pk = Number(row.pk);
    return {
      ...toTimelineDeployment(row),
      ...(duplicates.has(pk) ? { alsoReportedBy: duplicates.get(pk) } : {}),
      ...(phases.has(pk) ? { phases: phases.get(pk) } : {}),
    };
  });
}

/**
 * Incidents whose span [openedAt, resolvedAt or now) overlaps the window, oldest first,
 * at most `limit` of them (the most recent openings win when there are more).
 */
export async function loadTimelineIncidents(
  knex: Knex,
  scope: TimelineScope & { limit: number },
): Promise<{ items: IncidentEvent[]; truncated: boolean }> {
  const rows: IncidentRow[] = await knex('incidents')
    .whereIn('entity_ref', scope.entityRefs)
    .where('opened_at', '<', scope.to)
    .where(q =>
      q.whereNull('resolved_at').orWhere('resolved_at', '>=', scope.from),
    )
    .select(
      'pk',
      'source',
      'external_id',
      'entity_ref',
      'title',
      'severity',
      'opened_at',
      'resolved_at',
      'deployment_id',
      'url',
      'received_at',
    )
    .orderBy([
      { column: 'opened_at', order: 'desc' },
      { column: 'pk', order: 'desc' },
    ])
    .limit(scope.limit + 1);
  return {
    items: rows.slice(0, scope.limit).reverse().map(toIncidentEvent),
    truncated: rows.length > scope.limit,
  };
}
