/*
 * The rollbacks derived from aborted rollouts (delivery-common `settleRollout`), kept
 * in step with the stored deployments in the writer's transaction, so that the store
 * holds exactly what `settleRollouts` gives over what sources sent:
 * - an aborted rollout that reached traffic has its derived rollback (id
 *   `abortRollbackId`, deployments.derived_from = the rollout's pk), written like any
 *   deployment (with its DORA facts) and updated in place when the rollout is re-sent;
 * - unless the source reported a rollback of it (`supersedesAbortRollback`), or a
 *   deployment the source reported holds the derived id: then there is none, and one
 *   derived before is deleted. The rollouts a written deployment names in rollbackOf,
 *   now or before it was re-sent, are re-decided too.
 */
import {
  abortRollbackId,
  DeploymentEvent,
  rolloutKey,
  settleRollout,
  supersedesAbortRollback,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { whereIdentityIn } from './identities';
import { phaseRowsOf } from './phases';
import { DeploymentRow, toDeploymentEvent } from './rows';

type Identity = { source: string; id: string };

/** Writes deployments as the store does; `known`: identities already stored. */
export type DeploymentWriter = (
  deployments: DeploymentEvent[],
  known: Set<string>,
  derivedFrom: Map<string, number>,
) => Promise<unknown>;

/** The rollouts these stored deployments name in rollbackOf (their former versions). */
export async function namedRollouts(
  tx: Knex.Transaction,
  deployments: Identity[],
): Promise<Identity[]> {
  const named: Identity[] = [];
  for (const slice of chunks(deployments)) {
    const rows: { source: string; rollback_of: string }[] = await tx(
      'deployments',
    )
      .where(qb => whereIdentityIn(qb, slice))
      .whereNotNull('rollback_of')
      .whereNull('derived_from')
      .select('source', 'rollback_of');
    named.push(...rows.map(r => ({ source: r.source, id: r.rollback_of })));
  }
  return named;
}

/**
 * Re-decides the derived rollbacks of the deployments just `written` (as stored,
 * settled) and of the rollouts `named` in rollbackOf by them or their former versions.
 * `resent`: keys (`rolloutKey`) of the written ones that replaced a stored version; a
 * new deployment without phases has no rollback to decide.
 */
export async function reconcileAbortRollbacks(
  tx: Knex.Transaction,
  touched: {
    written: DeploymentEvent[];
    resent: Set<string>;
    named: Identity[];
  },
  write: DeploymentWriter,
): Promise<void> {
  const rollouts = new Map(
    touched.written
      .filter(
        d =>
          (d.phases?.length ?? 0) > 0 ||
          touched.resent.has(rolloutKey(d.source, d.id)),
      )
      .map(d => [rolloutKey(d.source, d.id), d]),
  );
  const writtenKeys = new Set(
    touched.written.map(d => rolloutKey(d.source, d.id)),
  );
  const unread = touched.named.filter(
    n => !writtenKeys.has(rolloutKey(n.source, n.id)),
  );
  for (const rollout of await loadRolloutsWithPhases(tx, unread)) {
    rollouts.set(rolloutKey(rollout.source, rollout.id), rollout);
  }
  if (rollouts.size === 0) return;

  const wanted = new Map<string, DeploymentEvent>();
  for (const [key, rollout] of rollouts) {
    const { abortRollback } = settleRollout(rollout);
    if (abortRollback) wanted.set(key, abortRollback);
  }
  for (const key of await supersededRollouts(
    tx,
    [...wanted.keys()],
    rollouts,
  )) {
    wanted.delete(key);
  }

  // Whatever holds a derived id now: a rollback derived before, or a source's own.
  const holders = new Map<string, { pk: number; derived: boolean }>();
  const derivedIds = [...rollouts.values()].map(r => ({
    source: r.source,
    id: abortRollbackId(r.id),
  }));
  for (const slice of chunks(derivedIds)) {
    const rows: Pick<
      DeploymentRow,
      'pk' | 'source' | 'external_id' | 'derived_from'
    >[] = await tx('deployments')
      .where(qb => whereIdentityIn(qb, slice))
      .select('pk', 'source', 'external_id', 'derived_from');
    for (const row of rows) {
      holders.set(rolloutKey(row.source, row.external_id), {
        pk: Number(row.pk),
        derived: row.derived_from !== null && row.derived_from !== undefined,
      });
    }
  }

  const stale: number[] = [];
  const rollbacks: DeploymentEvent[] = [];
  for (const [key, rollout] of rollouts) {
    const derivedKey = rolloutKey(rollout.source, abortRollbackId(rollout.id));
    const holder = holders.get(derivedKey);
    const rollback = wanted.get(key);
    if (holder && !holder.derived) continue;
    if (rollback) rollbacks.push(rollback);
    else if (holder) stale.push(holder.pk);
  }
  await deleteDerived(tx, stale);
  if (rollbacks.length === 0) return;

  const pks = await pksOf(
    tx,
    rollbacks.map(r => ({ source: r.source, id: r.rollbackOf! })),
  );
  const derivedFrom = new Map(
    rollbacks.map(r => [
      rolloutKey(r.source, r.id),
      pks.get(rolloutKey(r.source, r.rollbackOf!))!,
    ]),
  );
  const known = new Set(
    rollbacks
      .map(r => rolloutKey(r.source, r.id))
      .filter(key => holders.has(key)),
  );
  await write(rollbacks, known, derivedFrom);
}

/** Stored rollouts (source reports) with their phases; those without are no use here. */
async function loadRolloutsWithPhases(
  tx: Knex.Transaction,
  identities: Identity[],
): Promise<DeploymentEvent[]> {
  const found: DeploymentEvent[] = [];
  for (const slice of chunks(identities)) {
    const rows: DeploymentRow[] = await tx('deployments')
      .where(qb => whereIdentityIn(qb, slice))
      .whereNull('derived_from')
      .whereExists(phases =>
        phases
          .select(tx.raw('1'))
          .from('deployment_phases as p')
          .whereRaw('p.deployment_pk = deployments.pk'),
      );
    const phases = await phaseRowsOf(
      tx,
      rows.map(r => Number(r.pk)),
    );
    found.push(
      ...rows.map(row =>
        toDeploymentEvent(row, [], phases.get(Number(row.pk)) ?? []),
      ),
    );
  }
  return found;
}

/** Keys of the rollouts among `keys` whose source reported a rollback of them. */
async function supersededRollouts(
  tx: Knex.Transaction,
  keys: string[],
  rollouts: Map<string, DeploymentEvent>,
): Promise<string[]> {
  const superseded: string[] = [];
  for (const slice of chunks(keys)) {
    const targets = slice.map(key => rollouts.get(key)!);
    const rows: Pick<
      DeploymentRow,
      'source' | 'environment' | 'status' | 'rollback_of'
    >[] = await tx('deployments')
      .where(qb =>
        whereIdentityIn(qb, targets, { source: 'source', id: 'rollback_of' }),
      )
      .whereNull('derived_from')
      .select('source', 'environment', 'status', 'rollback_of');
    for (const target of targets) {
      const rollsItBack = rows.some(row =>
        supersedesAbortRollback(target, {
          source: row.source,
          environment: row.environment,
          status: row.status,
          rollbackOf: row.rollback_of ?? undefined,
        }),
      );
      if (rollsItBack) superseded.push(rolloutKey(target.source, target.id));
    }
  }
  return superseded;
}

async function pksOf(
  tx: Knex.Transaction,
  identities: Identity[],
): Promise<Map<string, number>> {
  const pks = new Map<string, number>();
  for (const slice of chunks(identities)) {
    const rows = await tx('deployments')
      .where(qb => whereIdentityIn(qb, slice))
      .select('pk', 'source', 'external_id');
    for (const row of rows) {
      pks.set(rolloutKey(row.source, row.external_id), Number(row.pk));
    }
  }
  return pks;
}

/**
 * Deletes derived rollbacks with their facts. They carry no commits and share no sha
 * with any deployment, so no change or duplicate depends on them.
 */
async function deleteDerived(tx: Knex.Transaction, pks: number[]) {
  for (const slice of chunks(pks)) {
    await tx('dora_deployments').whereIn('deployment_pk', slice).delete();
    await tx('deployment_phases').whereIn('deployment_pk', slice).delete();
    await tx('deployments').whereIn('pk', slice).delete();
  }
}
