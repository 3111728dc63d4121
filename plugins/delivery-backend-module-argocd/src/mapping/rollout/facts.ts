import { toMillis } from '@internal/backstage-plugin-delivery-common';
import { AnalysisRunFact, RolloutObservation } from './observation';
import { RolloutPlan } from './plan';

/**
 * What is known of one attempt at rolling a revision out (a retry after an abort is
 * another attempt), each time from where Argo Rollouts or a notification told it.
 * A time once known is kept: later observations only add what was not known.
 */
export interface AttemptFacts {
  /** When the attempt began: its first step (canary), or the preview (blue-green). */
  startedAt?: string;
  /**
   * Canary: when step `i` began, which is when step `i - 1` completed (the
   * controller moves on in the same reconciliation); key `N` (the step count) is
   * when the last step completed.
   */
  stepStartedAt: Record<string, string>;
  /** Canary: the step in progress, the step count once all completed. */
  reached: number;
  /**
   * Canary: seen going through its steps. A first revision, or a return to the
   * stable revision, skips them: such an attempt has no phases.
   */
  progressed: boolean;
  analyses: AnalysisRunFact[];
  /** Blue-green: paused before the switch, and resumed. */
  pausedAt?: string;
  resumedAt?: string;
  /** Blue-green: the active service switched to the new revision. */
  switchedAt?: string;
  /** Fully promoted: the revision became the stable one. */
  completedAt?: string;
  abortedAt?: string;
}

/** What is known of one revision of one Rollout: the module's memory of it. */
export interface RolloutFacts {
  rollout: { namespace: string; name: string };
  revision: string;
  podHash?: string;
  plan: RolloutPlan;
  /** At least one; a retry after an abort adds one. */
  attempts: AttemptFacts[];
  /**
   * When a newer revision of the Rollout began while this one had not ended
   * (completed or aborted): it never will.
   */
  supersededAt?: string;
}

/** Whether a revision's rollout ended: completed, or its last attempt aborted. */
export function hasEnded(facts: RolloutFacts): boolean {
  const last = facts.attempts[facts.attempts.length - 1];
  return !!(last.completedAt || last.abortedAt || facts.supersededAt);
}

/**
 * The facts of a revision a newer one replaced at `at` before it ended; unchanged
 * when it had ended.
 */
export function supersede(facts: RolloutFacts, at: string): RolloutFacts {
  return hasEnded(facts) ? facts : { ...facts, supersededAt: at };
}

const emptyAttempt = (): AttemptFacts => ({
  stepStartedAt: {},
  reached: 0,
  progressed: false,
  analyses: [],
});

const before = (a: string, b: string) => toMillis(a) < toMillis(b);

/** The attempt an observation at `at` belongs to: the last one begun by then. */
function attemptAt(attempts: AttemptFacts[], at: string): AttemptFacts {
  for (let i = attempts.length - 1; i > 0; i--) {
    const start = attempts[i].startedAt;
    if (!start || !before(at, start)) return attempts[i];
  }
  return attempts[0];
}

function stepCount(plan: RolloutPlan): number {
  return plan.strategy === 'canary' ? plan.steps.length : 0;
}

/** Sets when step `index` began, unless known; the canary is going through its steps. */
function stepStarted(attempt: AttemptFacts, index: number, at: string) {
  attempt.stepStartedAt[String(index)] ??= at;
  attempt.progressed = true;
}

function reach(attempt: AttemptFacts, index: number, plan: RolloutPlan) {
  attempt.reached = Math.min(Math.max(attempt.reached, index), stepCount(plan));
}

function mergeAnalysis(attempt: AttemptFacts, run: AnalysisRunFact) {
  const known = attempt.analyses.find(a => a.name === run.name);
  if (!known) {
    attempt.analyses.push({ ...run });
    return;
  }
  known.phase = run.phase;
  known.startedAt ??= run.startedAt;
  known.finishedAt ??= run.finishedAt;
}

