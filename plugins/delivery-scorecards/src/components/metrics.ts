import type {
  Band,
  BandPreset,
  DoraFigures,
  ScorecardMetric,
} from '@internal/backstage-plugin-delivery-common';
import {
  formatHours,
  formatPerDay,
  formatRatio,
} from '@internal/backstage-plugin-delivery-react';

/**
 * How each scorecard figure is read from the backend's DoraFigures and shown. Values
 * are the backend's; this module only picks and formats them.
 */
export interface MetricDefinition {
  key: ScorecardMetric;
  label: string;
  /** Short column header. */
  short: string;
  value(figures: DoraFigures): number | null;
  /** The band the backend gave; absent for figures DORA does not band. */
  band?(figures: DoraFigures): Band;
  /** Why a figure DORA defines has no band (shown instead of a chip). */
  unbanded?: string;
  thresholds?: {
    preset: Exclude<keyof BandPreset, 'name'>;
    /** How a value reaches a band. */
    reaches: '≥' | '<' | '≤';
  };
  format(value: number): string;
  /** What "not enough data" means for this figure. */
  empty: string;
  /** Events behind the figure, for the drill-down. */
  drillDown: 'deployments' | 'incidents';
  /** Sample size shown under the figure. */
  sample(figures: DoraFigures): string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const METRICS: MetricDefinition[] = [
  {
    key: 'deploymentFrequency',
    label: 'Deployment frequency',
    short: 'Deploys',
    value: f =>
      f.deploymentFrequency.deployments > 0
        ? f.deploymentFrequency.perDay
        : null,
    band: f => f.deploymentFrequency.band,
    thresholds: { preset: 'deploymentFrequencyPerDay', reaches: '≥' },
    format: formatPerDay,
    empty: 'No production deployments',
    drillDown: 'deployments',
    sample: f => plural(f.deploymentFrequency.deployments, 'deployment'),
  },
  {
    key: 'leadTimeMedian',
    label: 'Lead time for changes (p50)',
    short: 'Lead p50',
    value: f => f.leadTimeForChanges.medianHours,
    band: f => f.leadTimeForChanges.band,
    thresholds: { preset: 'leadTimeHours', reaches: '<' },
    format: formatHours,
    empty: 'No changes deployed',
    drillDown: 'deployments',
    sample: f => plural(f.leadTimeForChanges.changes, 'change'),
  },
  {
    key: 'leadTimeP90',
    label: 'Lead time for changes (p90)',
    short: 'Lead p90',
    value: f => f.leadTimeForChanges.p90Hours,
    format: formatHours,
    empty: 'No changes deployed',
    drillDown: 'deployments',
    sample: f => plural(f.leadTimeForChanges.changes, 'change'),
  },
  {
    key: 'changeFailureRate',
    label: 'Change failure rate',
    short: 'CFR',
    value: f => f.changeFailureRate.ratio,
    band: f => f.changeFailureRate.band,
    thresholds: { preset: 'changeFailureRate', reaches: '≤' },
    format: formatRatio,
    empty: 'No deployments to fail',
    drillDown: 'deployments',
    sample: f =>
      `${f.changeFailureRate.failed} of ${plural(
        f.changeFailureRate.deployments,
        'deployment',
      )}`,
  },
  {
    key: 'failedDeploymentRecoveryTime',
    label: 'Failed deployment recovery time',
    short: 'Recovery',
    value: f => f.failedDeploymentRecoveryTime.medianHours,
    band: f => f.failedDeploymentRecoveryTime.band,
    thresholds: { preset: 'recoveryTimeHours', reaches: '<' },
    format: formatHours,
    empty: 'No recovered failures',
    drillDown: 'incidents',
    sample: f =>
      `${plural(f.failedDeploymentRecoveryTime.failures, 'failure')}, ${
        f.failedDeploymentRecoveryTime.unrecovered
      } unrecovered`,
  },
  {
    key: 'deploymentReworkRate',
    label: 'Deployment rework rate',
    short: 'Rework',
    value: f => f.deploymentReworkRate.ratio,
    unbanded:
      'Not banded: no published DORA report gives clusters for deployment rework rate.',
    format: formatRatio,
    empty: 'No deployments',
    drillDown: 'deployments',
    sample: f =>
      `${f.deploymentReworkRate.rework} of ${plural(
        f.deploymentReworkRate.deployments,
        'deployment',
      )}`,
  },
];

/** The older MTTR, shown apart from the DORA five and labelled so. */
export const TIME_TO_RESTORE: MetricDefinition = {
  key: 'timeToRestoreService',
  label: 'Time to restore service (MTTR, older metric)',
  short: 'Restore',
  value: f => f.timeToRestoreService.medianHours,
  format: formatHours,
  empty: 'No resolved incidents',
  drillDown: 'incidents',
  sample: f => plural(f.timeToRestoreService.incidents, 'incident'),
};

export const ALL_METRICS = [...METRICS, TIME_TO_RESTORE];

export const metricByKey = (key: ScorecardMetric) =>
  ALL_METRICS.find(m => m.key === key)!;

/** "elite: ≥ 1/day; high: ≥ 1/week; …" for a metric under a preset. */
export function thresholdLines(
  metric: MetricDefinition,
  preset: BandPreset,
): string[] {
  if (!metric.thresholds) return [];
  const t = preset[metric.thresholds.preset];
  const r = metric.thresholds.reaches;
  if (t.rule === 'nearest') {
    // Clusters that are not ordered (DORA 2024 change failure rate): the nearest wins.
    const cluster = (band: string, value: number | null | undefined) =>
      value === null || value === undefined
        ? `${band}: none in this preset`
        : `${band}: nearest to ${metric.format(value)}`;
    return [
      cluster('elite', t.elite),
      cluster('high', t.high),
      cluster('medium', t.medium),
      cluster('low', t.low),
      'a tie goes to the lower band',
    ];
  }
  return [
    // A preset without an elite band (DORA 2022 found no elite cluster) says so.
    t.elite === null
      ? 'elite: none in this preset'
      : `elite: ${r} ${metric.format(t.elite)}`,
    `high: ${r} ${metric.format(t.high)}`,
    `medium: ${r} ${metric.format(t.medium)}`,
    'low: otherwise',
  ];
}
