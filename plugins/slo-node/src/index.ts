/**
 * Extension point through which metric sources (the Prometheus module, later others)
 * register with the SLO backend. A source only answers counts; every figure is computed
 * by the backend with slo-common's pure functions.
 *
 * @packageDocumentation
 */
import {
  createBackendModule,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type {
  SloImportResult,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';

/**
 * Good/bad/total events of one step. A step without samples is left out of the
 * series (never sent as zeros): missing data must not look like a quiet or a good step.
 */
export interface SloCountPoint {
  /** End of the step, epoch ms. */
  t: number;
  good: number;
  bad: number;
  total: number;
}

export interface SloCountSeries {
  /**
   * One entry per step in [from, to), in time order; steps without samples are absent.
   * Step k covers (from + k*stepMs, from + (k+1)*stepMs] and has t = its end; a last,
   * shorter step ends at `to`.
   */
  points: SloCountPoint[];
  /**
   * Steps expected in the range (for coverage / data quality): the steps of [from, to)
   * that end no later than the source's now (a step in the future cannot have data).
   */
  expectedPoints: number;
  /** The queries that were sent, for the explanation view. */
  queries: string[];
  /** True when the source answered incompletely (e.g. a Thanos store did not answer). */
  partial?: boolean;
  /** The source's warnings, and notes on the data (e.g. a counter that matched nothing). */
  warnings?: string[];
  /**
   * Problems of the definition itself, found while answering (e.g. a good selector, or
   * a histogram bucket, that matches no series while the total has data): each names
   * the selector and, for histograms, the buckets that exist. The evaluator turns any
   * of them into data quality `error` with this reason, never into zero good events.
   */
  definitionErrors?: string[];
}

export interface SloCountRequest {
  objective: SloObjective;
  /** Epoch ms; `to` exclusive. */
  from: number;
  to: number;
  /** Step length in ms: counts are increases over each step, summed by the caller. */
  stepMs: number;
}

export interface SloDiscoveryRequest {
  /** Value of Sloth's `sloth_service` label. */
  slothService: string;
}

/** A Prometheus-style rule group, as written to a rules file. */
export interface SloRuleGroup {
  name: string;
  interval?: string;
  rules: Array<{
    record?: string;
    alert?: string;
    expr: string;
    for?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }>;
}

export interface SloMetricSource {
  /** Unique id, e.g. `prometheus:default`. */
  id: string;
  /** e.g. `prometheus`. */
  type: string;
  /** Link to the source's UI, for "open in Prometheus" links. */
  url?: string;
  /**
   * Per-step event counts of the objective's indicator over [from, to). Rejects with
   * an Error whose message names the source and the cause (unreachable, timeout,
   * HTTP status, a definition it cannot query): the backend shows it as a data
   * quality `error` and keeps the last good figures, marked stale.
   */
  countSeries(request: SloCountRequest): Promise<SloCountSeries>;
  /**
   * Objectives the source already knows, for a component annotated
   * `slo.acme-portal.io/sloth-service`: the SLOs Sloth lists in `sloth_slo_info`
   * with that `sloth_service`. Optional: sources without such metrics leave it out.
   * Objectives it cannot read come back as errors; rejects when the source fails.
   */
  discoverObjectives?(request: SloDiscoveryRequest): Promise<SloImportResult>;
  /** Recording and alerting rules that compute the same figures inside the source. */
  rules?(
    objectives: SloObjective[],
    options: { entityRef: string },
  ): SloRuleGroup[];
}

export interface SloMetricSourcesExtensionPoint {
  addMetricSource(source: SloMetricSource): void;
}

/** @public */
export const sloMetricSourcesExtensionPoint =
  createExtensionPoint<SloMetricSourcesExtensionPoint>({
    id: 'slo.metric-sources',
  });

/**
 * A module of the SLO backend that adds one metric source built up front: for sources
 * that need no backend services (tests, dev backends). Sources that read config or log
 * declare their own module with those deps.
 *
 * @public
 */
export function createSloMetricSourceModule(options: {
  moduleId: string;
  source: SloMetricSource;
}) {
  return createBackendModule({
    pluginId: 'slo',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: { sources: sloMetricSourcesExtensionPoint },
        async init({ sources }) {
          sources.addMetricSource(options.source);
        },
      });
    },
  });
}
