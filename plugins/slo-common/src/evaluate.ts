/**
 * The pure evaluator: from an objective, the per-step event counts a metric source
 * returned and `now`, every figure of an `ObjectiveReport`, each with its explanation.
 * No I/O: the backend plans the requests with `planEvaluation`, asks its source, and
 * hands the series here. Counts are summed before any ratio is taken.
 */
import { DateTime } from 'luxon';
import {
  BurndownPoint,
  BurnRateTierReport,
  CompliancePeriod,
  FigureExplanation,
  ObjectiveReport,
  SeriesPoint,
  SloState,
  SourceFreshness,
} from './api';
import {
  BudgetStatus,
  classifySlice,
  errorBudget,
  errorRatio,
  occurrencesBudget,
  timeslicesBudget,
} from './budget';
import {
  BurnRateTier,
  burnRateTiers,
  evaluateBurnRateTier,
} from './burnRateTiers';
import { assessDataQuality, DataQuality } from './dataQuality';
import { durationToMillis, formatDuration } from './duration';
import { SloObjective } from './model';
import { windowBounds } from './windows';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Event counts of one step; `t` is the end of the step (epoch ms). */
export interface StepCounts {
  t: number;
  good: number;
  bad: number;
  total: number;
}

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
  /** The SLO window up to now: 1h steps (the slice length for timeslices). */
  window: SeriesRequest;
  /** The burn-rate windows: 5m steps (the slice length for timeslices) over the longest tier. */
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

function sliceMsOf(objective: SloObjective): number | undefined {
  return objective.budgeting.method === 'timeslices'
    ? durationToMillis(objective.budgeting.sliceWindow)
    : undefined;
}

/** Length of the longest long window among the objective's tiers (at least 1h). */
function longestTierMs(objective: SloObjective, windowMs: number): number {
  const tiers = burnRateTiers({
    windowMs,
    target: objective.target,
    enabled: objective.burnRateTiers,
  });
  return Math.max(HOUR_MS, ...tiers.map(tier => tier.longWindowMs));
}

function zoneOf(objective: SloObjective): string {
  return objective.window.kind === 'calendar'
    ? objective.window.timeZone
    : 'UTC';
}

/** Which ranges to ask the metric source for, at `now` (epoch ms). */
export function planEvaluation(
  objective: SloObjective,
  now: number,
): EvaluationPlan {
  const bounds = windowBounds(objective.window, DateTime.fromMillis(now));
  const sliceMs = sliceMsOf(objective);
  const windowStep = sliceMs ?? WINDOW_STEP_MS;
  // Slices may be short (1m, 5m): their history covers months, not quarters.
  const historyFrom = sliceMs
    ? DateTime.fromMillis(now)
        .setZone(zoneOf(objective))
        .startOf('month')
        .minus({ months: 1 })
        .toMillis()
    : DateTime.fromMillis(now)
        .setZone(zoneOf(objective))
        .startOf('quarter')
        .minus({ quarters: 1 })
        .toMillis();
  return {
    window: {
      from: bounds.start.toMillis(),
      to: now,
      stepMs: windowStep,
    },
    recent: {
      from: now - longestTierMs(objective, bounds.lengthMs),
      to: now,
      stepMs: sliceMs ?? RECENT_STEP_MS,
    },
    history: { from: historyFrom, to: now, stepMs: windowStep },
  };
}

/** Steps in [from, to): a last, shorter step counts as one. */
export function expectedSteps(range: SeriesRequest): number {
  return Math.max(0, Math.ceil((range.to - range.from) / range.stepMs));
}

/** Rounds for display in formulas: 6 significant digits, no float noise. */
function num(value: number | undefined | null): string {
  if (value === undefined || value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return String(Number(value.toPrecision(6)));
}

function iso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO()!;
}

function humanMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return 'n/a';
  if (!Number.isFinite(ms)) return 'never';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs >= 86_400_000) return `${sign}${num(abs / 86_400_000)}d`;
  if (abs >= HOUR_MS) return `${sign}${num(abs / HOUR_MS)}h`;
  if (abs >= MINUTE_MS) return `${sign}${num(abs / MINUTE_MS)}m`;
  return `${sign}${num(abs / 1000)}s`;
}

function pointsIn(points: StepCounts[], from: number, to: number) {
  // A step belongs to the range when it ends inside (from, to].
  return points.filter(point => point.t > from && point.t <= to);
}

interface Tally {
  good: number;
  bad: number;
  total: number;
  present: number;
  /** Timeslices only. */
  slices: { good: number; bad: number; missing: number };
}

