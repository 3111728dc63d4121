/*
 * The phases of progressive rollouts (deployment_phases): written with their
 * deployment, read for the deployments a list or the timeline answers, never joined
 * into the scans behind counts.
 */
import {
  DeploymentEvent,
  DeploymentPhase,
  orderedPhases,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks, groupBy } from './chunks';
import { PhaseRow, toDeploymentPhase, toPhaseRows } from './rows';

/**
 * Replaces the phases of stored deployments: those of `formerPks` (re-sent ones) go,
 * each deployment's `phases` are written in start order.
 */
export async function writePhases(
  tx: Knex.Transaction,
  written: { pk: number; event: DeploymentEvent }[],
  formerPks: number[],
): Promise<void> {
  for (const slice of chunks(formerPks)) {
    await tx('deployment_phases').whereIn('deployment_pk', slice).delete();
  }
  const rows = written.flatMap(({ pk, event }) =>
    event.phases ? toPhaseRows(pk, orderedPhases(event.phases)) : [],
  );
  // Conflicts only when a concurrent request stored the same deployment first.
  for (const slice of chunks(rows)) {
    await tx('deployment_phases')
      .insert(slice)
      .onConflict(['deployment_pk', 'position'])
      .merge();
  }
}

/** The phase rows of these deployments in start order, by deployment pk. */
export async function phaseRowsOf(
  knex: Knex | Knex.Transaction,
  pks: number[],
): Promise<Map<number, PhaseRow[]>> {
  const rows: PhaseRow[] = [];
  for (const slice of chunks(pks)) {
    rows.push(
      ...(await knex('deployment_phases')
        .whereIn('deployment_pk', slice)
        .orderBy([
          { column: 'deployment_pk', order: 'asc' },
          { column: 'position', order: 'asc' },
        ])),
    );
  }
  return groupBy(rows, r => Number(r.deployment_pk));
}

/** The phases of these deployments in start order, by pk (absent: none). */
export async function phasesOf(
  knex: Knex | Knex.Transaction,
  pks: number[],
): Promise<Map<number, DeploymentPhase[]>> {
  const rows = await phaseRowsOf(knex, pks);
  return new Map(
    [...rows].map(([pk, phaseRows]) => [pk, phaseRows.map(toDeploymentPhase)]),
  );
}
