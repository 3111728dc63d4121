/**
 * The figures read from the recent series: the current (1h) burn rate and the
 * burn-rate tiers that apply to the objective (see `applicableBurnRateTiers`).
 */
import { BurnRateTierReport } from './api';
import {
  applicableBurnRateTiers,
  DroppedBurnRateTier,
  evaluateBurnRateTier,
} from './burnRateTiers';
import { clean } from './format';
import { errorBudget } from './budget';
import { SloObjective } from './model';
import { CountSeriesData } from './plan';
import { pointsIn, tally, Tally, tallyErrorRatio } from './tally';

const HOUR_MS = 3_600_000;

export interface RecentFigures {
  /** The last hour's tally, undefined without a usable recent series. */
  lastHour?: Tally;
  currentRatio?: number;
  currentBurnRate?: number;
  /** Applicable tiers, evaluated. */
  tiers: Array<BurnRateTierReport & { budgetShare: number }>;
  dropped: DroppedBurnRateTier[];
  /** W the tier thresholds are scaled with. */
  tierWindowMs: number;
}

export function recentFigures(options: {
  objective: SloObjective;
  /** Where the recent windows end (now, or the end of the last whole slice). */
  end: number;
  recent?: CountSeriesData;
  /** False when the data cannot be trusted (query or definition error). */
  usable: boolean;
}): RecentFigures {
  const { objective, end, recent } = options;
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const timeslices = sliceTarget !== undefined;
  const windowTally = (lengthMs: number) =>
    recent && options.usable
      ? tally(pointsIn(recent.points, end - lengthMs, end), sliceTarget)
      : undefined;
  const ratioOver = (lengthMs: number) => {
    const t = windowTally(lengthMs);
    return t ? tallyErrorRatio(t, timeslices) : undefined;
  };
  const lastHour = windowTally(HOUR_MS);
  const currentRatio = lastHour
    ? tallyErrorRatio(lastHour, timeslices)
    : undefined;
  const budget = errorBudget(objective.target);
  const { tiers, dropped, windowMs } = applicableBurnRateTiers({
    window: objective.window,
    target: objective.target,
    enabled: objective.burnRateTiers,
  });
  return {
    lastHour,
    currentRatio,
    currentBurnRate:
      currentRatio === undefined ? undefined : clean(currentRatio / budget),
    dropped,
    tierWindowMs: windowMs,
    tiers: tiers.map(tier => {
      const evaluation = evaluateBurnRateTier({
        tier,
        target: objective.target,
        longErrorRatio: ratioOver(tier.longWindowMs),
        shortErrorRatio: ratioOver(tier.shortWindowMs),
      });
      return {
        tier: tier.name,
        severity: tier.severity,
        longWindowMs: tier.longWindowMs,
        shortWindowMs: tier.shortWindowMs,
        threshold: tier.threshold,
        longBurnRate: evaluation.longBurnRate ?? null,
        shortBurnRate: evaluation.shortBurnRate ?? null,
        state: evaluation.state,
        budgetShare: tier.budgetShare,
        ...(tier.warning ? { warning: tier.warning } : {}),
      };
    }),
  };
}
