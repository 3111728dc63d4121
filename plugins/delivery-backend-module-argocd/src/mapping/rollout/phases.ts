import {
  DeploymentPhase,
  EVENT_LIMITS,
  orderedPhases,
  PhaseStatus,
  toMillis,
} from '@internal/backstage-plugin-delivery-common';
import { AttemptFacts, RolloutFacts } from './facts';
import { AnalysisRunFact } from './observation';
import { StepPlan } from './plan';

const MAX_NAME = EVENT_LIMITS.phaseName;

/** The phase kind of each step that is a phase. */
const STEP_KINDS: Record<
  Exclude<StepPlan['kind'], 'other'>,
  DeploymentPhase['kind']
> = {
  setWeight: 'canary-step',
  pause: 'pause',
  analysis: 'analysis',
  experiment: 'analysis',
};

/** An analysis phase's status from its run's phase. */
function runStatus(runPhase: string): PhaseStatus {
  switch (runPhase) {
    case 'Successful':
      return 'succeeded';
    case 'Failed':
    case 'Error':
      return 'failed';
    case 'Pending':
      return 'pending';
    default:
      // Running, or Inconclusive: the rollout waits for a decision.
      return 'running';
  }
}

const templates = (names: string[] | undefined) =>
  names && names.length > 0 ? ` (${names.join(', ')})` : '';

function describeStep(step: StepPlan): string {
  switch (step.kind) {
    case 'setWeight':
      return `set weight ${step.weight}%`;
    case 'pause':
      return step.duration ? `pause ${step.duration}` : 'pause until promoted';
    case 'analysis':
      return `analysis${templates(step.templates)}`;
    case 'experiment':
      return 'experiment';
    default:
      return step.what;
  }
}

/** `finishedAt` when it is not before `startedAt` (clocks of two sources may disagree). */
function span(startedAt: string, finishedAt: string | undefined) {
  return finishedAt && toMillis(finishedAt) >= toMillis(startedAt)
    ? { startedAt, finishedAt }
    : { startedAt };
}

function phase(
  fields: Omit<DeploymentPhase, 'startedAt' | 'finishedAt'>,
  startedAt: string | undefined,
  finishedAt?: string,
): DeploymentPhase[] {
  if (!startedAt) return [];
  return [
    {
      ...fields,
      name: fields.name.slice(0, MAX_NAME),
      ...span(startedAt, finishedAt),
    },
  ];
}

function analysisPhase(
  run: AnalysisRunFact | undefined,
  name: string,
  suffix: string,
): DeploymentPhase[] {
  if (!run) return [];
  return phase(
    {
      name: `${name}${suffix}`,
      kind: 'analysis',
      status: runStatus(run.phase),
    },
    run.startedAt,
    run.finishedAt,
  );
}

function abortPhase(attempt: AttemptFacts, suffix: string): DeploymentPhase[] {
  return phase(
    // The abort itself went through: the traffic is back on the stable version.
    { name: `abort${suffix}`, kind: 'abort', weight: 0, status: 'succeeded' },
    attempt.abortedAt,
    attempt.abortedAt,
  );
}

