/**
 * The budget burned over given intervals (a rollout's phases): which step to read the
 * counts at, how each interval is measured in whole steps, and each interval's share
 * of the budget by `budgetConsumedOver`, the arithmetic of the deployment impact.
 */
import { IntervalBurn } from './api';
import { budgetConsumedOver } from './deploymentFigures';
import { SloObjective } from './model';
import { evaluationWindow } from './plan';
import { countsBetween, StepCounts } from './tally';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Steps tried, finest first: the first one reading the span in at most MAX_STEPS. */
export const BURN_STEPS_MS = [
  MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  HOUR_MS,
] as const;
/** One day at 1 m, five days at 5 m, 15 days at 15 m, 60 days at 1 h. */
export const MAX_BURN_STEPS = 1440;

export interface BurnInterval {
  id: string;
  /** Epoch ms. */
  from: number;
  to: number;
}

export interface BurnPlan {
  stepMs: number;
  /** The range to read the counts of (epoch ms); undefined when nothing has passed. */
  range?: { from: number; to: number };
  /** Each interval widened to whole steps, cut at the last whole step before now. */
  intervals: BurnInterval[];
}

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;

/**
 * How to measure `intervals` at `now`: the finest step of `BURN_STEPS_MS` that reads
 * the whole span (earliest `from` to latest `to`) in at most `MAX_BURN_STEPS` steps
 * (the coarsest beyond that), steps aligned to the epoch. Each interval becomes
 * [floor(from), ceil(to)) in steps, cut at floor(now): a 2-minute phase read at 5 m
 * steps is measured over the 5 or 10 minutes that hold it. Intervals not started by
 * the last whole step measure nothing (from = to).
 */
export function planIntervalBurn(
  intervals: BurnInterval[],
  now: number,
): BurnPlan {
  const earliest = Math.min(...intervals.map(i => i.from));
  const latest = Math.min(now, Math.max(...intervals.map(i => i.to)));
  const span = Math.max(0, latest - earliest);
  const stepMs =
    BURN_STEPS_MS.find(step => Math.ceil(span / step) <= MAX_BURN_STEPS) ??
    BURN_STEPS_MS[BURN_STEPS_MS.length - 1];
  const lastStep = floorTo(now, stepMs);
  const measured = intervals.map(interval => {
    const to = Math.min(ceilTo(interval.to, stepMs), lastStep);
    const from = Math.min(floorTo(interval.from, stepMs), to);
    return { id: interval.id, from, to };
  });
  const nonEmpty = measured.filter(i => i.to > i.from);
  return {
    stepMs,
    intervals: measured,
    ...(nonEmpty.length > 0
      ? {
          range: {
            from: Math.min(...nonEmpty.map(i => i.from)),
            to: Math.max(...nonEmpty.map(i => i.to)),
          },
        }
      : {}),
  };
}

/**
 * Each measured interval's burn per objective, from the objective's counts over the
 * plan's range (no series: no figure): (bad / total) / B * (length / window), the
 * window's length at the interval's end. The top level is the objective that
 * consumed the largest share (the first of equals); null without traffic.
 */
export function intervalBurnOf(options: {
  intervals: BurnInterval[];
  objectives: Array<{ objective: SloObjective; points?: StepCounts[] }>;
}): IntervalBurn[] {
  return options.intervals.map(interval => {
    const objectives = options.objectives.map(({ objective, points }) => ({
      objectiveId: objective.id,
      consumed:
        points && interval.to > interval.from
          ? budgetConsumedOver({
              target: objective.target,
              counts: countsBetween(points, interval.from, interval.to),
              spanMs: interval.to - interval.from,
              windowMs: evaluationWindow(objective, interval.to).lengthMs,
            })
          : null,
    }));
    const worst = objectives
      .filter(o => o.consumed !== null)
      .reduce<(typeof objectives)[number] | undefined>(
        (best, o) => (!best || o.consumed! > best.consumed! ? o : best),
        undefined,
      );
    return {
      id: interval.id,
      from: new Date(interval.from).toISOString(),
      to: new Date(interval.to).toISOString(),
      consumed: worst?.consumed ?? null,
      objectiveId: worst?.objectiveId ?? null,
      objectives,
    };
  });
}
