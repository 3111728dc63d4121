/**
 * Error budget math, event-weighted. Counts are summed over the window before any
 * ratio is taken: averaging per-interval ratios would weigh a quiet night like a busy
 * day. Missing data yields `undefined`, never 0 or 100%.
 */

/** Rounds away binary float noise (1 - 0.999 = 0.0010000000000000009). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** B = 1 - target. */
export function errorBudget(target: number): number {
  if (!(target > 0 && target < 1)) {
    throw new Error(`target must be above 0 and below 1, got ${target}`);
  }
  return clean(1 - target);
}

export interface EventCounts {
  /** Bad events summed over the window. */
  bad: number;
  /** All events summed over the window. */
  total: number;
}

/** Builds counts from good/total counters (bad = total - good). */
export function countsFromGood(good: number, total: number): EventCounts {
  return { bad: total - good, total };
}

/** Sums per-interval counts (e.g. 1h increases) into one window count. */
export function sumCounts(intervals: EventCounts[]): EventCounts {
  return intervals.reduce(
    (sum, interval) => ({
      bad: sum.bad + interval.bad,
      total: sum.total + interval.total,
    }),
    { bad: 0, total: 0 },
  );
}

/** sum(bad) / sum(total); undefined when there was no traffic. */
export function errorRatio(counts: EventCounts): number | undefined {
  if (counts.total <= 0) {
    return undefined;
  }
  return clean(counts.bad / counts.total);
}

/** Burn rate = error ratio / B. 1 spends exactly the budget over the window. */
export function burnRate(
  ratio: number | undefined,
  target: number,
): number | undefined {
  return ratio === undefined ? undefined : clean(ratio / errorBudget(target));
}

/** 1 - error ratio / B: 1 is untouched, 0 exhausted, below 0 overspent. */
export function budgetRemaining(
  ratio: number | undefined,
  target: number,
): number | undefined {
  return ratio === undefined
    ? undefined
    : clean(1 - ratio / errorBudget(target));
}

/**
 * Time until the remaining budget is gone if the current burn rate holds. A burn rate
 * of 1 spends the whole budget in one window length. 0 when already exhausted,
 * Infinity when nothing burns.
 */
export function timeToExhaustionMs(
  remaining: number | undefined,
  currentBurnRate: number | undefined,
  windowMs: number,
): number | undefined {
  if (remaining === undefined || currentBurnRate === undefined) {
    return undefined;
  }
  if (remaining <= 0) {
    return 0;
  }
  if (currentBurnRate <= 0) {
    return Infinity;
  }
  return Math.round((remaining * windowMs) / currentBurnRate);
}

export interface BudgetStatus {
  budget: number;
  errorRatio?: number;
  /** 1 - error ratio; the indicator value. */
  sli?: number;
  burnRate?: number;
  remaining?: number;
  /** Share of the budget spent: 1 - remaining. */
  consumed?: number;
  /** B * total: bad events the window may contain. */
  allowedBad?: number;
  /** B * total - bad: bad events still allowed (negative when overspent). */
  badLeft?: number;
  /** Remaining budget expressed as full-outage time: remaining * B * window. */
  timeLeftMs?: number;
  /** At the given current burn rate (defaults to the window's own). */
  timeToExhaustionMs?: number;
}

/**
 * Budget status of an occurrences objective over one window.
 * `currentBurnRate` is typically the 1h burn rate; without it the window's is used.
 */
export function occurrencesBudget(options: {
  target: number;
  counts: EventCounts;
  windowMs: number;
  currentBurnRate?: number;
}): BudgetStatus {
  const { target, counts, windowMs } = options;
  const budget = errorBudget(target);
  const ratio = errorRatio(counts);
  if (ratio === undefined) {
    return { budget };
  }
  const rate = burnRate(ratio, target)!;
  const remaining = budgetRemaining(ratio, target)!;
  const allowedBad = clean(budget * counts.total);
  return {
    budget,
    errorRatio: ratio,
    sli: clean(1 - ratio),
    burnRate: rate,
    remaining,
    consumed: clean(1 - remaining),
    allowedBad,
    badLeft: clean(allowedBad - counts.bad),
    timeLeftMs: Math.round(remaining * budget * windowMs),
    timeToExhaustionMs: timeToExhaustionMs(
      remaining,
      options.currentBurnRate ?? rate,
      windowMs,
    ),
  };
}

export type SliceVerdict = 'good' | 'bad' | 'missing';

/**
 * A slice is good when its indicator reaches the slice target (a target of 1 asks for
 * a perfect slice); no data is not a verdict. Both sides are compared at 12
 * significant digits, so a ratio equal to the target up to float noise
 * (1 - 0.07 = 0.9299999999999999 against 0.93) is good.
 */
export function classifySlice(
  sli: number | undefined,
  sliceTarget: number,
): SliceVerdict {
  if (sli === undefined || Number.isNaN(sli)) {
    return 'missing';
  }
  return clean(sli) >= clean(sliceTarget) ? 'good' : 'bad';
}

export interface SliceCounts {
  good: number;
  bad: number;
  missing: number;
}

export function countSlices(verdicts: SliceVerdict[]): SliceCounts {
  const counts: SliceCounts = { good: 0, bad: 0, missing: 0 };
  for (const verdict of verdicts) {
    counts[verdict] += 1;
  }
  return counts;
}

export interface TimeslicesBudgetStatus extends BudgetStatus {
  /** Slices the whole window holds: window / slice. */
  slicesInWindow: number;
  /** B * slicesInWindow: bad slices the whole window may contain. */
  allowedBadSlices: number;
}

/**
 * Budget status of a timeslices objective. The ratio is bad slices / measured slices
 * (missing slices are left out, not counted good). Budget left in slices and time
 * refers to the whole window: B * (window / slice) - bad slices.
 */
export function timeslicesBudget(options: {
  target: number;
  slices: SliceCounts;
  sliceMs: number;
  windowMs: number;
  currentBurnRate?: number;
}): TimeslicesBudgetStatus {
  const { target, slices, sliceMs, windowMs } = options;
  const budget = errorBudget(target);
  const slicesInWindow = Math.floor(windowMs / sliceMs);
  const allowedBadSlices = clean(budget * slicesInWindow);
  const base = occurrencesBudget({
    target,
    counts: { bad: slices.bad, total: slices.good + slices.bad },
    windowMs,
    currentBurnRate: options.currentBurnRate,
  });
  if (base.errorRatio === undefined) {
    return { budget, slicesInWindow, allowedBadSlices };
  }
  const badLeft = clean(allowedBadSlices - slices.bad);
  return {
    ...base,
    slicesInWindow,
    allowedBadSlices,
    allowedBad: allowedBadSlices,
    badLeft,
    timeLeftMs: badLeft * sliceMs,
  };
}