/** Sums a set of steps; each step is also a slice when the budgeting is timeslices. */
function tally(points: StepCounts[], sliceTarget?: number): Tally {
  const result: Tally = {
    good: 0,
    bad: 0,
    total: 0,
    present: points.length,
    slices: { good: 0, bad: 0, missing: 0 },
  };
  for (const point of points) {
    result.good += point.good;
    result.bad += point.bad;
    result.total += point.total;
    if (sliceTarget !== undefined) {
      const ratio = errorRatio(point);
      result.slices[
        classifySlice(ratio === undefined ? undefined : 1 - ratio, sliceTarget)
      ] += 1;
    }
  }
  return result;
}

/** Error ratio of a tally: bad events / events, or bad slices / measured slices. */
function tallyErrorRatio(t: Tally, timeslices: boolean): number | undefined {
  return timeslices
    ? errorRatio({
        bad: t.slices.bad,
        total: t.slices.good + t.slices.bad,
      })
    : errorRatio(t);
}

export interface EvaluateOptions {
  objective: SloObjective;
  entityRef: string;
  source: { id: string; type: string; url?: string };
  /** Epoch ms; the plan must have been made with the same `now`. */
  now: number;
  window: CountSeriesData;
  recent?: CountSeriesData;
  history?: CountSeriesData;
  /** Set when the source failed: figures are unknown (the caller may show the last good ones). */
  queryError?: string;
  /** Error budget policy: exhausted budget freezes deploys (default true). */
  freezeWhenExhausted?: boolean;
  /** Low traffic when B * total < this (default 10). */
  minAllowedBadEvents?: number;
  freshness?: SourceFreshness;
}

