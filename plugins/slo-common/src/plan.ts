/**
 * What to ask a metric source for: the ranges and steps an evaluation needs. Slices of
 * timeslices objectives are aligned to the clock (multiples of the slice since the
 * epoch for rolling windows, since the period start for calendar ones), so which
 * slices exist does not depend on the minute the question is asked.
 */
import { DateTime } from 'luxon';
import { applicableBurnRateTiers } from './burnRateTiers';
import { durationToMillis } from './duration';
import { SloObjective } from './model';
import { windowBounds } from './windows';
import { StepCounts } from './tally';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A range of per-step counts as requested: [from, to) in steps of stepMs. */
export interface CountSeriesData {
  from: number;
  to: number;
  stepMs: number;
  /** Steps that returned samples; steps without samples are absent. */
  points: StepCounts[];
  /** Steps the range should hold. */
  expectedPoints: number;
  queries: string[];
  /** The source answered partially (e.g. a Thanos store was down). */
  partial?: boolean;
  warnings?: string[];
  /** Problems of the definition the source found (e.g. a selector matching nothing). */
  definitionErrors?: string[];
}

export interface SeriesRequest {
  from: number;
  to: number;
  stepMs: number;
}

/** The three ranges an evaluation needs. */
export interface EvaluationPlan {
  /** The SLO window up to now: 1h steps (timeslices: the slices elapsed so far). */
  window: SeriesRequest;
  /** The burn-rate windows: 5m steps (timeslices: per slice) over the longest tier. */
  recent: SeriesRequest;
  /**
   * Compliance history: from the start of the previous quarter at 1h steps; for
   * timeslices from the start of the previous month, one step per slice.
   */
  history: SeriesRequest;
}

/** Steps for the window and compliance series of occurrences objectives. */
export const WINDOW_STEP_MS = HOUR_MS;
/** Steps for the burn-rate windows: the shortest short window (1h / 12). */
export const RECENT_STEP_MS = 5 * MINUTE_MS;

export function sliceMsOf(objective: SloObjective): number | undefined {
  return objective.budgeting.method === 'timeslices'
    ? durationToMillis(objective.budgeting.sliceWindow)
    : undefined;
}

export function zoneOf(objective: SloObjective): string {
  return objective.window.kind === 'calendar'
    ? objective.window.timeZone
    : 'UTC';
}

/** The window containing `now`, as the evaluator sees it. */
export interface EvaluationWindow {
  /** Start of the window (rolling timeslices: `end` minus the window). */
  start: number;
  /** Where the counted steps end: now, or the end of the last whole slice. */
  end: number;
  /** End of the calendar period (rolling: `end`). */
  periodEnd: number;
  lengthMs: number;
  /** Part of the window the counts cover: `end - start`. */
  elapsedMs: number;
  sliceMs?: number;
}

/**
 * End of the last whole slice at `now`: multiples of the slice since `origin` (the
 * epoch for rolling windows, the period start for calendar ones).
 */
export function alignToSlice(now: number, sliceMs: number, origin = 0): number {
  return origin + Math.floor((now - origin) / sliceMs) * sliceMs;
}

export function evaluationWindow(
  objective: SloObjective,
  now: number,
): EvaluationWindow {
  const bounds = windowBounds(objective.window, DateTime.fromMillis(now));
  const sliceMs = sliceMsOf(objective);
  const lengthMs = bounds.lengthMs;
  if (objective.window.kind === 'rolling') {
    const end = sliceMs ? alignToSlice(now, sliceMs) : now;
    return {
      start: end - lengthMs,
      end,
      periodEnd: end,
      lengthMs,
      elapsedMs: lengthMs,
      sliceMs,
    };
  }
  const start = bounds.start.toMillis();
  const end = sliceMs ? alignToSlice(now, sliceMs, start) : now;
  return {
    start,
    end,
    periodEnd: bounds.end.toMillis(),
    lengthMs,
    elapsedMs: end - start,
    sliceMs,
  };
}

/** Length of the longest long window among the objective's tiers (at least 1h). */
function longestTierMs(objective: SloObjective): number {
  const { tiers } = applicableBurnRateTiers({
    window: objective.window,
    target: objective.target,
    enabled: objective.burnRateTiers,
  });
  return Math.max(HOUR_MS, ...tiers.map(tier => tier.longWindowMs));
}

/** Which ranges to ask the metric source for, at `now` (epoch ms). */
export function planEvaluation(
  objective: SloObjective,
  now: number,
): EvaluationPlan {
  const window = evaluationWindow(objective, now);
  const sliceMs = window.sliceMs;
  const windowStep = sliceMs ?? WINDOW_STEP_MS;
  const local = DateTime.fromMillis(now).setZone(zoneOf(objective));
  // Slices may be short (1m, 5m): their history covers months, not quarters.
  const historyFrom = sliceMs
    ? local.startOf('month').minus({ months: 1 }).toMillis()
    : local.startOf('quarter').minus({ quarters: 1 }).toMillis();
  return {
    window: { from: window.start, to: window.end, stepMs: windowStep },
    recent: {
      from: window.end - longestTierMs(objective),
      to: window.end,
      stepMs: sliceMs ?? RECENT_STEP_MS,
    },
    history: { from: historyFrom, to: window.end, stepMs: windowStep },
  };
}

/** Steps in [from, to): a last, shorter step counts as one. */
export function expectedSteps(range: SeriesRequest): number {
  return Math.max(0, Math.ceil((range.to - range.from) / range.stepMs));
}
