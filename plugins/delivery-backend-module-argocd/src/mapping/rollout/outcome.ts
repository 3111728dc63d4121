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

/** When a rollout was promoted: its first promote or switch that succeeded finished. */
function promotedAt(phases: DeploymentPhase[]): string | undefined {
  const promotion = phases.find(
    p =>
      (p.kind === 'promote' || p.kind === 'switch') && p.status === 'succeeded',
  );
  return promotion ? promotion.finishedAt ?? promotion.startedAt : undefined;
}

type Outcome =
  | { outcome: 'aborted'; at: string }
  | { outcome: 'promoted'; at: string }
  | { outcome: 'superseded'; at: string }
  | { outcome: 'progressing' };

/** How one Rollout's revision ended, or that it has not, with when. */
function outcomeOf(facts: RolloutFacts, phases: DeploymentPhase[]): Outcome {
  const outcome = rolloutOutcome(phases);
  if (outcome === 'aborted') {
    const abort = phases.find(p => p.kind === 'abort')!;
    return { outcome, at: abort.startedAt };
  }
  const last = facts.attempts[facts.attempts.length - 1];
  // Promoted by a dated phase, or completed without one (its steps skipped).
  const promoted =
    (outcome === 'promoted' ? promotedAt(phases) : undefined) ??
    last.completedAt;
  if (promoted) return { outcome: 'promoted', at: promoted };
  if (facts.supersededAt) {
    return { outcome: 'superseded', at: facts.supersededAt };
  }
  return { outcome: 'progressing' };
}

/**
 * A sync's deployment with the rollouts it started: their phases, and the status and
 * finish their outcome decides, by delivery-common's `rolloutOutcome` (the delivery
 * backend settles a deployment from its phases by the same rules):
 *
 * - a sync that did not succeed keeps Argo CD's status and finish;
 * - aborted (any of its Rollouts): `failure`, finished at the first abort;
 * - promoted (all of them): `success`, finished when the last one's first promote or
 *   switch finished;
 * - replaced by a newer revision before it ended (all that did not end so):
 *   `cancelled`, finished when the newer one began;
 * - still progressing (any of them): `in_progress`, not finished, even while no
 *   phase is dated yet.
 *
 * A sync without Rollout revisions is unchanged. Several Rollouts' phases are
 * prefixed with their names.
 */
export function rolledOut(
  sync: {
    status: DeploymentStatus;
    startedAt: string;
    finishedAt: string | null;
  },
  rollouts: RolloutFacts[],
): RolledOut {
  const each = rollouts.map(facts => {
    const phases = phasesOf(
      facts,
      rollouts.length > 1 ? `${facts.rollout.name}: ` : '',
    );
    return { facts, phases, ended: outcomeOf(facts, phases) };
  });
  // A revision that skipped its steps was rolled out at once: nothing to tell.
  const told = each.filter(
    r => r.phases.length > 0 || r.ended.outcome === 'progressing',
  );
  if (told.length === 0) {
    return { status: sync.status, finishedAt: sync.finishedAt };
  }
  const all = orderedPhases(told.flatMap(r => r.phases)).slice(
    0,
    EVENT_LIMITS.phases,
  );
  const phases = all.length > 0 ? { phases: all } : {};
  if (sync.status !== 'success') {
    return { status: sync.status, finishedAt: sync.finishedAt, ...phases };
  }
  const notBeforeStart = (at: string) =>
    toMillis(at) < toMillis(sync.startedAt) ? sync.startedAt : at;
  const ends = told.map(r => r.ended);
  const at = (kind: Outcome['outcome']) =>
    ends.flatMap(e => (e.outcome === kind && 'at' in e ? [e.at] : []));

  if (at('aborted').length > 0) {
    return {
      status: 'failure',
      finishedAt: notBeforeStart(earliest(at('aborted'))),
      ...phases,
    };
  }
  if (ends.some(e => e.outcome === 'progressing')) {
    return { status: 'in_progress', finishedAt: null, ...phases };
  }
  if (at('superseded').length > 0) {
    return {
      status: 'cancelled',
      finishedAt: notBeforeStart(latest(at('superseded'))),
      ...phases,
    };
  }
  return {
    status: 'success',
    finishedAt: notBeforeStart(latest(at('promoted'))),
    ...phases,
  };
}