/** Evaluates one objective into the figures the API answers. */
export function evaluateObjective(options: EvaluateOptions): ObjectiveReport {
  const { objective, now } = options;
  const timeslices = objective.budgeting.method === 'timeslices';
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const sliceMs = sliceMsOf(objective);
  const bounds = windowBounds(objective.window, DateTime.fromMillis(now));
  const windowStart = bounds.start.toMillis();
  const windowEnd = bounds.end.toMillis();
  const windowMs = bounds.lengthMs;
  const budgetB = errorBudget(objective.target);
  const series = options.window;
  const windowPoints = [...pointsIn(series.points, windowStart, now)].sort(
    (a, b) => a.t - b.t,
  );
  const windowTally = tally(windowPoints, sliceTarget);
  const queries = series.queries;
  const explanations: Record<string, FigureExplanation> = {};
  const explain = (
    key: string,
    formula: string,
    extra: Partial<FigureExplanation> = {},
  ) => {
    explanations[key] = {
      formula,
      from: iso(windowStart),
      to: iso(now),
      queries,
      ...extra,
    };
  };
  const counts = {
    good: windowTally.good,
    bad: windowTally.bad,
    total: windowTally.total,
  };

  let dataQuality: DataQuality = assessDataQuality({
    expectedPoints: series.expectedPoints,
    presentPoints: windowTally.present,
    totalEvents: windowTally.total,
    budget: budgetB,
    queryError: options.queryError,
    minAllowedBadEvents: options.minAllowedBadEvents,
  });
  if (
    series.partial &&
    (dataQuality.status === 'ok' || dataQuality.status === 'partial')
  ) {
    dataQuality = {
      ...dataQuality,
      status: 'partial',
      reason: `the source answered partially${
        series.warnings?.length ? ` (${series.warnings.join('; ')})` : ''
      }; ${dataQuality.reason}`,
    };
  }
  const usable =
    dataQuality.status === 'ok' || dataQuality.status === 'partial';
  explain(
    'dataQuality',
    `${dataQuality.status}: ${dataQuality.reason}; ${windowTally.present} of ${
      series.expectedPoints
    } steps of ${humanMs(series.stepMs)} have samples (coverage ${num(
      dataQuality.coverage,
    )})${
      dataQuality.lowTraffic
        ? `; low traffic: B * total = ${num(budgetB)} * ${
            windowTally.total
          } = ${num(budgetB * windowTally.total)} allowed bad events`
        : ''
    }`,
    { counts },
  );

  // Burn-rate windows from the recent series (5m steps).
  const recentPoints = options.recent?.points ?? [];
  const recentTally = (lengthMs: number) => {
    if (!options.recent || options.queryError) return undefined;
    return tally(pointsIn(recentPoints, now - lengthMs, now), sliceTarget);
  };
  const recentRatio = (lengthMs: number) => {
    const t = recentTally(lengthMs);
    return t ? tallyErrorRatio(t, timeslices) : undefined;
  };
  const oneHour = recentTally(HOUR_MS);
  const currentRatio = oneHour
    ? tallyErrorRatio(oneHour, timeslices)
    : undefined;
  const currentBurnRate =
    currentRatio === undefined
      ? undefined
      : Number((currentRatio / budgetB).toPrecision(12));

  // Budget over the window.
  let status: BudgetStatus & {
    allowedBadSlices?: number;
    slicesInWindow?: number;
  } = { budget: budgetB };
  if (usable) {
    status =
      timeslices && sliceMs
        ? timeslicesBudget({
            target: objective.target,
            slices: windowTally.slices,
            sliceMs,
            windowMs,
            currentBurnRate,
          })
        : occurrencesBudget({
            target: objective.target,
            counts,
            windowMs,
            currentBurnRate,
          });
  }
  let ratioText = `sum(bad) / sum(total) = ${counts.bad} / ${counts.total}`;
  if (timeslices) {
    ratioText = `bad slices / measured slices = ${windowTally.slices.bad} / ${
      windowTally.slices.good + windowTally.slices.bad
    }`;
  } else if (objective.indicator.kind === 'recordedRatio') {
    // Readings of a recorded ratio, not requests: say so where the figure is read.
    ratioText = `sum(recorded ratio readings) / readings (time-weighted: one event per minute, not per request) = ${num(
      counts.bad,
    )} / ${counts.total}`;
  }
  explain(
    'budgetTotal',
    `B = 1 - target = 1 - ${num(objective.target)} = ${num(budgetB)}`,
  );
  explain(
    'errorRatio',
    `error ratio = ${ratioText} = ${num(status.errorRatio)}`,
    { counts },
  );
  explain(
    'sli',
    `SLI = 1 - error ratio = 1 - ${num(status.errorRatio)} = ${num(
      status.sli,
    )}${
      objective.budgeting.method === 'timeslices'
        ? ` (a ${formatDuration(
            objective.budgeting.sliceWindow,
          )} slice is good when its ratio >= ${num(sliceTarget)})`
        : ''
    }`,
    { counts },
  );
  explain(
    'windowBurnRate',
    `burn rate = error ratio / B = ${num(status.errorRatio)} / ${num(
      budgetB,
    )} = ${num(status.burnRate)}`,
    { counts },
  );
  explain(
    'budgetRemaining',
    `budget remaining = 1 - error ratio / B = 1 - ${num(
      status.errorRatio,
    )} / ${num(budgetB)} = ${num(status.remaining)}`,
    { counts },
  );
  explain(
    'budgetConsumed',
    `budget consumed = 1 - remaining = 1 - ${num(status.remaining)} = ${num(
      status.consumed,
    )}`,
    { counts },
  );
  explain(
    'badEventsLeft',
    timeslices
      ? `bad slices left = B * (window / slice) - bad slices = ${num(
          budgetB,
        )} * ${status.slicesInWindow} - ${windowTally.slices.bad} = ${num(
          status.badLeft,
        )}`
      : `bad events left = B * total - bad = ${num(budgetB)} * ${
          counts.total
        } - ${counts.bad} = ${num(status.badLeft)}`,
    { counts },
  );
  explain(
    'timeLeft',
    timeslices
      ? `time left = bad slices left * slice = ${num(
          status.badLeft,
        )} * ${humanMs(sliceMs)} = ${humanMs(status.timeLeftMs)}`
      : `time left (full outage) = remaining * B * window = ${num(
          status.remaining,
        )} * ${num(budgetB)} * ${humanMs(windowMs)} = ${humanMs(
          status.timeLeftMs,
        )}`,
  );
  explain(
    'currentBurnRate',
    `current burn rate = error ratio over the last 1h / B = ${num(
      currentRatio,
    )} / ${num(budgetB)} = ${num(currentBurnRate)}`,
    {
      from: iso(now - HOUR_MS),
      counts: oneHour
        ? { good: oneHour.good, bad: oneHour.bad, total: oneHour.total }
        : undefined,
      queries: options.recent?.queries ?? [],
    },
  );
  explain(
    'timeToExhaustion',
    `time to exhaustion = remaining * window / current burn rate = ${num(
      status.remaining,
    )} * ${humanMs(windowMs)} / ${num(currentBurnRate)} = ${humanMs(
      status.timeToExhaustionMs,
    )}`,
  );

  // Burn-rate tiers.
  const tiers: BurnRateTier[] = burnRateTiers({
    windowMs,
    target: objective.target,
    enabled: objective.burnRateTiers,
  });
  const burnRates: BurnRateTierReport[] = tiers.map(tier => {
    const evaluation = evaluateBurnRateTier({
      tier,
      target: objective.target,
      longErrorRatio: recentRatio(tier.longWindowMs),
      shortErrorRatio: recentRatio(tier.shortWindowMs),
    });
    explain(
      `burnRate:${tier.name}`,
      `fires when both burn rates >= p * window / long window = ${num(
        tier.budgetShare,
      )} * ${humanMs(windowMs)} / ${humanMs(tier.longWindowMs)} = ${num(
        tier.threshold,
      )}; long (${humanMs(tier.longWindowMs)}) = ${num(
        evaluation.longBurnRate,
      )}, short (${humanMs(tier.shortWindowMs)}) = ${num(
        evaluation.shortBurnRate,
      )}: ${evaluation.state}`,
      {
        from: iso(now - tier.longWindowMs),
        queries: options.recent?.queries ?? [],
      },
    );
    return {
      tier: tier.name,
      severity: tier.severity,
      longWindowMs: tier.longWindowMs,
      shortWindowMs: tier.shortWindowMs,
      threshold: tier.threshold,
      longBurnRate: evaluation.longBurnRate ?? null,
      shortBurnRate: evaluation.shortBurnRate ?? null,
      state: evaluation.state,
      ...(tier.warning ? { warning: tier.warning } : {}),
    };
  });

  // Burndown and indicator series, one point per expected step of the window series.
  const byEnd = new Map(windowPoints.map(point => [point.t, point]));
  const burndown: BurndownPoint[] = [];
  const indicatorSeries: SeriesPoint[] = [];
  const cumulative = tally([], sliceTarget);
  let exhaustedSince: number | null = null;
  for (let k = 1; k <= series.expectedPoints; k++) {
    const t = Math.min(series.from + k * series.stepMs, series.to);
    if (t <= windowStart) continue;
    const point = byEnd.get(t);
    const ideal = Math.max(0, Math.min(1, 1 - (t - windowStart) / windowMs));
    if (!point) {
      burndown.push({ t: iso(t), remaining: null, ideal: clean(ideal) });
      indicatorSeries.push({ t: iso(t), value: null });
      continue;
    }
    const step = tally([point], sliceTarget);
    cumulative.good += step.good;
    cumulative.bad += step.bad;
    cumulative.total += step.total;
    cumulative.slices.good += step.slices.good;
    cumulative.slices.bad += step.slices.bad;
    cumulative.slices.missing += step.slices.missing;
    const ratio = tallyErrorRatio(cumulative, timeslices);
    const remaining = ratio === undefined ? null : clean(1 - ratio / budgetB);
    if (remaining !== null && remaining <= 0) {
      exhaustedSince = exhaustedSince ?? t;
    } else if (remaining !== null) {
      exhaustedSince = null;
    }
    burndown.push({ t: iso(t), remaining, ideal: clean(ideal) });
    const stepRatio = errorRatio(point);
    indicatorSeries.push({
      t: iso(t),
      value: stepRatio === undefined ? null : clean(1 - stepRatio),
    });
  }

  // State and policy.
  const remaining = status.remaining;
  const firing = burnRates.filter(rate => rate.state === 'firing');
  let state: SloState;
  let stateReason: string;
  if (!usable || remaining === undefined) {
    state = 'unknown';
    stateReason = `no usable data: ${dataQuality.reason}`;
  } else if (remaining <= 0) {
    state = 'exhausted';
    stateReason = `budget remaining ${num(remaining)} <= 0`;
  } else if (
    firing.some(rate => rate.severity === 'page') &&
    !dataQuality.lowTraffic
  ) {
    state = 'critical';
    stateReason = `page tier firing: ${firing
      .filter(rate => rate.severity === 'page')
      .map(rate => rate.tier)
      .join(', ')}`;
  } else if (firing.length > 0) {
    state = 'warning';
    stateReason = `tier firing: ${firing.map(rate => rate.tier).join(', ')}${
      dataQuality.lowTraffic && firing.some(r => r.severity === 'page')
        ? ' (low traffic: page tiers count as warnings)'
        : ''
    }`;
  } else if (remaining < 0.25) {
    state = 'warning';
    stateReason = `budget remaining ${num(remaining)} < 0.25`;
  } else {
    state = 'ok';
    stateReason = `budget remaining ${num(
      remaining,
    )} >= 0.25 and no tier firing`;
  }
  const frozen = state === 'exhausted' && options.freezeWhenExhausted !== false;
  explain('state', `${state}: ${stateReason}`);
  explain(
    'frozen',
    frozen
      ? `frozen: the error budget policy stops deploys while the budget is exhausted (remaining ${num(
          remaining,
        )} <= 0)`
      : `not frozen: ${
          state === 'exhausted'
            ? 'the policy does not freeze on exhaustion'
            : `state is ${state}`
        }`,
  );

  const compliance = options.history
    ? compliancePeriods({
        objective,
        now,
        history: options.history,
      })
    : [];

  return {
    id: objective.id,
    entityRef: options.entityRef,
    definition: objective,
    source: options.source,
    window: { from: iso(windowStart), to: iso(windowEnd) },
    evaluatedAt: iso(now),
    dataQuality,
    counts: windowTally.present > 0 && usable ? counts : null,
    sli: status.sli ?? null,
    budget: {
      total: budgetB,
      consumed: status.consumed ?? null,
      remaining: status.remaining ?? null,
      badEventsLeft: status.badLeft ?? null,
      timeLeftMs: status.timeLeftMs ?? null,
      timeToExhaustionMs: finiteOrNull(status.timeToExhaustionMs),
      windowBurnRate: status.burnRate ?? null,
      currentBurnRate: currentBurnRate ?? null,
    },
    burnRates,
    state,
    frozen,
    burndown,
    indicatorSeries,
    compliance,
    explanations,
    freshness: options.freshness ?? {
      lastSuccessAt: options.queryError ? null : iso(now),
      lastError: options.queryError ?? null,
      lastErrorAt: options.queryError ? iso(now) : null,
      stale: false,
    },
    ...(timeslices
      ? {
          slices: {
            ...windowTally.slices,
            inWindow: status.slicesInWindow ?? Math.floor(windowMs / sliceMs!),
          },
        }
      : {}),
    exhaustedSince:
      state === 'exhausted' && exhaustedSince !== null
        ? iso(exhaustedSince)
        : null,
  };
}

