/**
 * Fixed PromQL templates built from an objective's indicator. The definition only
 * contributes series selectors (see selector.ts); every function, range and operator
 * comes from here.
 *
 * Per-step counts (what `countSeries` asks for) are range queries whose step is the
 * step of the count series, each evaluation covering the step that ends at it:
 *
 * - ratio:     counter increases of the total and of the good or bad selector, by the
 *              plan of countPlan.ts (reads on a grid, no `increase()` extrapolation, the
 *              same answer whether a range includes its start sample or not)
 * - latency:   good = the bucket `<metric>_bucket{<selector>,le=~"<threshold>"}`, total =
 *              `<metric>_count{<selector>}`, both counted as above; `le` matches every
 *              notation of the threshold (bucket.ts)
 * - boolean:   good = `sum(sum_over_time(<gauge>[<step - 1ms>]))` (a 0/1 gauge: samples that
 *              were 1), total = `sum(count_over_time(<gauge>[<step - 1ms>]))` (samples)
 * - threshold: the value is compared once a minute (a subquery), each comparison is one
 *              event: good = `sum(sum_over_time((<gauge> <op> bool <value>)[<range>:1m]))`,
 *              total = `sum(count_over_time((<gauge> <op> bool <value>)[<range>:1m]))`
 *
 * Samples of gauges must not be counted twice, so `*_over_time` ranges end 1 ms short:
 * `(t - step, t]`. Subqueries (threshold, recorded ratio) read a grid of absolute
 * minutes; their range is chosen so that no grid point sits on its start, so
 * Prometheus 2.x (closed ranges) and 3.x (left-open) read the same minutes.
 */
import {
  BooleanIndicator,
  LatencyIndicator,
  RatioIndicator,
  RecordedRatioIndicator,
  SloIndicator,
  ThresholdIndicator,
} from '@internal/backstage-plugin-slo-common';
import {
  formatSelector,
  parseMatchers,
  parseSelector,
  SelectorError,
  SeriesSelector,
  withMatchers,
} from './selector';

import { parseRange, promDuration, promNumber } from './durations';
import { bucketMatcher, withBucketNotations } from './bucket';
import { counterStepQuery, subqueryRangeMs } from './countPlan';

export { parseRange, promDuration, promNumber } from './durations';
export { bucketMatcher } from './bucket';

const COMPARISON: Record<ThresholdIndicator['op'], string> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/**
 * How an indicator counts events over a range. `good` or `bad` is set (the other is
 * derived as total minus it); each takes a PromQL range such as `1h` or `3599999ms`.
 */
export interface IndicatorTemplate {
  /** Which count the numerator query returns. */
  numerator: 'good' | 'bad';
  /**
   * Count over the step `(stepStartMs, stepStartMs + rangeMs]`, evaluated at its end.
   * `stepStartMs` is any step start of the range query (all steps share the alignment
   * of their start to the read grid); `gridMs` the read grid of counters (default: the
   * grid of `rangeMs`; a shorter last step passes the grid of the others).
   */
  numeratorQuery(
    rangeMs: number,
    stepStartMs?: number,
    gridMs?: number,
  ): string;
  totalQuery(rangeMs: number, stepStartMs?: number, gridMs?: number): string;
  /**
   * The good-event selector when the definition names one (ratio `good`, latency
   * bucket): matching no series while the total has data is a definition error, never
   * zero good events. `bucketsOf` is the histogram's `_bucket` selector without `le`,
   * to list the buckets that exist.
   */
  goodSelector?: { selector: string; bucketsOf?: string };
  /**
   * The per-window error ratio for rules, e.g. over `5m`: bad / total as rates.
   * Returned as [bad, total] expressions.
   */
  badAndTotalRates(range: string): { bad: string; total: string };
  /** Selectors whose absence means the metric is missing (for `absent()`). */
  presenceSelectors: string[];
  /** Human text for explanations. */
  description: string;
}

function selectorOf(query: { query: string }): SeriesSelector {
  return parseSelector(query.query);
}

function counterTemplate(
  numerator: 'good' | 'bad',
  numeratorSelector: string,
  totalSelector: string,
  description: string,
): IndicatorTemplate {
  return {
    numerator,
    numeratorQuery: (rangeMs, stepStartMs = 0, gridMs) =>
      counterStepQuery(numeratorSelector, rangeMs, stepStartMs, gridMs),
    totalQuery: (rangeMs, stepStartMs = 0, gridMs) =>
      counterStepQuery(totalSelector, rangeMs, stepStartMs, gridMs),
    badAndTotalRates: range => {
      const total = `sum(rate(${totalSelector}[${range}]))`;
      // A counter with labels appears on its first increment: absent means 0.
      const count = `(sum(rate(${numeratorSelector}[${range}])) or vector(0))`;
      return {
        bad: numerator === 'bad' ? count : `(${total} - ${count})`,
        total,
      };
    },
    presenceSelectors: [totalSelector],
    description,
  };
}

