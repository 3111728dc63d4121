import { Knex } from 'knex';
import {
  ChangeKey,
  isDoraDeployment,
  recomputeChanges,
  writeDeploymentFacts,
} from './doraFacts';
import { reevaluateDuplicates, RolloutRow } from './duplicateRollouts';

/** What the DORA facts are built with (config `delivery.dora`). */
export interface FactSettings {
  /** Lower-cased production environment names (`productionEnvironmentSet`). */
  production: Set<string>;
  /** Reports of one rollout within this many ms are merged; 0 turns merging off. */
  duplicateWindowMs: number;
}

/**
 * Keeps the DORA facts in step with deployments just stored, in the writer's
 * transaction: re-decides which reports are duplicates around them, rewrites their
 * deployment facts and recomputes the changes they (and their former versions)
 * contributed.
 */
export async function refreshDeploymentFacts(
  tx: Knex.Transaction,
  written: {
    /** The deployments as now stored, with their shas. */
    stored: RolloutRow[];
    /** Pks of those that replaced an earlier version. */
    formerPks: number[];
    /** The rollouts (primary pks) the replaced versions belonged to. */
    formerRoots: number[];
    /** Changes the replaced versions contributed. */
    formerChanges: ChangeKey[];
  },
  settings: FactSettings,
): Promise<void> {
  const { stored, formerPks, formerRoots, formerChanges } = written;
  // Which reports are duplicates, around these deployments (an indexed lookup
  // of their shas); the rows re-decided carry every member of their rollouts.
  const redecided = await reevaluateDuplicates(
    tx,
    stored,
    formerRoots,
    settings.duplicateWindowMs,
  );
  const redecidedPks = new Set(redecided.map(r => r.pk));
  const facts = [...stored.filter(d => !redecidedPks.has(d.pk)), ...redecided];
  await writeDeploymentFacts(tx, facts, settings.production, {
    replacing: [...new Set([...formerPks, ...redecidedPks])],
  });
  await recomputeChanges(tx, [
    ...formerChanges,
    ...facts
      .filter(
        d => redecidedPks.has(d.pk) || isDoraDeployment(d, settings.production),
      )
      .flatMap(d => d.shas.map(sha => ({ entityRef: d.entity_ref, sha }))),
  ]);
}
