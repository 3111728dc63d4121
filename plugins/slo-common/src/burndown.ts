/**
 * The burndown and the indicator series: one point per expected step of the window
 * series. Each burndown point is the budget remaining from the window start up to
 * that step under the objective's budget model, against the linear ideal
 * `1 - elapsed / window`. A step without samples is `null`, never carried over.
 */
import { BurndownPoint, SeriesPoint } from './api';
import { errorRatio } from './budget';
import { consumedShare, ModelInput } from './budgetModel';
import { clean, iso } from './format';
import { CountSeriesData } from './plan';
import { addStep, emptyTally, StepCounts } from './tally';

export interface BurndownResult {
  burndown: BurndownPoint[];
  indicatorSeries: SeriesPoint[];
  /** Start of the current run of steps at or below 0, null when none. */
  exhaustedSince: number | null;
}

export function burndownSeries(options: {
  model: ModelInput;
  series: CountSeriesData;
  /** The steps inside the window, in time order. */
  points: StepCounts[];
  windowStart: number;
  sliceTarget?: number;
  /** False when the data cannot be trusted: every value is null. */
  usable: boolean;
}): BurndownResult {
  const { model, series, windowStart, sliceTarget } = options;
  const byEnd = new Map(options.points.map(point => [point.t, point]));
  const burndown: BurndownPoint[] = [];
  const indicatorSeries: SeriesPoint[] = [];
  const cumulative = emptyTally();
  let exhaustedSince: number | null = null;
  for (let k = 1; k <= series.expectedPoints; k++) {
    const t = Math.min(series.from + k * series.stepMs, series.to);
    if (t <= windowStart) continue;
    const point = options.usable ? byEnd.get(t) : undefined;
    const ideal = clean(
      Math.max(0, Math.min(1, 1 - (t - windowStart) / model.windowMs)),
    );
    if (!point) {
      burndown.push({ t: iso(t), remaining: null, ideal });
      indicatorSeries.push({ t: iso(t), value: null });
      continue;
    }
    addStep(cumulative, point, sliceTarget);
    const consumed = consumedShare(
      { ...model, elapsedMs: t - windowStart },
      cumulative,
    );
    const remaining = consumed === undefined ? null : clean(1 - consumed);
    if (remaining !== null && remaining <= 0) {
      exhaustedSince = exhaustedSince ?? t;
    } else if (remaining !== null) {
      exhaustedSince = null;
    }
    burndown.push({ t: iso(t), remaining, ideal });
    const stepRatio = errorRatio(point);
    indicatorSeries.push({
      t: iso(t),
      value: stepRatio === undefined ? null : clean(1 - stepRatio),
    });
  }
  return { burndown, indicatorSeries, exhaustedSince };
}
