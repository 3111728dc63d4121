/**
 * The pure evaluator: from an objective, the per-step event counts a metric source
 * returned and `now`, every figure of an `ObjectiveReport`, each with its explanation.
 * No I/O: the backend plans the requests with `planEvaluation`, asks its source, and
 * hands the series here. Counts are summed before any ratio is taken. The concerns
 * live in their own modules: the plan (`plan.ts`), the budget models
 * (`budgetModel.ts`), the recent figures and tiers (`figures.ts`), the burndown, the
 * state, the explanations and the compliance periods.
 */
import { ObjectiveReport, SourceFreshness } from './api';
import { burndownSeries } from './burndown';
import { budgetModelOf, modelBudget, ModelStatus } from './budgetModel';
import { compliancePeriods } from './compliance';
import { errorBudget } from './budget';
import { assessDataQuality, DataQuality } from './dataQuality';
import { explainFigures } from './explanations';
import { recentFigures } from './figures';
import { finiteOrNull, iso } from './format';
import { SloObjective } from './model';
import { CountSeriesData, evaluationWindow } from './plan';
import { decideState } from './state';
import { pointsIn, tally } from './tally';

export * from './plan';
export * from './compliance';
export * from './deploymentFigures';
export type { StepCounts } from './tally';
export { countsBetween } from './tally';

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

function definitionErrorsOf(options: EvaluateOptions): string[] {
  const all = [options.window, options.recent, options.history].flatMap(
    series => series?.definitionErrors ?? [],
  );
  return [...new Set(all)];
}

function partialQuality(
  quality: DataQuality,
  series: CountSeriesData,
): DataQuality {
  if (
    !series.partial ||
    (quality.status !== 'ok' && quality.status !== 'partial')
  ) {
    return quality;
  }
  return {
    ...quality,
    status: 'partial',
    reason: `the source answered partially${
      series.warnings?.length ? ` (${series.warnings.join('; ')})` : ''
    }; ${quality.reason}`,
  };
}

/** Evaluates one objective into the figures the API answers. */
export function evaluateObjective(options: EvaluateOptions): ObjectiveReport {
  const { objective, now } = options;
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const window = evaluationWindow(objective, now);
  const budgetB = errorBudget(objective.target);
  const series = options.window;
  const windowPoints = [
    ...pointsIn(series.points, window.start, window.end),
  ].sort((a, b) => a.t - b.t);
  const windowTally = tally(windowPoints, sliceTarget);
  const definitionErrors = definitionErrorsOf(options);
  const dataQuality = partialQuality(
    assessDataQuality({
      expectedPoints: series.expectedPoints,
      presentPoints: windowTally.present,
      totalEvents: windowTally.total,
      budget: budgetB,
      queryError: options.queryError,
      definitionErrors,
      minAllowedBadEvents: options.minAllowedBadEvents,
    }),
    series,
  );
  const usable =
    dataQuality.status === 'ok' || dataQuality.status === 'partial';
  const recent = recentFigures({
    objective,
    end: window.end,
    recent: options.recent,
    usable: !options.queryError && definitionErrors.length === 0,
  });
  const model = {
    objective,
    windowMs: window.lengthMs,
    elapsedMs: window.elapsedMs,
    sliceMs: window.sliceMs,
  };
  const status: ModelStatus = usable
    ? modelBudget({
        ...model,
        tally: windowTally,
        currentBurnRate: recent.currentBurnRate,
      })
    : { budget: budgetB, model: budgetModelOf(objective) };
  const burnRates = recent.tiers.map(({ budgetShare: _, ...report }) => report);
  const verdict = decideState({
    dataQuality,
    remaining: status.remaining,
    burnRates,
    freezeWhenExhausted: options.freezeWhenExhausted,
  });
  const { burndown, indicatorSeries, exhaustedSince } = burndownSeries({
    model,
    series,
    points: windowPoints,
    windowStart: window.start,
    sliceTarget,
    usable,
  });
  const slices = window.sliceMs
    ? (() => {
        const elapsed = Math.floor(window.elapsedMs / window.sliceMs!);
        return {
          elapsed,
          missing: Math.max(
            0,
            elapsed - windowTally.slices.good - windowTally.slices.bad,
          ),
        };
      })()
    : undefined;
  const explanations = explainFigures({
    objective,
    now,
    window,
    series,
    recentQueries: options.recent?.queries ?? [],
    tally: windowTally,
    status,
    slices,
    dataQuality,
    recent,
    verdict,
  });
  const compliance =
    options.history && definitionErrors.length === 0
      ? compliancePeriods({ objective, now, history: options.history })
      : [];

  return {
    id: objective.id,
    entityRef: options.entityRef,
    definition: objective,
    source: options.source,
    window: { from: iso(window.start), to: iso(window.periodEnd) },
    evaluatedAt: iso(now),
    dataQuality,
    budgetModel: status.model,
    counts:
      windowTally.present > 0 && usable
        ? {
            good: windowTally.good,
            bad: windowTally.bad,
            total: windowTally.total,
          }
        : null,
    sli: status.sli ?? null,
    budget: {
      total: budgetB,
      consumed: status.consumed ?? null,
      remaining: status.remaining ?? null,
      badEventsLeft: status.badLeft ?? null,
      timeLeftMs: status.timeLeftMs ?? null,
      timeToExhaustionMs: finiteOrNull(status.timeToExhaustionMs),
      windowBurnRate: status.burnRate ?? null,
      currentBurnRate: recent.currentBurnRate ?? null,
    },
    burnRates,
    state: verdict.state,
    frozen: verdict.frozen,
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
    ...(slices
      ? {
          slices: {
            good: windowTally.slices.good,
            bad: windowTally.slices.bad,
            missing: slices.missing,
            inWindow:
              status.slicesInWindow ??
              Math.floor(window.lengthMs / window.sliceMs!),
          },
        }
      : {}),
    exhaustedSince:
      verdict.state === 'exhausted' && exhaustedSince !== null
        ? iso(exhaustedSince)
        : null,
  };
}
