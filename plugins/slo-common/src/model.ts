import { SloDuration } from './duration';

/** A query against a metrics source; `sourceType` is e.g. `Prometheus`. */
export interface MetricQuery {
  query: string;
  sourceType?: string;
  /** Name of an OpenSLO DataSource (`metricSourceRef`). */
  sourceRef?: string;
}

/**
 * Ratio of counters: exactly one of `good` or `bad` is set, plus `total`.
 * Events are counted, so the error ratio is sum(bad) / sum(total).
 */
export interface RatioIndicator {
  kind: 'ratio';
  good?: MetricQuery;
  bad?: MetricQuery;
  total: MetricQuery;
  /**
   * `false`: the queries are gauges whose samples are event counts of their own
   * (OpenSLO `counter: false`), summed over a step instead of taken as the increase
   * of a counter. Absent: monotonic counters.
   */
  counter?: false;
}

/**
 * Latency from a Prometheus histogram: good events are requests in the bucket with
 * `le = thresholdSeconds`, total is the histogram's `_count`.
 */
export interface LatencyIndicator {
  kind: 'latency';
  /** Histogram base name, e.g. `http_request_duration_seconds`. */
  metric: string;
  /** Label matchers without braces, e.g. `job="api",code!~"5.."`. */
  selector?: string;
  /** Must equal one of the histogram's bucket boundaries. */
  thresholdSeconds: number;
}

/** A gauge that is 1 when healthy and 0 when not (e.g. `up`, a probe_success). */
export interface BooleanIndicator {
  kind: 'boolean';
  query: MetricQuery;
}

/** OpenSLO `thresholdMetric`: a raw value compared with `op`/`value` of the objective. */
export interface ThresholdIndicator {
  kind: 'threshold';
  query: MetricQuery;
  op: 'lt' | 'lte' | 'gt' | 'gte';
  value: number;
}

/**
 * An error ratio another tool already records, e.g. Sloth's
 * `slo:sli_error:ratio_rate5m{sloth_id="..."}`. It carries no event counts, so it is
 * time-weighted: each sample of the recording is one event, whose bad share is the
 * recorded ratio (bad = sum of samples, total = number of samples). Over a window this
 * equals Sloth's own `sum_over_time / count_over_time` period ratio, not the
 * event-weighted ratio of the underlying requests.
 */
export interface RecordedRatioIndicator {
  kind: 'recordedRatio';
  /** Series selector of the recorded error ratio (0..1). */
  errorRatio: MetricQuery;
}

export type SloIndicator =
  | RatioIndicator
  | LatencyIndicator
  | BooleanIndicator
  | ThresholdIndicator
  | RecordedRatioIndicator;

export interface RollingWindow {
  kind: 'rolling';
  /** Fixed length: s, m, h, d or w. */
  duration: SloDuration;
}

export interface CalendarWindow {
  kind: 'calendar';
  /** Days, weeks, months, quarters or years, any multiple: 1d, 1w, 1M, 2M, 1Q, 366d, 1Y. */
  duration: SloDuration;
  /** IANA zone in which periods start, e.g. `Europe/Paris`. */
  timeZone: string;
  /**
   * Where periods are counted from, local time in `timeZone` as OpenSLO writes it
   * (`2022-01-01 12:00:00`); without it, local midnight (weeks: Monday; months,
   * quarters, years: the 1st of January 1970 and every `duration` after).
   */
  startTime?: string;
}

export type SloWindow = RollingWindow | CalendarWindow;

export type SloBudgeting =
  | { method: 'occurrences' }
  | {
      method: 'timeslices';
      /** A slice is good when its indicator is at least this ratio. */
      sliceTarget: number;
      sliceWindow: SloDuration;
    };

export type BurnRateTierName =
  | 'page-fast'
  | 'page-slow'
  | 'ticket-fast'
  | 'ticket-slow';

/** One objective: the unit the math and the API work on. */
export interface SloObjective {
  /** `<slo name>` or `<slo name>/<objective name>` when an SLO has several. */
  id: string;
  sloName: string;
  objectiveName?: string;
  displayName?: string;
  description?: string;
  service?: string;
  indicatorName?: string;
  indicator: SloIndicator;
  /** Ratio strictly between 0 and 1. */
  target: number;
  window: SloWindow;
  budgeting: SloBudgeting;
  /** Tiers to evaluate; all four by default. An empty list switches burn-rate alerts off. */
  burnRateTiers?: BurnRateTierName[];
}

/** A problem found while reading a definition: where and what. */
export interface SloDefinitionError {
  /** 0-based index of the YAML document. */
  document: number;
  kind?: string;
  name?: string;
  /** Field path inside the document, e.g. `spec.objectives[0].target`. */
  path: string;
  message: string;
  /** Where the definition came from (annotation or file), when several are read. */
  source?: string;
}

export interface SloImportResult {
  objectives: SloObjective[];
  errors: SloDefinitionError[];
}

/** `spec.objectives[0].target: must be between 0 and 1` */
export function formatDefinitionError(error: SloDefinitionError): string {
  const where = error.name ? `${error.kind ?? 'document'} ${error.name}: ` : '';
  return `${where}${error.path ? `${error.path}: ` : ''}${error.message}`;
}