/**
 * OpenSLO `counter: false`: gauges whose samples are event counts of their own, so a
 * step's count is the sum of its samples (never a counter's increase). Ranges end
 * 1 ms short, as for boolean gauges, so a sample on a step boundary counts once.
 */
function gaugeTemplate(
  numerator: 'good' | 'bad',
  numeratorSelector: string,
  totalSelector: string,
): IndicatorTemplate {
  const summed = (selector: string) => (rangeMs: number) =>
    `sum(sum_over_time(${selector}[${promDuration(rangeMs - 1)}]))`;
  return {
    numerator,
    numeratorQuery: summed(numeratorSelector),
    totalQuery: summed(totalSelector),
    badAndTotalRates: range => {
      const ms = parseRange(range);
      const total = summed(totalSelector)(ms);
      const count = `(${summed(numeratorSelector)(ms)} or vector(0))`;
      return {
        bad: numerator === 'bad' ? count : `(${total} - ${count})`,
        total,
      };
    },
    presenceSelectors: [totalSelector],
    description: `${numerator} events: sum of the samples of ${numeratorSelector}; all events: sum of the samples of ${totalSelector} (gauges, OpenSLO counter: false)`,
  };
}

function ratioTemplate(indicator: RatioIndicator): IndicatorTemplate {
  const total = formatSelector(selectorOf(indicator.total));
  const numeratorQuery = indicator.bad ?? indicator.good;
  if (!numeratorQuery) {
    throw new Error('a ratio indicator needs a good or a bad query');
  }
  const numerator = indicator.bad ? 'bad' : 'good';
  // A bucket written with le="1" also matches le="1.0" (Prometheus 3).
  const bucket = withBucketNotations(selectorOf(numeratorQuery));
  const selector = formatSelector(bucket.selector);
  const template =
    indicator.counter === false
      ? gaugeTemplate(numerator, selector, total)
      : counterTemplate(
          numerator,
          selector,
          total,
          `${numerator} events: increase of ${selector}; all events: increase of ${total}`,
        );
  // A bad counter may not exist yet (no errors so far); a good one must.
  return numerator === 'good'
    ? {
        ...template,
        goodSelector: {
          selector,
          ...(bucket.bucketsOf
            ? { bucketsOf: formatSelector(bucket.bucketsOf) }
            : {}),
        },
      }
    : template;
}

function latencyTemplate(indicator: LatencyIndicator): IndicatorTemplate {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(indicator.metric)) {
    throw new SelectorError(indicator.metric, 'not a metric name');
  }
  const base: SeriesSelector = {
    metric: indicator.metric,
    matchers: indicator.selector ? parseMatchers(indicator.selector) : [],
  };
  const bucket = formatSelector(
    withMatchers({ ...base, metric: `${indicator.metric}_bucket` }, [
      bucketMatcher(indicator.thresholdSeconds),
    ]),
  );
  const count = formatSelector({
    ...base,
    metric: `${indicator.metric}_count`,
  });
  return {
    ...counterTemplate(
      'good',
      bucket,
      count,
      `good events: requests faster than ${promNumber(
        indicator.thresholdSeconds,
      )}s (${bucket}); all events: ${count}`,
    ),
    goodSelector: {
      selector: bucket,
      bucketsOf: formatSelector({
        ...base,
        metric: `${indicator.metric}_bucket`,
      }),
    },
  };
}

/**
 * `expr` read once per absolute minute (or per step if shorter) inside the step
 * `(stepStartMs, stepStartMs + rangeMs]`; the range never starts on a read, so closed
 * (2.x) and left-open (3.x) ranges read the same minutes.
 */
function minuteSubquery(
  expr: string,
  rangeMs: number,
  stepStartMs: number,
  resolutionMs: number,
): string {
  const grid = Math.min(resolutionMs, rangeMs);
  return `${expr}[${promDuration(
    subqueryRangeMs(stepStartMs, rangeMs, grid),
  )}:${promDuration(grid)}]`;
}

/** Samples of a 0/1 gauge (boolean) or minutes meeting a comparison (threshold). */
function sampleTemplate(
  goodSamples: (rangeMs: number, stepStartMs?: number) => string,
  allSamples: (rangeMs: number, stepStartMs?: number) => string,
  presence: string,
  description: string,
): IndicatorTemplate {
  return {
    numerator: 'good',
    numeratorQuery: goodSamples,
    totalQuery: allSamples,
    badAndTotalRates: range => {
      const ms = parseRange(range);
      const total = allSamples(ms);
      return { bad: `(${total} - ${goodSamples(ms)})`, total };
    },
    presenceSelectors: [presence],
    description,
  };
}