function canaryPhases(
  steps: StepPlan[],
  background: string[] | undefined,
  attempt: AttemptFacts,
  suffix: string,
  supersededAt: string | undefined,
): DeploymentPhase[] {
  if (!attempt.progressed) return [];
  const count = steps.length;
  const startOf = (index: number) =>
    attempt.stepStartedAt[String(index)] ??
    (index === 0 ? attempt.startedAt : undefined);
  const phases: DeploymentPhase[] = [];
  for (let index = 0; index < count && index <= attempt.reached; index++) {
    const step = steps[index];
    if (step.kind === 'other') continue;
    const done = index < attempt.reached;
    const run = attempt.analyses.find(
      a => a.type === 'step' && a.stepIndex === index,
    );
    let status: PhaseStatus;
    let end: string | undefined;
    if (done) {
      status = 'succeeded';
      end =
        startOf(index + 1) ??
        (index + 1 === count ? attempt.completedAt : undefined);
    } else if (attempt.abortedAt) {
      // The step the rollout was aborted in (an analysis ends when its run did).
      status = 'failed';
      end = run?.finishedAt ?? attempt.abortedAt;
    } else if (supersededAt && !run?.finishedAt) {
      // Replaced by a newer revision: stopped in this step when that one began.
      status = 'failed';
      end = supersededAt;
    } else {
      status = run ? runStatus(run.phase) : 'running';
      end = run?.finishedAt;
    }
    phases.push(
      ...phase(
        {
          name: `step ${index + 1}/${count}: ${describeStep(step)}${suffix}`,
          kind: STEP_KINDS[step.kind],
          ...(step.kind === 'setWeight' ? { weight: step.weight } : {}),
          status,
        },
        startOf(index) ?? run?.startedAt,
        end,
      ),
    );
  }
  for (const run of attempt.analyses.filter(a => a.type === 'background')) {
    phases.push(
      ...analysisPhase(
        run,
        `background analysis${templates(background)}`,
        suffix,
      ),
    );
  }
  if (!attempt.abortedAt && (attempt.reached >= count || attempt.completedAt)) {
    phases.push(
      ...phase(
        {
          name: `promote to 100%${suffix}`,
          kind: 'promote',
          weight: 100,
          status: attempt.completedAt ? 'succeeded' : 'running',
        },
        startOf(count) ?? attempt.completedAt,
        attempt.completedAt,
      ),
    );
  }
  phases.push(...abortPhase(attempt, suffix));
  return phases;
}

function pauseStatus(
  end: string | undefined,
  abortedAt: string | undefined,
): PhaseStatus {
  if (end) return 'succeeded';
  return abortedAt ? 'failed' : 'running';
}

function blueGreenPhases(
  plan: {
    autoPromotion: boolean;
    prePromotion?: string[];
    postPromotion?: string[];
  },
  attempt: AttemptFacts,
  suffix: string,
  supersededAt: string | undefined,
): DeploymentPhase[] {
  const runOf = (type: AnalysisRunFact['type']) =>
    attempt.analyses.filter(a => a.type === type).pop();
  const pauseEnd = attempt.resumedAt ?? attempt.switchedAt;
  return [
    ...analysisPhase(
      runOf('pre'),
      `pre-promotion analysis${templates(plan.prePromotion)}`,
      suffix,
    ),
    ...phase(
      {
        name: `${
          plan.autoPromotion ? 'pause before promotion' : 'pause until promoted'
        }${suffix}`,
        kind: 'pause',
        status: pauseStatus(pauseEnd, attempt.abortedAt ?? supersededAt),
      },
      attempt.pausedAt,
      pauseEnd ?? attempt.abortedAt ?? supersededAt,
    ),
    ...phase(
      {
        name: `switch active service${suffix}`,
        kind: 'switch',
        weight: 100,
        status: 'succeeded',
      },
      attempt.switchedAt,
      attempt.switchedAt,
    ),
    ...analysisPhase(
      runOf('post'),
      `post-promotion analysis${templates(plan.postPromotion)}`,
      suffix,
    ),
    ...abortPhase(attempt, suffix),
  ];
}

/**
 * The phases of a revision's rollout, from what is known of it, in the order they
 * started. A phase is told only once its start is known: Argo Rollouts records few
 * times, so a phase neither a notification nor the Rollout's status dated is left
 * out rather than given a guessed time. Retries after an abort are suffixed
 * `(attempt 2)`, …; `prefix` names the Rollout when a sync rolls out several.
 */
export function phasesOf(facts: RolloutFacts, prefix = ''): DeploymentPhase[] {
  const { plan, attempts } = facts;
  const phases = attempts.flatMap((attempt, index) => {
    const suffix = attempts.length > 1 ? ` (attempt ${index + 1})` : '';
    // Only the last attempt can have been replaced by a newer revision.
    const supersededAt =
      index === attempts.length - 1 ? facts.supersededAt : undefined;
    return plan.strategy === 'canary'
      ? canaryPhases(plan.steps, plan.background, attempt, suffix, supersededAt)
      : blueGreenPhases(plan, attempt, suffix, supersededAt);
  });
  return orderedPhases(
    prefix
      ? phases.map(p => ({
          ...p,
          name: `${prefix}${p.name}`.slice(0, MAX_NAME),
        }))
      : phases,
  );
}
