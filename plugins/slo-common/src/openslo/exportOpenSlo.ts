import { stringify } from 'yaml';
import { formatDuration } from '../duration';
import { MetricQuery, SloIndicator, SloObjective } from '../model';
import { bucketLeMatcher } from '../imports/promqlCounters';
import { BURN_RATE_TIERS_ANNOTATION } from './importOpenSlo';

function metricSource(query: MetricQuery) {
  return {
    metricSource: {
      ...(query.sourceRef ? { metricSourceRef: query.sourceRef } : {}),
      ...(query.sourceType ? { type: query.sourceType } : {}),
      spec: { query: query.query },
    },
  };
}

/**
 * OpenSLO has no latency or boolean-gauge indicator: latency is written as a ratio of
 * histogram counters, its bucket matched in both `le` notations (`le=~"1|1.0"`:
 * Prometheus 3 stores whole numbers as `1.0`), which `importOpenSlo` reads back as a
 * latency indicator; a boolean gauge is written as a threshold `gte 1` (documented in
 * the README).
 */
function indicatorSpec(indicator: SloIndicator) {
  switch (indicator.kind) {
    case 'ratio':
      return {
        ratioMetric: {
          counter: indicator.counter !== false,
          ...(indicator.good ? { good: metricSource(indicator.good) } : {}),
          ...(indicator.bad ? { bad: metricSource(indicator.bad) } : {}),
          total: metricSource(indicator.total),
        },
      };
    case 'latency': {
      const selector = indicator.selector ? `${indicator.selector},` : '';
      return {
        ratioMetric: {
          counter: true,
          good: metricSource({
            query: `${indicator.metric}_bucket{${selector}${bucketLeMatcher(
              indicator.thresholdSeconds,
            )}}`,
            sourceType: 'Prometheus',
          }),
          total: metricSource({
            query: `${indicator.metric}_count{${indicator.selector ?? ''}}`,
            sourceType: 'Prometheus',
          }),
        },
      };
    }
    case 'boolean':
    case 'threshold':
      return { thresholdMetric: metricSource(indicator.query) };
    case 'recordedRatio':
      // OpenSLO's raw ratio: a precomputed failure ratio, not counters.
      return {
        ratioMetric: {
          counter: false,
          rawType: 'failure',
          raw: metricSource(indicator.errorRatio),
        },
      };
    default:
      throw new Error(`unknown indicator ${(indicator as SloIndicator).kind}`);
  }
}

function objectiveEntry(objective: SloObjective) {
  const indicator = objective.indicator;
  return {
    ...(objective.objectiveName
      ? { displayName: objective.objectiveName }
      : {}),
    ...(indicator.kind === 'threshold'
      ? { op: indicator.op, value: indicator.value }
      : {}),
    ...(indicator.kind === 'boolean' ? { op: 'gte', value: 1 } : {}),
    target: objective.target,
    ...(objective.budgeting.method === 'timeslices'
      ? {
          timeSliceTarget: objective.budgeting.sliceTarget,
          timeSliceWindow: formatDuration(objective.budgeting.sliceWindow),
        }
      : {}),
  };
}

function sloDocument(objectives: SloObjective[]) {
  const first = objectives[0];
  const window = first.window;
  const inlineIndicator = {
    ...(first.indicatorName ? { metadata: { name: first.indicatorName } } : {}),
    spec: indicatorSpec(first.indicator),
  };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: first.sloName,
      ...(first.displayName ? { displayName: first.displayName } : {}),
      ...(first.burnRateTiers
        ? {
            annotations: {
              [BURN_RATE_TIERS_ANNOTATION]: first.burnRateTiers.length
                ? first.burnRateTiers.join(',')
                : 'none',
            },
          }
        : {}),
    },
    spec: {
      ...(first.description ? { description: first.description } : {}),
      ...(first.service ? { service: first.service } : {}),
      indicator: inlineIndicator,
      timeWindow: [
        window.kind === 'rolling'
          ? { duration: formatDuration(window.duration), isRolling: true }
          : {
              duration: formatDuration(window.duration),
              isRolling: false,
              calendar: {
                ...(window.startTime ? { startTime: window.startTime } : {}),
                timeZone: window.timeZone,
              },
            },
      ],
      budgetingMethod:
        first.budgeting.method === 'timeslices' ? 'Timeslices' : 'Occurrences',
      objectives: objectives.map(objectiveEntry),
    },
  };
}

/** An OpenSLO `Service` document written before the SLOs that name it. */
export interface OpenSloService {
  name: string;
  displayName?: string;
  description?: string;
}

/**
 * Writes objectives as OpenSLO v1 SLO documents (multi-document YAML), one SLO per
 * `sloName` with its indicator inline, after a `Service` document for each of
 * `options.services`. Objectives of one SLO share the first one's indicator, window
 * and budgeting method, as OpenSLO requires.
 */
export function exportOpenSlo(
  objectives: SloObjective[],
  options: { services?: OpenSloService[] } = {},
): string {
  const groups = new Map<string, SloObjective[]>();
  for (const objective of objectives) {
    groups.set(objective.sloName, [
      ...(groups.get(objective.sloName) ?? []),
      objective,
    ]);
  }
  const services = (options.services ?? []).map(service => ({
    apiVersion: 'openslo/v1',
    kind: 'Service',
    metadata: {
      name: service.name,
      ...(service.displayName ? { displayName: service.displayName } : {}),
    },
    spec: service.description ? { description: service.description } : {},
  }));
  return [...services, ...[...groups.values()].map(sloDocument)]
    .map(document => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}
