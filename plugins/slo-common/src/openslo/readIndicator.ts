import { MetricQuery, SloIndicator } from '../model';
import { latencyOfBucketRatio } from '../imports/promqlCounters';
import { DataSourceInfo, DocumentContext, isObject, Json } from './context';

const THRESHOLD_OPS = ['lt', 'lte', 'gt', 'gte'] as const;

function readQuery(
  ctx: DocumentContext,
  value: unknown,
  path: string,
  dataSources: Map<string, DataSourceInfo>,
): MetricQuery | undefined {
  if (!isObject(value) || !isObject(value.metricSource)) {
    return ctx.error(`${path}.metricSource`, 'required');
  }
  const source = value.metricSource;
  const spec = source.spec;
  if (!isObject(spec) || typeof spec.query !== 'string' || !spec.query.trim()) {
    return ctx.error(
      `${path}.metricSource.spec.query`,
      'required: a query string',
    );
  }
  const sourceRef =
    typeof source.metricSourceRef === 'string'
      ? source.metricSourceRef
      : undefined;
  if (
    sourceRef &&
    !dataSources.has(sourceRef) &&
    typeof source.type !== 'string'
  ) {
    return ctx.error(
      `${path}.metricSource.metricSourceRef`,
      `DataSource "${sourceRef}" is not defined and no type is given`,
    );
  }
  const referencedType = sourceRef
    ? dataSources.get(sourceRef)?.type
    : undefined;
  const sourceType =
    typeof source.type === 'string' ? source.type : referencedType;
  return {
    query: spec.query,
    ...(sourceType ? { sourceType } : {}),
    ...(sourceRef ? { sourceRef } : {}),
  };
}

const PROMETHEUS_TYPES = [
  'prometheus',
  'thanos',
  'mimir',
  'cortex',
  'victoriametrics',
];

/**
 * Good `<m>_bucket{<sel>,le...}` over total `<m>_count{<sel>}` (what the exporter
 * writes for a latency indicator, and how histogram SLIs are usually written) is a
 * latency indicator: its bucket then matches `le="1"` and `le="1.0"` alike. Only for
 * Prometheus queries without a DataSource reference, which the indicator cannot keep.
 */
function histogramLatency(
  good: MetricQuery,
  total: MetricQuery,
): SloIndicator | undefined {
  const prometheus = (q: MetricQuery) =>
    !q.sourceRef &&
    (q.sourceType === undefined ||
      PROMETHEUS_TYPES.includes(q.sourceType.toLowerCase()));
  if (!prometheus(good) || !prometheus(total)) return undefined;
  const latency = latencyOfBucketRatio(good.query, total.query);
  return latency ? { kind: 'latency', ...latency } : undefined;
}

/** Reads an SLI spec; threshold indicators need the objective's op and value. */
export function readIndicator(
  ctx: DocumentContext,
  sliSpec: unknown,
  path: string,
  dataSources: Map<string, DataSourceInfo>,
  objective: Json,
  objectivePath: string,
): SloIndicator | undefined {
  if (!isObject(sliSpec)) {
    return ctx.error(path, 'required: an SLI spec');
  }
  if (isObject(sliSpec.ratioMetric)) {
    const ratio = sliSpec.ratioMetric;
    const ratioPath = `${path}.ratioMetric`;
    const queryAt = (key: 'raw' | 'total' | 'good' | 'bad') =>
      readQuery(ctx, ratio[key], `${ratioPath}.${key}`, dataSources);
    if (ratio.raw !== undefined) {
      // A precomputed error ratio (what the portal exports for Sloth's recordings):
      // time-weighted, see RecordedRatioIndicator.
      if (ratio.rawType !== 'failure') {
        return ctx.error(
          `${ratioPath}.rawType`,
          "only failure raw ratios (an error ratio such as Sloth's slo:sli_error:ratio_rate5m) are supported",
        );
      }
      const errorRatio = queryAt('raw');
      return errorRatio ? { kind: 'recordedRatio', errorRatio } : undefined;
    }
    if ((ratio.good === undefined) === (ratio.bad === undefined)) {
      return ctx.error(
        ratioPath,
        'needs exactly one of good or bad, and total',
      );
    }
    const total = queryAt('total');
    const countKey = ratio.good !== undefined ? 'good' : 'bad';
    const count = queryAt(countKey);
    if (!total || !count) {
      return undefined;
    }
    if (ratio.counter !== undefined && typeof ratio.counter !== 'boolean') {
      return ctx.error(`${ratioPath}.counter`, 'must be true or false');
    }
    if (ratio.counter === false) {
      // Gauges: each sample is a count of its own; summed, never increase()d.
      return { kind: 'ratio', [countKey]: count, total, counter: false };
    }
    const latency =
      countKey === 'good' ? histogramLatency(count, total) : undefined;
    return latency ?? { kind: 'ratio', [countKey]: count, total };
  }
  if (isObject(sliSpec.thresholdMetric)) {
    const query = readQuery(
      ctx,
      sliSpec.thresholdMetric,
      `${path}.thresholdMetric`,
      dataSources,
    );
    const op = objective.op;
    const value = objective.value;
    if (!THRESHOLD_OPS.includes(op as (typeof THRESHOLD_OPS)[number])) {
      ctx.error(
        `${objectivePath}.op`,
        'required for a thresholdMetric: lt, lte, gt or gte',
      );
    }
    if (typeof value !== 'number') {
      ctx.error(
        `${objectivePath}.value`,
        'required for a thresholdMetric: a number',
      );
    }
    if (
      !query ||
      typeof value !== 'number' ||
      !THRESHOLD_OPS.includes(op as any)
    ) {
      return undefined;
    }
    return {
      kind: 'threshold',
      query,
      op: op as (typeof THRESHOLD_OPS)[number],
      value,
    };
  }
  return ctx.error(path, 'needs ratioMetric or thresholdMetric');
}
