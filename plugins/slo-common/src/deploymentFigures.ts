/** Figures of the deployment impact: budget burned around a deployment, budget at it. */
import { errorBudget, errorRatio } from './budget';
import { consumedShare } from './budgetModel';
import { isLowTraffic } from './dataQuality';
import { clean } from './format';
import { SloObjective } from './model';
import { evaluationWindow } from './plan';
import { pointsIn, StepCounts, tally } from './tally';

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
