/** Figures of the deployment impact: budget burned around a deployment, budget at it. */
import { errorBudget, errorRatio } from './budget';
import { consumedShare } from './budgetModel';
import { isLowTraffic } from './dataQuality';
import { clean } from './format';
import { SloObjective } from './model';
import { evaluationWindow } from './plan';
import { countsBetween, pointsIn, StepCounts, tally } from './tally';
import { DeploymentImpact } from './api';

/**
 * Share of the budget a stretch of `spanMs` burned: burn rate over it times the share
 * of the window it covers, (bad / total) / B * (span / window). Null without traffic.
 */
export function budgetConsumedOver(options: {
  target: number;
  counts: { bad: number; total: number };
  spanMs: number;
  windowMs: number;
}): number | null {
  const ratio = errorRatio(options.counts);
  if (ratio === undefined) return null;
  return clean(
    (ratio / errorBudget(options.target)) * (options.spanMs / options.windowMs),
  );
}

export interface BudgetAt {
  /** Budget remaining of the window ending at the instant, under the objective's model. */
  remaining: number | null;
  /** Fewer allowed bad events than the minimum: not a verdict. */
  lowTraffic: boolean;
  /** remaining <= 0 with enough traffic: what the error budget policy freezes on. */
  exhausted: boolean;
}

/**
 * Budget of the window that ends at `at` (rolling: the window length before it;
 * calendar: its period up to `at`), from a series covering that range, with the same
 * model and low-traffic rule as the evaluator.
 */
export function budgetAt(options: {
  objective: SloObjective;
  at: number;
  points: StepCounts[];
  /** Low traffic when B * total < this (default 10). */
  minAllowedBadEvents?: number;
}): BudgetAt {
  const { objective, at } = options;
  const window = evaluationWindow(objective, at);
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const t = tally(
    pointsIn(options.points, window.start, window.end),
    sliceTarget,
  );
  const consumed = consumedShare(
    {
      objective,
      windowMs: window.lengthMs,
      elapsedMs: window.elapsedMs,
      sliceMs: window.sliceMs,
    },
    t,
  );
  const remaining = consumed === undefined ? null : clean(1 - consumed);
  const lowTraffic = isLowTraffic(
    errorBudget(objective.target),
    t.total,
    options.minAllowedBadEvents,
  );
  return {
    remaining,
    lowTraffic,
    exhausted: remaining !== null && remaining <= 0 && !lowTraffic,
  };
}

/** Budget remaining of the window that ends at `at`; see `budgetAt`. */
export function remainingAt(options: {
  objective: SloObjective;
  at: number;
  points: StepCounts[];
}): number | null {
  return budgetAt(options).remaining;
}

const HOUR_MS = 3_600_000;

export type ObjectiveImpact = NonNullable<
  DeploymentImpact['objectives']
>[number];

/**
 * One objective around one deployment: budget consumed in the span after it (cut short
 * by `now`) and the same span before it, from 5m steps; the budget at the deployment
 * from the window's steps (`budgetAt`).
 */
export function objectiveImpact(options: {
  objective: SloObjective;
  /** The deployment's end, to the step the `around` series uses. */
  at: number;
  finishedAt: number;
  spanMs: number;
  now: number;
  around?: StepCounts[];
  history?: StepCounts[];
  minAllowedBadEvents?: number;
}): ObjectiveImpact {
  const { objective, at, spanMs, around } = options;
  const windowMs = evaluationWindow(objective, options.finishedAt).lengthMs;
  const consumed = (from: number, to: number) =>
    around && to > from
      ? budgetConsumedOver({
          target: objective.target,
          counts: countsBetween(around, from, to),
          spanMs: to - from,
          windowMs,
        })
      : null;
  const budget = options.history
    ? budgetAt({
        objective,
        at: options.finishedAt,
        points: options.history,
        minAllowedBadEvents: options.minAllowedBadEvents,
      })
    : undefined;
  return {
    objectiveId: objective.id,
    consumedBefore: consumed(at - spanMs, at),
    consumedAfter: consumed(at, Math.min(at + spanMs, options.now)),
    remainingAtDeployment: budget?.remaining ?? null,
    ...(budget?.lowTraffic ? { lowTraffic: true } : {}),
  };
}

/**
 * The impact of one deployment from its objectives' figures. The top-level before and
 * after are one objective's (the one that burned the largest share after it), never
 * maxima of different objectives; an after-span cut short by `now` is flagged with its
 * real length; a low-traffic budget at the deployment never counts as frozen.
 */
export function deploymentImpactOf(options: {
  deploymentId: string;
  finishedAt: number;
  /** The deployment's end, to the step the series use. */
  at: number;
  hours: number;
  now: number;
  freezeWhenExhausted: boolean;
  objectives: ObjectiveImpact[];
}): DeploymentImpact {
  const { at, hours, objectives } = options;
  const afterMs = Math.max(0, Math.min(at + hours * HOUR_MS, options.now) - at);
  const rank = (o: ObjectiveImpact) => [
    o.consumedAfter ?? -Infinity,
    o.consumedBefore ?? -Infinity,
  ];
  const worst = objectives
    .filter(o => o.consumedAfter !== null || o.consumedBefore !== null)
    .sort((a, b) => {
      const [a1, a2] = rank(a);
      const [b1, b2] = rank(b);
      return b1 - a1 || b2 - a2;
    })[0];
  return {
    deploymentId: options.deploymentId,
    finishedAt: new Date(options.finishedAt).toISOString(),
    objectiveId: worst?.objectiveId ?? null,
    consumedAfter: worst?.consumedAfter ?? null,
    consumedBefore: worst?.consumedBefore ?? null,
    hours,
    afterHours: clean(afterMs / HOUR_MS),
    afterPartial: afterMs < hours * HOUR_MS,
    madeWhileFrozen:
      options.freezeWhenExhausted &&
      objectives.some(
        o =>
          !o.lowTraffic &&
          o.remainingAtDeployment !== null &&
          o.remainingAtDeployment <= 0,
      ),
    objectives,
  };
}
