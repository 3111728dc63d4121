import { DateTime } from 'luxon';
import { parseDuration } from '../duration';
import {
  CountSeriesData,
  evaluateObjective,
  EvaluateOptions,
  planEvaluation,
} from '../evaluate';
import { SloObjective } from '../model';
import { series } from './series';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const ms = (isoText: string) => DateTime.fromISO(isoText).toMillis();

/** A 99.9% ratio objective (errors / requests) over a rolling window, occurrences. */
export const ratioObjective = (
  id: string,
  window: string,
  overrides: Partial<SloObjective> = {},
): SloObjective => ({
  id,
  sloName: id,
  indicator: {
    kind: 'ratio',
    bad: { query: 'errors' },
    total: { query: 'requests' },
  },
  target: 0.999,
  window: { kind: 'rolling', duration: parseDuration(window) },
  budgeting: { method: 'occurrences' },
  ...overrides,
});

export const calendarWindow = (duration: string, timeZone: string) => ({
  kind: 'calendar' as const,
  duration: parseDuration(duration),
  timeZone,
});

export const timeslicesBudgeting = (
  sliceTarget: number,
  sliceWindow: string,
) => ({
  method: 'timeslices' as const,
  sliceTarget,
  sliceWindow: parseDuration(sliceWindow),
});

type StepCountsAt = Parameters<typeof series>[1];
type SeriesInput = StepCountsAt | CountSeriesData;

export interface EvaluateAtOptions
  extends Omit<
    EvaluateOptions,
    | 'objective'
    | 'entityRef'
    | 'source'
    | 'now'
    | 'window'
    | 'recent'
    | 'history'
  > {
  /** The counts of step k of each planned range, or a whole series. */
  window: SeriesInput;
  recent?: SeriesInput;
  history?: SeriesInput;
}

/**
 * Evaluates `objective` at `now` for component:default/api on a test source, over
 * series built on the ranges planEvaluation asks for.
 */
export function evaluateAt(
  objective: SloObjective,
  now: number,
  { window, recent, history, ...rest }: EvaluateAtOptions,
) {
  const plan = planEvaluation(objective, now);
  const build = (
    input: SeriesInput | undefined,
    range: typeof plan.window,
  ): CountSeriesData | undefined =>
    typeof input === 'function' ? series(range, input) : input;
  return evaluateObjective({
    objective,
    entityRef: 'component:default/api',
    source: { id: 'test', type: 'test' },
    now,
    window: build(window, plan.window)!,
    recent: build(recent, plan.recent),
    history: build(history, plan.history),
    ...rest,
  });
}

/** The slices of a timeslices report: good, bad, without data, in the whole window. */
export const sliceCounts = (
  good: number,
  bad: number,
  missing: number,
  inWindow: number,
) => ({ good, bad, missing, inWindow });

/** The state of each burn-rate tier of a report, in tier order. */
export const tierStates = (report: { burnRates: Array<{ state: string }> }) =>
  report.burnRates.map(r => r.state);
