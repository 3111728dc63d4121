import type {
  SloCountPoint,
  SloDiscoveryRequest,
  SloCountRequest,
  SloCountSeries,
  SloMetricSource,
  SloRuleGroup,
} from '@internal/backstage-plugin-slo-node';
import {
  importSlothInfo,
  SloImportResult,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import {
  PrometheusClient,
  PrometheusMatrixSeries,
} from './client/PrometheusClient';
import { quoteLabelValue } from './promql/selector';
import { indicatorTemplate } from './promql/templates';
import { sortBuckets } from './promql/bucket';
import { gridResolutionMs } from './promql/countPlan';
import { sloRuleGroups } from './rules';

/**
 * Prometheus refuses range queries of more than 11,000 points per series; longer
 * ranges (e.g. 1-minute steps over 30 days) are split into several queries.
 */
export const MAX_STEPS_PER_QUERY = 10_000;

/** Sums the samples of a range query by timestamp (ms); NaN and Inf are dropped. */
function valuesByTime(series: PrometheusMatrixSeries[]): Map<number, number> {
  const values = new Map<number, number>();
  for (const { values: samples } of series) {
    for (const [seconds, text] of samples) {
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      const t = Math.round(seconds * 1000);
      values.set(t, (values.get(t) ?? 0) + value);
    }
  }
  return values;
}

export interface PrometheusMetricSourceOptions {
  client: PrometheusClient;
  /** `prometheus:<instance name>`. */
  id: string;
  /** Link to the Prometheus UI. */
  url?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Per-step event counts of an objective from Prometheus, and the recording/alerting
 * rules that compute the same figures inside Prometheus.
 *
 * Steps tile [from, to): step k covers (from + k*step, from + (k+1)*step] and is
 * reported with `t` = its end. A step is evaluated by one point of a range query
 * (start = from + step, step = step), so a 30-day window at 1h steps is 720 hourly
 * counts summed by the caller, never one count over 30 days. A remainder shorter than
 * a step at the end of the range is one more instant query at `to`. Counters are
 * counted by the plan of promql/countPlan.ts.
 */
export class PrometheusMetricSource implements SloMetricSource {
  readonly type = 'prometheus';
  readonly id: string;
  readonly url?: string;
  private readonly client: PrometheusClient;
  private readonly now: () => number;

  constructor(options: PrometheusMetricSourceOptions) {
    this.id = options.id;
    this.url = options.url;
    this.client = options.client;
    this.now = options.now ?? Date.now;
  }

  async countSeries(request: SloCountRequest): Promise<SloCountSeries> {
    const { objective, from, to, stepMs } = request;
    if (!(Number.isInteger(stepMs) && stepMs >= 1000)) {
      throw new Error(
        `stepMs must be a whole number of ms >= 1000, got ${stepMs}`,
      );
    }
    if (!(to > from)) {
      throw new Error(`the range must not be empty: from ${from}, to ${to}`);
    }
    // Throws a readable error when the definition is not a selector.
    const template = indicatorTemplate(objective.indicator);
    const fullSteps = Math.floor((to - from) / stepMs);
    const remainderMs = to - from - fullSteps * stepMs;

    // Every step of the range query starts at from + k*stepMs: same grid alignment.
    const queries = [
      template.numeratorQuery(stepMs, from),
      template.totalQuery(stepMs, from),
    ];
    const numerator = new Map<number, number>();
    const total = new Map<number, number>();
    // What the server warned about (a partial answer) and our own notes on the data.
    const warnings = new Set<string>();
    const notes = new Set<string>();
    const work: Array<Promise<void>> = [];

    for (let first = 0; first < fullSteps; first += MAX_STEPS_PER_QUERY) {
      const last = Math.min(fullSteps, first + MAX_STEPS_PER_QUERY) - 1;
      const start = from + (first + 1) * stepMs;
      const end = from + (last + 1) * stepMs;
      for (const [query, into] of [
        [queries[0], numerator],
        [queries[1], total],
      ] as const) {
        work.push(
          this.client.queryRange(query, start, end, stepMs).then(answer => {
            answer.warnings.forEach(w => warnings.add(w));
            valuesByTime(answer.data).forEach((v, t) => into.set(t, v));
          }),
        );
      }
    }
    if (remainderMs >= 2) {
      // The last, shorter step reads the same grid as the others, so steps keep tiling.
      const remainderStart = to - remainderMs;
      const grid = gridResolutionMs(stepMs);
      const remainderQueries = [
        template.numeratorQuery(remainderMs, remainderStart, grid),
        template.totalQuery(remainderMs, remainderStart, grid),
      ];
      queries.push(...remainderQueries);
      remainderQueries.forEach((query, index) => {
        const into = index === 0 ? numerator : total;
        work.push(
          this.client.query(query, to).then(answer => {
            answer.warnings.forEach(w => warnings.add(w));
            for (const sample of answer.data) {
              const value = Number(sample.value[1]);
              if (Number.isFinite(value)) {
                into.set(to, (into.get(to) ?? 0) + value);
              }
            }
          }),
        );
      });
    }
    await Promise.all(work);

    const points: SloCountPoint[] = [];
    let clamped = 0;
    for (const [t, totalCount] of [...total.entries()].sort(
      (a, b) => a[0] - b[0],
    )) {
      // A good/bad counter with labels appears on its first event: absent is 0.
      const raw = numerator.get(t) ?? 0;
      const count = Math.min(Math.max(raw, 0), totalCount);
      if (count !== raw) clamped++;
      const good = template.numerator === 'good' ? count : totalCount - count;
      points.push({ t, good, bad: totalCount - good, total: totalCount });
    }
    const definitionErrors: string[] = [];
    if (total.size > 0 && numerator.size === 0) {
      if (template.goodSelector) {
        definitionErrors.push(
          await this.goodSelectorError(template.goodSelector, from, to),
        );
      } else {
        notes.add(
          `the ${template.numerator} query matched no series in the range; counted as 0 ${template.numerator} events (${queries[0]})`,
        );
      }
    }
    if (clamped > 0) {
      notes.add(
        `${clamped} steps had more ${template.numerator} than total events (scrape timing or extrapolation); clamped to the total`,
      );
    }

    // Steps that end in the future cannot have data yet.
    const now = this.now();
    let expectedPoints = 0;
    for (let k = 1; k <= fullSteps; k++) {
      if (from + k * stepMs <= now) expectedPoints++;
    }
    if (remainderMs >= 2 && to <= now) expectedPoints++;

    return {
      points,
      expectedPoints,
      queries,
      // Only the server's warnings make the answer partial (e.g. a Thanos store that
      // did not answer); a bad counter that does not exist yet is a note, not a gap.
      ...(warnings.size ? { partial: true } : {}),
      ...(warnings.size + notes.size
        ? { warnings: [...warnings, ...notes] }
        : {}),
      ...(definitionErrors.length ? { definitionErrors } : {}),
    };
  }

  /**
   * The definition error of a good selector that matched nothing while the total had
   * data: names the selector and, for a histogram bucket, lists the `le` buckets the
   * histogram has in the range (or says it has none).
   */
  private async goodSelectorError(
    good: { selector: string; bucketsOf?: string },
    from: number,
    to: number,
  ): Promise<string> {
    const message = `the good selector ${good.selector} matches no series while the total has data`;
    if (!good.bucketsOf) {
      return `${message}: check its metric name and labels`;
    }
    const values = await this.client.labelValues(
      'le',
      good.bucketsOf,
      from,
      to,
    );
    const buckets = sortBuckets(values);
    return buckets.length
      ? `${message}: no bucket of ${
          good.bucketsOf
        } has that le; its buckets are le = ${buckets.join(
          ', ',
        )}: use one of them`
      : `${message}: ${good.bucketsOf} has no buckets in the range`;
  }

  /**
   * The SLOs Sloth runs for a `sloth_service`: an instant query of `sloth_slo_info`,
   * plus Sloth's `slo:objective:ratio` (targets of releases before v0.10, whose info
   * has no `sloth_objective` label) and `slo:time_period:days` (the period) of the same
   * service, joined by `sloth_id`. No info series at all is an error naming the query.
   */
  async discoverObjectives(
    request: SloDiscoveryRequest,
  ): Promise<SloImportResult> {
    const matcher = `{sloth_service=${quoteLabelValue(request.slothService)}}`;
    const at = this.now();
    const [info, objectiveRatios, periods] = await Promise.all(
      ['sloth_slo_info', 'slo:objective:ratio', 'slo:time_period:days'].map(
        metric => this.client.query(`${metric}${matcher}`, at),
      ),
    );
    const byId = (samples: typeof info.data) => {
      const values = new Map<string, number>();
      for (const sample of samples) {
        const value = Number(sample.value[1]);
        if (sample.metric.sloth_id && Number.isFinite(value)) {
          values.set(sample.metric.sloth_id, value);
        }
      }
      return values;
    };
    const ratios = byId(objectiveRatios.data);
    const days = byId(periods.data);
    if (info.data.length === 0) {
      return {
        objectives: [],
        errors: [
          {
            document: 0,
            path: '',
            message: `${this.id} has no sloth_slo_info${matcher}: is Sloth's rule group loaded and the sloth_service spelled as in its spec?`,
          },
        ],
      };
    }
    return importSlothInfo(
      info.data.map(({ metric }) => ({
        labels: metric,
        ...(ratios.has(metric.sloth_id)
          ? { objectiveRatio: ratios.get(metric.sloth_id) }
          : {}),
        ...(days.has(metric.sloth_id)
          ? { periodDays: days.get(metric.sloth_id) }
          : {}),
      })),
    );
  }

  rules(
    objectives: SloObjective[],
    options: { entityRef: string },
  ): SloRuleGroup[] {
    return sloRuleGroups(objectives, options);
  }
}
