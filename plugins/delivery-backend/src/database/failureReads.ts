/*
 * The events side of the DORA read path: failures and incidents are few, so they are
 * loaded as events and the engine (delivery-common) decides failure and recovery.
 */
import {
  DoraDeployment,
  DoraIncident,
  rolloutKey,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { CHUNK } from './chunks';
import { whereIdentityIn } from './identities';
import {
  DeploymentRow,
  IncidentRow,
  toDoraDeployment,
  toDoraIncident,
} from './rows';

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
