import {
  DeploymentPhase,
  DeploymentStatus,
  EVENT_LIMITS,
  orderedPhases,
  rolloutOutcome,
  toMillis,
} from '@internal/backstage-plugin-delivery-common';
import { RolloutFacts } from './facts';
import { phasesOf } from './phases';

/** The fields of a sync's deployment a progressive rollout decides. */
export interface RolledOut {
  status: DeploymentStatus;
  finishedAt: string | null;
  phases?: DeploymentPhase[];
}

const latest = (times: string[]) =>
  times.reduce((a, b) => (toMillis(b) > toMillis(a) ? b : a));
const earliest = (times: string[]) =>
  times.reduce((a, b) => (toMillis(b) < toMillis(a) ? b : a));

/** When a promoted revision finished rolling out: completed, else switched (blue-green). */
function promotedAt(facts: RolloutFacts): string | undefined {
  const last = facts.attempts[facts.attempts.length - 1];
  return last.completedAt ?? last.switchedAt;
}

/**
 * A sync's deployment with the rollouts it started: their phases, and the status and
 * finish their outcome decides (delivery-common's `rolloutOutcome`, which the
 * backend applies too):
 *
 * - a sync that did not succeed keeps Argo CD's status and finish;
 * - aborted (any of its Rollouts): `failure`, finished at the first abort;
 * - promoted (all of them): `success`, finished when the last one completed (a
 *   blue-green switch when its completion is not known yet);
 * - still progressing: Argo CD's `success` and the sync's finish. The phases tell
 *   the rollout is not through; the store never reopens a finished deployment.
 *
 * Without phases (no Rollout, or none with a dated phase) the sync is unchanged.
 * Several Rollouts' phases are prefixed with their names.
 */
export function rolledOut(
  sync: {
    status: DeploymentStatus;
    startedAt: string;
    finishedAt: string | null;
  },
  rollouts: RolloutFacts[],
): RolledOut {
  const each = rollouts
    .map(facts => ({
      facts,
      phases: phasesOf(
        facts,
        rollouts.length > 1 ? `${facts.rollout.name}: ` : '',
      ),
    }))
    .filter(r => r.phases.length > 0);
  if (each.length === 0) {
    return { status: sync.status, finishedAt: sync.finishedAt };
  }
  const phases = orderedPhases(each.flatMap(r => r.phases)).slice(
    0,
    EVENT_LIMITS.phases,
  );
  const unchanged = {
    status: sync.status,
    finishedAt: sync.finishedAt,
    phases,
  };
  if (sync.status !== 'success') return unchanged;

  const notBeforeStart = (at: string) =>
    toMillis(at) < toMillis(sync.startedAt) ? sync.startedAt : at;
  const outcomes = each.map(r => rolloutOutcome(r.phases));
  if (outcomes.includes('aborted')) {
    const aborts = each.flatMap(r =>
      r.phases.filter(p => p.kind === 'abort').map(p => p.startedAt),
    );
    return {
      status: 'failure',
      finishedAt: notBeforeStart(earliest(aborts)),
      phases,
    };
  }
  if (outcomes.every(o => o === 'promoted')) {
    const done = each.flatMap(r => {
      const at = promotedAt(r.facts);
      return at ? [at] : [];
    });
    if (done.length === each.length) {
      return {
        status: 'success',
        finishedAt: notBeforeStart(latest(done)),
        phases,
      };
    }
  }
  return unchanged;
}