function applyTransition(
  attempt: AttemptFacts,
  observation: RolloutObservation,
  plan: RolloutPlan,
) {
  const { at, stepIndex } = observation;
  switch (observation.transition) {
    case 'revision-started':
      attempt.startedAt ??= at;
      break;
    case 'step-completed':
      if (plan.strategy === 'canary') {
        // The notification shows the step that completed as the current one.
        const completed = stepIndex ?? 0;
        stepStarted(attempt, completed + 1, at);
        reach(attempt, completed + 1, plan);
      }
      break;
    case 'paused':
      if (plan.strategy === 'blue-green') {
        attempt.pausedAt ??= at;
      } else if (
        stepIndex !== undefined &&
        plan.steps[stepIndex]?.kind === 'pause'
      ) {
        stepStarted(attempt, stepIndex, at);
        reach(attempt, stepIndex, plan);
      }
      break;
    case 'resumed':
      if (plan.strategy === 'blue-green') attempt.resumedAt ??= at;
      break;
    case 'aborted':
      attempt.abortedAt ??= at;
      attempt.progressed = true;
      if (stepIndex !== undefined) reach(attempt, stepIndex, plan);
      break;
    case 'completed':
      attempt.completedAt ??= at;
      reach(attempt, stepCount(plan), plan);
      break;
    case 'switched':
      attempt.switchedAt ??= at;
      break;
    default:
  }
}

function applyState(
  attempt: AttemptFacts,
  observation: RolloutObservation,
  plan: RolloutPlan,
) {
  const { stepIndex } = observation;
  if (observation.replicaSetCreatedAt) {
    attempt.startedAt ??= observation.replicaSetCreatedAt;
  }
  if (observation.aborted && observation.abortedAt) {
    attempt.abortedAt ??= observation.abortedAt;
    attempt.progressed = true;
  }
  // An aborted canary is reset to step 0: where it stood is kept from before.
  if (!observation.aborted && stepIndex !== undefined) {
    reach(attempt, stepIndex, plan);
    if (!observation.promoted && stepIndex < stepCount(plan)) {
      attempt.progressed = true;
    }
  }
  if (observation.promoted) {
    if (observation.completedAt) {
      attempt.completedAt ??= observation.completedAt;
    }
    reach(attempt, stepCount(plan), plan);
  }
  if (observation.canaryPauseStartedAt && stepIndex !== undefined) {
    stepStarted(attempt, stepIndex, observation.canaryPauseStartedAt);
  }
  if (observation.blueGreenPauseStartedAt) {
    attempt.pausedAt ??= observation.blueGreenPauseStartedAt;
  }
  for (const run of observation.analyses) {
    mergeAnalysis(attempt, run);
    if (run.type === 'step' && run.stepIndex !== undefined) {
      // The controller creates a step's run when the step begins, and moves on
      // when it succeeds.
      if (run.startedAt) stepStarted(attempt, run.stepIndex, run.startedAt);
      reach(attempt, run.stepIndex, plan);
      if (run.phase === 'Successful' && run.finishedAt) {
        stepStarted(attempt, run.stepIndex + 1, run.finishedAt);
        reach(attempt, run.stepIndex + 1, plan);
      }
    }
    if (run.type === 'post' && run.startedAt) {
      // Created in the reconciliation that switched the active service.
      attempt.switchedAt ??= run.startedAt;
    }
  }
}

/**
 * The facts of a revision once `observation` is added to what was known (`previous`,
 * of the same revision, or nothing). Pure: the caller keeps the result.
 *
 * A retry (the attempt was aborted; this observation, later than the abort, is not)
 * starts another attempt. Blue-green without a post-promotion analysis switches and
 * completes in one reconciliation, so the completion stands for an unknown switch.
 */
export function advanceFacts(
  previous: RolloutFacts | undefined,
  observation: RolloutObservation,
): RolloutFacts {
  const facts: RolloutFacts = previous
    ? structuredClone(previous)
    : {
        rollout: observation.rollout,
        revision: observation.revision,
        plan: observation.plan,
        attempts: [emptyAttempt()],
      };
  facts.plan = observation.plan;
  if (observation.podHash) facts.podHash = observation.podHash;

  const last = facts.attempts[facts.attempts.length - 1];
  const retried =
    !!last.abortedAt &&
    !observation.aborted &&
    observation.transition !== 'aborted' &&
    observation.transition !== 'revision-started' &&
    before(last.abortedAt, observation.at);
  if (retried) facts.attempts.push(emptyAttempt());
  const attempt = retried
    ? facts.attempts[facts.attempts.length - 1]
    : attemptAt(facts.attempts, observation.at);

  applyTransition(attempt, observation, facts.plan);
  applyState(attempt, observation, facts.plan);
  if (
    facts.plan.strategy === 'blue-green' &&
    !facts.plan.postPromotion &&
    attempt.completedAt
  ) {
    attempt.switchedAt ??= attempt.completedAt;
  }
  return facts;
}
