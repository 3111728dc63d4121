import {
  DeploymentAggregate,
  DoraFigures,
  leadTimeSummary,
  previousPeriodComparability,
} from '@internal/backstage-plugin-delivery-common';
import type {
  MetricChange,
  MetricTrend,
} from '@internal/backstage-plugin-delivery-common';
import type { ComponentFacts } from '../database/doraReads';

/**
 * A scope's deployment aggregate pooled from per-component facts: counts summed, lead
 * times pooled before the quantiles (never averaged), as the store's aggregate is.
 * Undefined when the scope had no deployment, as the store answers.
 */
export function pooledAggregate(
  facts: ComponentFacts,
  components: string[],
): DeploymentAggregate | undefined {
  let deployments = 0;
  let rework = 0;
  const leadMillis: number[] = [];
  for (const ref of components) {
    const own = facts.get(ref);
    if (!own) continue;
    deployments += own.deployments;
    rework += own.rework;
    for (const lead of own.leadMillis) leadMillis.push(lead);
  }
  if (deployments === 0 && leadMillis.length === 0) return undefined;
  return { deployments, rework, leadTime: leadTimeSummary(leadMillis) };
}

/**
 * Pure functions behind the scorecards: the headline values of a figure set and their
 * change against the previous period. The UI shows these numbers as they are.
 */

/** The figures a scorecard shows, each read from DoraFigures. */
export const SCORECARD_METRICS = [
  'deploymentFrequency',
  'leadTimeMedian',
  'leadTimeP90',
  'changeFailureRate',
  'failedDeploymentRecoveryTime',
  'deploymentReworkRate',
  'timeToRestoreService',
] as const;

export type ScorecardMetric = (typeof SCORECARD_METRICS)[number];

/** Whether a larger value is an improvement (deployment frequency) or not (the rest). */
const HIGHER_IS_BETTER: Record<ScorecardMetric, boolean> = {
  deploymentFrequency: true,
  leadTimeMedian: false,
  leadTimeP90: false,
  changeFailureRate: false,
  failedDeploymentRecoveryTime: false,
  deploymentReworkRate: false,
  timeToRestoreService: false,
};

const METRIC_VALUES: Record<
  ScorecardMetric,
  (figures: DoraFigures) => number | null
> = {
  deploymentFrequency: f =>
    f.deploymentFrequency.deployments > 0 ? f.deploymentFrequency.perDay : null,
  leadTimeMedian: f => f.leadTimeForChanges.medianHours,
  leadTimeP90: f => f.leadTimeForChanges.p90Hours,
  changeFailureRate: f => f.changeFailureRate.ratio,
  failedDeploymentRecoveryTime: f => f.failedDeploymentRecoveryTime.medianHours,
  deploymentReworkRate: f => f.deploymentReworkRate.ratio,
  timeToRestoreService: f => f.timeToRestoreService.medianHours,
};

/**
 * The value a metric shows, or null when there is nothing to show. Zero deployments
 * give null, not 0: the portal cannot tell "no deploys" from "no source".
 */
export function metricValue(
  figures: DoraFigures,
  metric: ScorecardMetric,
): number | null {
  if (!Object.prototype.hasOwnProperty.call(METRIC_VALUES, metric)) {
    throw new Error(`Unknown metric ${metric}`);
  }
  return METRIC_VALUES[metric](figures);
}

export type Trend = MetricTrend;

export type { MetricChange };

/** The events behind a metric's value, and what they are (singular). */
export function metricSample(
  figures: DoraFigures,
  metric: ScorecardMetric,
): { events: number; eventsLabel: string } {
  switch (metric) {
    case 'deploymentFrequency':
    case 'changeFailureRate':
    case 'deploymentReworkRate':
      return {
        events: figures.deploymentFrequency.deployments,
        eventsLabel: 'deployment',
      };
    case 'leadTimeMedian':
    case 'leadTimeP90':
      return {
        events: figures.leadTimeForChanges.changes,
        eventsLabel: 'change',
      };
    case 'failedDeploymentRecoveryTime':
      return {
        events:
          figures.failedDeploymentRecoveryTime.failures -
          figures.failedDeploymentRecoveryTime.unrecovered,
        eventsLabel: 'recovered failure',
      };
    case 'timeToRestoreService':
      return {
        events: figures.timeToRestoreService.incidents,
        eventsLabel: 'incident',
      };
    default:
      throw new Error(`Unknown metric ${metric satisfies never}`);
  }
}

/** A metric's change from the previous period to the current one. */
export function metricChange(
  metric: ScorecardMetric,
  current: number | null,
  previous: number | null,
): MetricChange {
  if (current === null || previous === null) {
    return { current, previous, changeRatio: null, trend: 'unknown' };
  }
  const changeRatio = previous === 0 ? null : (current - previous) / previous;
  let trend: Trend = 'same';
  if (current !== previous) {
    trend =
      current > previous === HIGHER_IS_BETTER[metric] ? 'better' : 'worse';
  }
  return { current, previous, changeRatio, trend };
}

/**
 * Every metric's change between two figure sets. With `period` (the previous period
 * and when the scope's data starts), a change whose previous period is not comparable
 * is withheld with the reason (delivery-common's previousPeriodComparability).
 */
export function figureChanges(
  current: DoraFigures,
  previous: DoraFigures,
  period?: { from: number; to: number; dataFrom?: number },
): Record<ScorecardMetric, MetricChange> {
  return Object.fromEntries(
    SCORECARD_METRICS.map(metric => {
      const change = metricChange(
        metric,
        metricValue(current, metric),
        metricValue(previous, metric),
      );
      if (!period || change.trend === 'unknown') return [metric, change];
      const verdict = previousPeriodComparability({
        ...period,
        ...metricSample(previous, metric),
      });
      return [
        metric,
        verdict.comparable
          ? change
          : {
              ...change,
              changeRatio: null,
              trend: 'unknown',
              withheld: verdict.reason,
            },
      ];
    }),
  ) as Record<ScorecardMetric, MetricChange>;
}

/** The period of the same length just before [from, to), as epoch milliseconds. */
export function previousPeriod(window: { from: number; to: number }) {
  return { from: 2 * window.from - window.to, to: window.from };
}
