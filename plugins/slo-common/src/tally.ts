/**
 * Per-step event counts and their sums. Counts are summed before any ratio is taken;
 * with timeslices budgeting each step is also one slice, judged good or bad.
 */
import { classifySlice, errorRatio } from './budget';

/** Event counts of one step; `t` is the end of the step (epoch ms). */
export interface StepCounts {
  t: number;
  good: number;
  bad: number;
  total: number;
}

export interface Tally {
  good: number;
  bad: number;
  total: number;
  /** Steps that had samples. */
  present: number;
  /** Timeslices only: slices with samples, judged; `missing` = samples without events. */
  slices: { good: number; bad: number; missing: number };
}

/** The steps that end inside (from, to]. */
export function pointsIn(
  points: StepCounts[],
  from: number,
  to: number,
): StepCounts[] {
  return points.filter(point => point.t > from && point.t <= to);
}

export function emptyTally(): Tally {
  return {
    good: 0,
    bad: 0,
    total: 0,
    present: 0,
    slices: { good: 0, bad: 0, missing: 0 },
  };
}

/** Adds one step into `into`; with a slice target the step is also judged as a slice. */
export function addStep(
  into: Tally,
  point: StepCounts,
  sliceTarget?: number,
): Tally {
  into.good += point.good;
  into.bad += point.bad;
  into.total += point.total;
  into.present += 1;
  if (sliceTarget !== undefined) {
    const ratio = errorRatio(point);
    into.slices[
      classifySlice(ratio === undefined ? undefined : 1 - ratio, sliceTarget)
    ] += 1;
  }
  return into;
}

/** Sums a set of steps; each step is also a slice when the budgeting is timeslices. */
export function tally(points: StepCounts[], sliceTarget?: number): Tally {
  const result = emptyTally();
  for (const point of points) addStep(result, point, sliceTarget);
  return result;
}

/** Error ratio of a tally: bad events / events, or bad slices / judged slices. */
export function tallyErrorRatio(
  t: Tally,
  timeslices: boolean,
): number | undefined {
  return timeslices
    ? errorRatio({ bad: t.slices.bad, total: t.slices.good + t.slices.bad })
    : errorRatio(t);
}

/** Counts of the steps ending in (from, to]. */
export function countsBetween(
  points: StepCounts[],
  from: number,
  to: number,
): { good: number; bad: number; total: number; present: number } {
  const t = tally(pointsIn(points, from, to));
  return { good: t.good, bad: t.bad, total: t.total, present: t.present };
}
