import { parseAllDocuments } from 'yaml';
import { parseDuration } from '../duration';
import {
  SloDefinitionError,
  SloImportResult,
  SloIndicator,
  SloObjective,
} from '../model';
import { normaliseTarget } from '../target';
import { isSelector, splitBucketSelector } from './promqlCounters';

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads Pyrra `ServiceLevelObjective` resources (`pyrra.dev/v1alpha1`), one per YAML
 * document: `ratio` (errors/total), `latency` (success bucket with `le`, total
 * `_count`) and `bool_gauge` indicators; `target` is a percentage string, `window` a
 * rolling duration. `latencyNative` (native histograms) is reported as unsupported.
 */
export function importPyrra(text: string): SloImportResult {
  const objectives: SloObjective[] = [];
  const errors: SloDefinitionError[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      errors.push({
        document: index,
        path: '',
        message: `invalid YAML: ${doc.errors[0].message}`,
      });
      return;
    }
    const resource = doc.toJSON();
    if (resource === null || resource === undefined) return;
    const name = isObject(resource) ? resource.metadata?.name : undefined;
    const fail = (path: string, message: string) => {
      errors.push({
        document: index,
        kind: 'ServiceLevelObjective',
        name,
        path,
        message,
      });
    };
    if (
      !isObject(resource) ||
      resource.kind !== 'ServiceLevelObjective' ||
      !String(resource.apiVersion ?? '').startsWith('pyrra.dev/')
    ) {
      fail(
        'kind',
        'expected apiVersion pyrra.dev/v1alpha1, kind ServiceLevelObjective',
      );
      return;
    }
    if (typeof name !== 'string' || !name) {
      fail('metadata.name', 'is required');
      return;
    }
    const spec = resource.spec;
    if (!isObject(spec)) {
      fail('spec', 'is required');
      return;
    }
    let target: number | undefined;
    try {
      // Pyrra writes percentages, as strings: "99.9"
      target = normaliseTarget(`${String(spec.target ?? '').trim()}%`);
    } catch (error) {
      fail('spec.target', (error as Error).message);
    }
    let windowDuration;
    try {
      windowDuration = parseDuration(String(spec.window ?? ''));
      if (!['s', 'm', 'h', 'd', 'w'].includes(windowDuration.unit)) {
        throw new Error('Pyrra windows are rolling: use s, m, h, d or w');
      }
    } catch (error) {
      fail('spec.window', (error as Error).message);
    }
    const indicator = readIndicator(spec, fail);
    if (target === undefined || !windowDuration || !indicator) return;
    const alerting = isObject(spec.alerting) ? spec.alerting : {};
    const alertsOff =
      alerting.disabled === true || alerting.burnrates === false;
    objectives.push({
      id: name,
      sloName: name,
      ...(spec.description ? { description: String(spec.description) } : {}),
      ...(resource.metadata?.labels?.['pyrra.dev/team']
        ? { service: String(resource.metadata.labels['pyrra.dev/team']) }
        : {}),
      indicator,
      target,
      window: { kind: 'rolling', duration: windowDuration },
      budgeting: { method: 'occurrences' },
      ...(alertsOff ? { burnRateTiers: [] } : {}),
    });
  });
  return { objectives, errors };
}

function readIndicator(
  spec: Json,
  fail: (path: string, message: string) => void,
): SloIndicator | undefined {
  const indicator = spec.indicator;
  if (!isObject(indicator)) {
    fail('spec.indicator', 'is required (ratio, latency or bool_gauge)');
    return undefined;
  }
  const metricAt = (path: string, value: unknown): string | undefined => {
    const metric = isObject(value) ? value.metric : undefined;
    if (typeof metric !== 'string' || !isSelector(metric)) {
      fail(
        `${path}.metric`,
        'must be a series selector, e.g. http_requests_total{job="api"}',
      );
      return undefined;
    }
    return metric.trim();
  };
  if (isObject(indicator.ratio)) {
    const errorsMetric = metricAt(
      'spec.indicator.ratio.errors',
      indicator.ratio.errors,
    );
    const total = metricAt('spec.indicator.ratio.total', indicator.ratio.total);
    if (!errorsMetric || !total) return undefined;
    return {
      kind: 'ratio',
      bad: { query: errorsMetric, sourceType: 'Prometheus' },
      total: { query: total, sourceType: 'Prometheus' },
    };
  }
  if (isObject(indicator.latency)) {
    const success = metricAt(
      'spec.indicator.latency.success',
      indicator.latency.success,
    );
    const total = metricAt(
      'spec.indicator.latency.total',
      indicator.latency.total,
    );
    if (!success || !total) return undefined;
    const bucket = splitBucketSelector(success);
    if (!bucket) {
      fail(
        'spec.indicator.latency.success.metric',
        'must be a histogram _bucket selector',
      );
      return undefined;
    }
    // Older examples put the threshold in spec.latency instead of the le matcher.
    const le =
      bucket.le ??
      (spec.latency !== undefined ? String(spec.latency) : undefined);
    const thresholdSeconds = Number(le);
    if (le === undefined || !(thresholdSeconds > 0)) {
      fail(
        'spec.indicator.latency.success.metric',
        'needs an le="<seconds>" matcher naming the latency threshold',
      );
      return undefined;
    }
    return {
      kind: 'latency',
      metric: bucket.metric,
      ...(bucket.matchers ? { selector: bucket.matchers } : {}),
      thresholdSeconds,
    };
  }
  if (isObject(indicator.bool_gauge) || isObject(indicator.boolGauge)) {
    const key = isObject(indicator.bool_gauge) ? 'bool_gauge' : 'boolGauge';
    const metric = metricAt(`spec.indicator.${key}`, indicator[key]);
    if (!metric) return undefined;
    return {
      kind: 'boolean',
      query: { query: metric, sourceType: 'Prometheus' },
    };
  }
  if (indicator.latencyNative !== undefined) {
    fail(
      'spec.indicator.latencyNative',
      'native histograms are not supported yet',
    );
    return undefined;
  }
  fail('spec.indicator', 'expected ratio, latency or bool_gauge');
  return undefined;
}