function booleanTemplate(indicator: BooleanIndicator): IndicatorTemplate {
  const gauge = formatSelector(selectorOf(indicator.query));
  // Ranges end 1 ms short so a sample on a step boundary is counted once.
  return sampleTemplate(
    rangeMs => `sum(sum_over_time(${gauge}[${promDuration(rangeMs - 1)}]))`,
    rangeMs => `sum(count_over_time(${gauge}[${promDuration(rangeMs - 1)}]))`,
    gauge,
    `good events: samples of ${gauge} equal to 1; all events: its samples`,
  );
}

/** Resolution of threshold subqueries: one comparison per minute (or per step if shorter). */
const THRESHOLD_RESOLUTION_MS = 60_000;

function thresholdTemplate(indicator: ThresholdIndicator): IndicatorTemplate {
  const gauge = formatSelector(selectorOf(indicator.query));
  const comparison = `(${gauge} ${COMPARISON[indicator.op]} bool ${promNumber(
    indicator.value,
  )})`;
  const subquery = (rangeMs: number, stepStartMs = 0) =>
    minuteSubquery(comparison, rangeMs, stepStartMs, THRESHOLD_RESOLUTION_MS);
  return sampleTemplate(
    (rangeMs, stepStartMs) =>
      `sum(sum_over_time(${subquery(rangeMs, stepStartMs)}))`,
    (rangeMs, stepStartMs) =>
      `sum(count_over_time(${subquery(rangeMs, stepStartMs)}))`,
    gauge,
    `each minute, ${gauge} ${COMPARISON[indicator.op]} ${promNumber(
      indicator.value,
    )} is one event, good when it holds`,
  );
}

/** Resolution of recorded-ratio subqueries: one reading per minute. */
const RECORDED_RATIO_RESOLUTION_MS = 60_000;

function recordedRatioTemplate(
  indicator: RecordedRatioIndicator,
): IndicatorTemplate {
  const ratio = formatSelector(selectorOf(indicator.errorRatio));
  const subquery = (rangeMs: number, stepStartMs = 0) =>
    minuteSubquery(
      `(${ratio} >= 0)`,
      rangeMs,
      stepStartMs,
      RECORDED_RATIO_RESOLUTION_MS,
    );
  const bad = (rangeMs: number, stepStartMs?: number) =>
    `sum(sum_over_time(${subquery(rangeMs, stepStartMs)}))`;
  const total = (rangeMs: number, stepStartMs?: number) =>
    `sum(count_over_time(${subquery(rangeMs, stepStartMs)}))`;
  return {
    numerator: 'bad',
    numeratorQuery: bad,
    totalQuery: total,
    badAndTotalRates: range => {
      const ms = parseRange(range);
      return { bad: bad(ms), total: total(ms) };
    },
    presenceSelectors: [ratio],
    description: `time-weighted: each minute, the recorded error ratio ${ratio} is one event, that much of it bad (not event-weighted: the request counts are not recorded)`,
  };
}

/** OpenSLO `metricSource.type`s this module can query (case-insensitive). */
export const PROMETHEUS_SOURCE_TYPES = [
  'prometheus',
  'thanos',
  'mimir',
  'cortex',
  'victoriametrics',
];

function metricQueries(
  indicator: SloIndicator,
): Array<{ sourceType?: string }> {
  switch (indicator.kind) {
    case 'ratio':
      return [indicator.good, indicator.bad, indicator.total].filter(
        (q): q is NonNullable<typeof q> => q !== undefined,
      );
    case 'boolean':
    case 'threshold':
      return [indicator.query];
    case 'recordedRatio':
      return [indicator.errorRatio];
    default:
      return [];
  }
}

/** Throws SelectorError / Error with a readable message when the indicator is unusable. */
export function indicatorTemplate(indicator: SloIndicator): IndicatorTemplate {
  // A definition written for another backend (Datadog, CloudWatch, ...) must not be
  // sent to Prometheus as if its query were PromQL.
  const foreign = metricQueries(indicator).find(
    q =>
      q.sourceType !== undefined &&
      !PROMETHEUS_SOURCE_TYPES.includes(q.sourceType.toLowerCase()),
  );
  if (foreign) {
    throw new Error(
      `the indicator reads a ${foreign.sourceType} metric source; a Prometheus source only queries Prometheus, Thanos, Mimir, Cortex or VictoriaMetrics (choose the source with the slo.acme-portal.io/source annotation)`,
    );
  }
  switch (indicator.kind) {
    case 'ratio':
      return ratioTemplate(indicator);
    case 'latency':
      return latencyTemplate(indicator);
    case 'boolean':
      return booleanTemplate(indicator);
    case 'threshold':
      return thresholdTemplate(indicator);
    case 'recordedRatio':
      return recordedRatioTemplate(indicator);
    default:
      throw new Error(
        `unsupported indicator kind ${(indicator as { kind: string }).kind}`,
      );
  }
}
