import { parseDuration } from '../duration';
import {
  SloDefinitionError,
  SloImportResult,
  SloIndicator,
  SloObjective,
} from '../model';
import { normaliseTarget } from '../target';
import { forEachYamlResource, isObject, Json } from './yamlResources';
import {
  bucketLeMatcher,
  isSelector,
  latencyOfBucketRatio,
  splitBucketSelector,
} from './promqlCounters';

/**
 * Reads Pyrra `ServiceLevelObjective` resources (`pyrra.dev/v1alpha1`), one per YAML
 * document: `ratio` (errors/total), `latency` (success bucket with `le` over the
 * `total` series as written) and `bool_gauge` indicators; `target` is a percentage
 * string, `window` a rolling duration. `grouping` (one budget per label value) and
 * `latencyNative` (native histograms) are reported as unsupported, naming the field.
 */
export function importPyrra(text: string): SloImportResult {
  const objectives: SloObjective[] = [];
  const errors: SloDefinitionError[] = [];
  forEachYamlResource(text, errors, (resource, index) => {
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
  const kind = [
    'ratio',
    'latency',
    'bool_gauge',
    'boolGauge',
    'latencyNative',
  ].find(key => isObject(indicator[key]));
  const grouping = kind ? indicator[kind].grouping : undefined;
  if (Array.isArray(grouping) && grouping.length > 0) {
    // Pyrra keeps one error budget per value of these labels; an objective here has
    // one budget, and summing the groups would hide a group that spent its own.
    fail(
      `spec.indicator.${kind}.grouping`,
      `Pyrra keeps one error budget per ${grouping.join(
        ', ',
      )} value; the portal keeps one per objective: write one SLO per value (a matcher in its selectors), or remove grouping to budget them together`,
    );
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
    const thresholdSeconds =
      bucket.thresholdSeconds ??
      (bucket.le === undefined && spec.latency !== undefined
        ? Number(spec.latency)
        : undefined);
    if (thresholdSeconds === undefined || !(thresholdSeconds > 0)) {
      fail(
        'spec.indicator.latency.success.metric',
        'needs an le="<seconds>" matcher naming the latency threshold',
      );
      return undefined;
    }
    const good = `${bucket.metric}_bucket{${[
      bucket.matchers,
      bucketLeMatcher(thresholdSeconds),
    ]
      .filter(Boolean)
      .join(',')}}`;
    // Pyrra divides by `total` as written: the bucket's own _count is the latency
    // indicator; any other total (e.g. all requests while success counts only some
    // statuses) stays a ratio of the two selectors.
    const latency = latencyOfBucketRatio(good, total);
    if (latency) return { kind: 'latency', ...latency };
    return {
      kind: 'ratio',
      good: { query: good, sourceType: 'Prometheus' },
      total: { query: total, sourceType: 'Prometheus' },
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
