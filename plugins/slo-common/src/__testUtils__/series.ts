import { CountSeriesData, expectedSteps, SeriesRequest } from '../plan';
import { StepCounts } from '../tally';

/** A series over `range` with one point per step, counts from `counts(k)` (k from 0). */
export function series(
  range: SeriesRequest,
  counts: (k: number) => { good?: number; bad: number; total: number } | null,
  queries = ['q'],
): CountSeriesData {
  const expected = expectedSteps(range);
  const points: StepCounts[] = [];
  for (let k = 0; k < expected; k++) {
    const c = counts(k);
    if (c) {
      points.push({
        t: Math.min(range.from + (k + 1) * range.stepMs, range.to),
        good: c.good ?? c.total - c.bad,
        bad: c.bad,
        total: c.total,
      });
    }
  }
  return { ...range, points, expectedPoints: expected, queries };
}