/** Infinity (nothing burns) has no JSON form: the API answers null with the explanation. */
function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Met / missed per calendar month and quarter (in the objective's zone; UTC for rolling
 * windows), from the history series. Periods that started before the history are left
 * out; the current period is marked `inProgress`.
 */
export function compliancePeriods(options: {
  objective: SloObjective;
  now: number;
  history: CountSeriesData;
}): CompliancePeriod[] {
  const { objective, now, history } = options;
  const zone = zoneOf(objective);
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const timeslices = sliceTarget !== undefined;
  const result: CompliancePeriod[] = [];
  for (const kind of ['month', 'quarter'] as const) {
    let start = DateTime.fromMillis(history.from).setZone(zone).startOf(kind);
    if (start.toMillis() < history.from) {
      start = start.plus({ [`${kind}s`]: 1 });
    }
    while (start.toMillis() < now) {
      const end = start.plus({ [`${kind}s`]: 1 });
      const from = start.toMillis();
      const to = end.toMillis();
      const t = tally(
        pointsIn(history.points, from, Math.min(to, now)),
        sliceTarget,
      );
      const ratio = tallyErrorRatio(t, timeslices);
      const value = ratio === undefined ? null : clean(1 - ratio);
      result.push({
        period:
          kind === 'month'
            ? start.toFormat('yyyy-LL')
            : `${start.year}-Q${start.quarter}`,
        kind,
        from: iso(from),
        to: iso(to),
        value,
        met: value === null ? null : value >= objective.target,
        inProgress: to > now,
      });
      start = end;
    }
  }
  return result;
}

/**
 * Share of the budget a stretch of `hours` burned: burn rate over it times the share of
 * the window it covers, (bad / total) / B * (hours / window). Null without traffic.
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

/** Counts of the steps ending in (from, to]. */
export function countsBetween(
  points: StepCounts[],
  from: number,
  to: number,
): { good: number; bad: number; total: number; present: number } {
  const t = tally(pointsIn(points, from, to));
  return { good: t.good, bad: t.bad, total: t.total, present: t.present };
}

/**
 * Budget remaining of the window that ends at `at` (rolling: the window length before
 * it; calendar: its period up to `at`), from a series covering that range.
 */
export function remainingAt(options: {
  objective: SloObjective;
  at: number;
  points: StepCounts[];
}): number | null {
  const { objective, at } = options;
  const bounds = windowBounds(objective.window, DateTime.fromMillis(at));
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const t = tally(
    pointsIn(options.points, bounds.start.toMillis(), at),
    sliceTarget,
  );
  const ratio = tallyErrorRatio(t, sliceTarget !== undefined);
  return ratio === undefined
    ? null
    : clean(1 - ratio / errorBudget(objective.target));
}
