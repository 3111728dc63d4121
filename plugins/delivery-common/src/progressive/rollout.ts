import type { DeploymentPhase } from '../events';
import { toMillis } from '../time';

/** How a progressive rollout shifts traffic: in weighted steps, or all at once. */
export type RolloutStrategy = 'canary' | 'blue-green';

/**
 * Where a progressive rollout ended: fully `promoted`, `aborted` (traffic back to the
 * stable version), or still `progressing` (no promote or abort phase finished yet).
 */
export type RolloutOutcome = 'promoted' | 'aborted' | 'progressing';

/** The phases in the order they started (sources may send them in any order). */
export function orderedPhases(phases: DeploymentPhase[]): DeploymentPhase[] {
  return phases
    .map((phase, index) => ({ phase, index }))
    .sort(
      (a, b) =>
        toMillis(a.phase.startedAt) - toMillis(b.phase.startedAt) ||
        a.index - b.index,
    )
    .map(({ phase }) => phase);
}

/**
 * `blue-green` when a phase switches the active service, `canary` when any phase sets
 * a traffic weight; undefined for a deployment without phases (all at once).
 */
export function rolloutStrategy(
  phases: DeploymentPhase[] | undefined,
): RolloutStrategy | undefined {
  if (!phases || phases.length === 0) return undefined;
  if (phases.some(p => p.kind === 'switch')) return 'blue-green';
  return 'canary';
}

/**
 * `aborted` once an abort phase exists (whatever came after it: Argo Rollouts keeps
 * the stable version until a new revision), `promoted` once a promote phase or a
 * blue-green switch succeeded, else `progressing`. Undefined without phases.
 */
export function rolloutOutcome(
  phases: DeploymentPhase[] | undefined,
): RolloutOutcome | undefined {
  if (!phases || phases.length === 0) return undefined;
  if (phases.some(p => p.kind === 'abort')) return 'aborted';
  const promoted = phases.some(
    p =>
      (p.kind === 'promote' || p.kind === 'switch') && p.status === 'succeeded',
  );
  return promoted ? 'promoted' : 'progressing';
}
