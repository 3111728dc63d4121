/**
 * Fixed PromQL templates built from an objective's indicator. The definition only
 * contributes series selectors (see selector.ts); every function, range and operator
 * comes from here.
 *
 * Per-step counts (what `countSeries` asks for) are range queries whose step equals the
 * range of the inner function, so consecutive evaluations tile time:
 *
 * - ratio:     `sum(increase(<total>[<step>]))` and `sum(increase(<good|bad>[<step>]))`
 * - latency:   good = `sum(increase(<metric>_bucket{<selector>,le="<threshold>"}[<step>]))`,
 *              total = `sum(increase(<metric>_count{<selector>}[<step>]))`
 * - boolean:   good = `sum(sum_over_time(<gauge>[<step - 1ms>]))` (a 0/1 gauge: samples that
 *              were 1), total = `sum(count_over_time(<gauge>[<step - 1ms>]))` (samples)
 * - threshold: the value is compared once a minute (a subquery), each comparison is one
 *              event: good = `sum(sum_over_time((<gauge> <op> bool <value>)[<step - 1ms>:1m]))`,
 *              total = `sum(count_over_time((<gauge> <op> bool <value>)[<step - 1ms>:1m]))`
 *
 * Why `increase(x[step])` and `*_over_time(x[step - 1ms])`: Prometheus 2.x range selectors
 * are closed at both ends, `[t - step, t]`. For a counter that is what we want: the
 * sample at `t - step` is the baseline, the increase is `v(t) - v(t - step)` and
 * consecutive steps share their boundary sample without counting an event twice. When
 * the first and last samples sit exactly on the step boundaries (scrapes aligned with
 * the step) there is no extrapolation and the increase is exact; otherwise Prometheus
 * extrapolates the increase to the range edges (by at most half a scrape interval per
 * edge, and not below 0 for counters), so real-world step counts are estimates whose
 * error does not accumulate over the window. A step with fewer than two samples gives
 * no value: it is missing data, never zero. Samples themselves (gauges) must not be
 * counted twice, so `*_over_time` ranges end 1 ms short: `(t - step, t]`. (Prometheus 3
 * made all ranges left-open; the `- 1 ms` is then harmless.)
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
  quoteLabelValue,
  SelectorError,
  SeriesSelector,
  withMatchers,
} from './selector';

const UNITS: Array<[string, number]> = [
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** PromQL duration: the largest unit that divides `ms` exactly (`1h`, `90s`, `3599999ms`). */
export function promDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(
      `a PromQL range must be a positive whole number of ms, got ${ms}`,
    );
  }
  for (const [unit, size] of UNITS) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A number as PromQL reads it, without float noise. */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * The `le` matcher of a histogram bucket. Prometheus 2 keeps `le` as exposed ("1"),
 * Prometheus 3 normalises it to a float ("1.0"): whole numbers match both.
 */
export function bucketMatcher(thresholdSeconds: number): string {
  if (!Number.isFinite(thresholdSeconds) || thresholdSeconds <= 0) {
    throw new Error(
      `latency threshold must be a positive number of seconds, got ${thresholdSeconds}`,
    );
  }
  const text = promNumber(thresholdSeconds);
  return Number.isInteger(thresholdSeconds)
    ? `le=~${quoteLabelValue(`${text}(\\.0)?`)}`
    : `le=${quoteLabelValue(text)}`;
}

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
  numeratorQuery(rangeMs: number): string;
  totalQuery(rangeMs: number): string;
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
  const increase = (selector: string, rangeMs: number) =>
    `sum(increase(${selector}[${promDuration(rangeMs)}]))`;
  return {
    numerator,
    numeratorQuery: rangeMs => increase(numeratorSelector, rangeMs),
    totalQuery: rangeMs => increase(totalSelector, rangeMs),
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

function ratioTemplate(indicator: RatioIndicator): IndicatorTemplate {
  const total = formatSelector(selectorOf(indicator.total));
  const numeratorQuery = indicator.bad ?? indicator.good;
  if (!numeratorQuery) {
    throw new Error('a ratio indicator needs a good or a bad query');
  }
  const numerator = indicator.bad ? 'bad' : 'good';
  const selector = formatSelector(selectorOf(numeratorQuery));
  return counterTemplate(
    numerator,
    selector,
    total,
    `${numerator} events: increase of ${selector}; all events: increase of ${total}`,
  );
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
  return counterTemplate(
    'good',
    bucket,
    count,
    `good events: requests faster than ${promNumber(
      indicator.thresholdSeconds,
    )}s (${bucket}); all events: ${count}`,
  );
}

/** Samples of a 0/1 gauge (boolean) or minutes meeting a comparison (threshold). */
function sampleTemplate(
  goodSamples: (rangeMs: number) => string,
  allSamples: (rangeMs: number) => string,
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
  const subquery = (rangeMs: number) =>
    `${comparison}[${promDuration(rangeMs - 1)}:${promDuration(
      Math.min(THRESHOLD_RESOLUTION_MS, rangeMs),
    )}]`;
  return sampleTemplate(
    rangeMs => `sum(sum_over_time(${subquery(rangeMs)}))`,
    rangeMs => `sum(count_over_time(${subquery(rangeMs)}))`,
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
  const subquery = (rangeMs: number) =>
    `(${ratio} >= 0)[${promDuration(rangeMs - 1)}:${promDuration(
      Math.min(RECORDED_RATIO_RESOLUTION_MS, rangeMs),
    )}]`;
  const bad = (rangeMs: number) => `sum(sum_over_time(${subquery(rangeMs)}))`;
  const total = (rangeMs: number) =>
    `sum(count_over_time(${subquery(rangeMs)}))`;
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

/** Milliseconds of a range written by promDuration. */
export function parseRange(range: string): number {
  const match = /^([0-9]+)(ms|s|m|h|d|w)$/.exec(range);
  if (!match) throw new Error(`unsupported range ${range}`);
  const size =
    match[2] === 'ms' ? 1 : UNITS.find(([unit]) => unit === match[2])![1];
  return Number(match[1]) * size;
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
