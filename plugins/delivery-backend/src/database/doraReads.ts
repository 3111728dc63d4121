import {
  DeploymentAggregate,
  DoraDeployment,
  DoraIncident,
  leadTimeSummary,
  rolloutKey,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { whereIdentityIn } from './identities';
import { DEFAULT_FETCH_LIMIT, leadTimeSummaries } from './leadQuantiles';
import {
  DeploymentRow,
  IncidentRow,
  toDoraDeployment,
  toDoraIncident,
} from './rows';

/**
 * The read side of the DORA facts: what grows with the number of deployments
 * (counts, lead-time quantiles) is aggregated in the database; what grows with
 * failures and incidents (few) is loaded as events for the engine.
 */

const WEEK_MS = 7 * 86_400_000;
const CHUNK = 500;

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

function bucketOf(knex: Knex, scope: FactsScope) {
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
async function inSnapshot<T>(
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

export interface FailureScope {
  entityRefs: string[];
  from: number;
  to: number;
  incidentAttributionWindowHours?: number;
}

/**
 * The events that decide which deployments of the window failed and when they
 * recovered: the deployments incidents name (or, with attribution, the candidates
 * just before incidents), their rollbacks and the deployments remediating those
 * incidents. Deployments carry no commits: lead time comes from the facts. A
 * reference to a duplicate report is a reference to its rollout's primary, and a
 * duplicate's own rollbackOf and remediates are its primary's; `duplicateOf` says
 * which loaded deployment is a duplicate of which (see `findDuplicateRollouts`).
 */
export async function loadFailureEvents(
  knex: Knex,
  scope: FailureScope,
): Promise<{
  deployments: DoraDeployment[];
  incidents: DoraIncident[];
  duplicateOf: Map<string, string>;
}> {
  if (scope.entityRefs.length === 0) {
    return { deployments: [], incidents: [], duplicateOf: new Map() };
  }
  const primaryOf = (alias: string) =>
    knex.raw('coalesce(??, ??)', [`${alias}.duplicate_of`, `${alias}.pk`]);
  const windowDeployments = (qb: Knex.QueryBuilder, alias: string) =>
    qb
      .join('dora_deployments as wd', 'wd.deployment_pk', primaryOf(alias))
      .whereIn('wd.entity_ref', scope.entityRefs)
      .where('wd.finished_ms', '>=', scope.from)
      .where('wd.finished_ms', '<', scope.to);

  type Pk = string | number;
  // Incidents that name a deployment (or a duplicate of one) of the window.
  const named: (IncidentRow & { target_pk: Pk; primary_pk: Pk })[] = await knex(
    'incidents as i',
  )
    .join('deployments as w', join =>
      join.on('w.source', 'i.source').andOn('w.external_id', 'i.deployment_id'),
    )
    .modify(qb => windowDeployments(qb, 'w'))
    .select('i.*', { target_pk: 'w.pk', primary_pk: 'wd.deployment_pk' });
  // Incident tools (PagerDuty, Opsgenie) run no deployments: their deploymentId names
  // one of another source on the same component (the first source by name), as
  // `namedDeploymentSources` in delivery-common defines it.
  const namedElsewhere: (IncidentRow & {
    target_pk: Pk;
    primary_pk: Pk;
    target_source: string;
  })[] = await knex('incidents as i')
    .join('deployments as w', join =>
      join
        .on('w.external_id', 'i.deployment_id')
        .andOn('w.entity_ref', 'i.entity_ref')
        .andOn('w.source', '<>', 'i.source'),
    )
    .whereNotExists(own =>
      own
        .select(knex.raw('1'))
        .from('deployments as s')
        .whereRaw('s.source = i.source and s.external_id = i.deployment_id'),
    )
    .whereNotExists(earlier =>
      earlier
        .select(knex.raw('1'))
        .from('deployments as e')
        .whereRaw(
          'e.external_id = i.deployment_id and e.entity_ref = i.entity_ref and e.source < w.source',
        ),
    )
    .modify(qb => windowDeployments(qb, 'w'))
    .select('i.*', {
      target_pk: 'w.pk',
      primary_pk: 'wd.deployment_pk',
      target_source: 'w.source',
    });

  // Production rollbacks (any report of a rollout) of deployments of the window.
  const rollbacks: Record<string, Pk>[] = await knex('deployments as r')
    .join('dora_deployments as rd', 'rd.deployment_pk', primaryOf('r'))
    .whereNotNull('r.rollback_of')
    .join('deployments as w', join =>
      join.on('w.source', 'r.source').andOn('w.external_id', 'r.rollback_of'),
    )
    .modify(qb => windowDeployments(qb, 'w'))
    .select({
      rollback_pk: 'r.pk',
      rollback_primary: 'rd.deployment_pk',
      target_pk: 'w.pk',
      target_primary: 'wd.deployment_pk',
    });

  // With attribution, incidents naming no deployment, and the candidates before each.
  let attributed: IncidentRow[] = [];
  let candidates: { pk: Pk }[] = [];
  const hours = scope.incidentAttributionWindowHours;
  if (hours !== undefined) {
    const reach = hours * 3_600_000;
    const unnamed = (qb: Knex.QueryBuilder) =>
      qb
        .whereNull('u.deployment_id')
        .whereIn('u.entity_ref', scope.entityRefs)
        .where('u.opened_ms', '>=', scope.from)
        .where('u.opened_ms', '<', scope.to + reach);
    attributed = await knex('incidents as u').modify(unnamed).select('u.*');
    candidates = await knex('incidents as u')
      .modify(unnamed)
      .join('dora_deployments as cd', join =>
        join
          .on('cd.entity_ref', 'u.entity_ref')
          .andOn('cd.finished_ms', '<=', 'u.opened_ms')
          .andOn('cd.finished_ms', '>=', knex.raw('u.opened_ms - ?', [reach])),
      )
      .distinct({ pk: 'cd.deployment_pk' });
  }

  // Production deployments (any report) that remediate any of those incidents.
  const failing = [...named, ...namedElsewhere, ...attributed];
  const remediations: { pk: Pk; primary_pk: Pk }[] = [];
  for (let i = 0; i < failing.length; i += CHUNK) {
    remediations.push(
      ...(await knex('deployments as r')
        .join('dora_deployments as rd', 'rd.deployment_pk', primaryOf('r'))
        .where(qb =>
          whereIdentityIn(
            qb,
            failing
              .slice(i, i + CHUNK)
              .map(f => ({ source: f.source, id: f.external_id })),
            { source: 'r.source', id: 'r.remediates' },
          ),
        )
        .select({ pk: 'r.pk', primary_pk: 'rd.deployment_pk' })),
    );
  }

  const pks = new Set<number>(
    [
      ...[...named, ...namedElsewhere].flatMap(n => [
        n.target_pk,
        n.primary_pk,
      ]),
      ...rollbacks.flatMap(r => Object.values(r)),
      ...candidates.map(c => c.pk),
      ...remediations.flatMap(r => [r.pk, r.primary_pk]),
    ].map(Number),
  );
  const deployments: DeploymentRow[] = [];
  const pkList = [...pks];
  for (let i = 0; i < pkList.length; i += CHUNK) {
    deployments.push(
      ...(await knex('deployments').whereIn('pk', pkList.slice(i, i + CHUNK))),
    );
  }
  const keyByPk = new Map(
    deployments.map(row => [
      Number(row.pk),
      rolloutKey(row.source, row.external_id),
    ]),
  );
  const duplicateOf = new Map<string, string>();
  for (const row of deployments) {
    const primary = row.duplicate_of && keyByPk.get(Number(row.duplicate_of));
    if (primary) duplicateOf.set(keyByPk.get(Number(row.pk))!, primary);
  }
  const incidents = [
    ...new Map(failing.map(row => [Number(row.pk), row])).values(),
  ];
  return {
    deployments: deployments.map(row => toDoraDeployment(row, [])),
    incidents: incidents.map(row =>
      toDoraIncident(
        row,
        'target_source' in row ? String(row.target_source) : undefined,
      ),
    ),
    duplicateOf,
  };
}

/** Incidents of the scope opened in [from, to), for time to restore service. */
export async function loadWindowIncidents(
  knex: Knex,
  scope: { entityRefs: string[]; from: number; to: number },
): Promise<DoraIncident[]> {
  if (scope.entityRefs.length === 0) return [];
  const rows: IncidentRow[] = await knex('incidents')
    .whereIn('entity_ref', scope.entityRefs)
    .where('opened_ms', '>=', scope.from)
    .where('opened_ms', '<', scope.to);
  return rows.map(row => toDoraIncident(row));
}
