/**
 * Prometheus (and Thanos/Mimir) as the metric source of the SLO backend.
 *
 * @packageDocumentation
 */
export { sloModulePrometheus as default } from './module';
export { sloModulePrometheus } from './module';
export {
  PrometheusClient,
  PrometheusQueryError,
} from './client/PrometheusClient';
export type {
  PrometheusClientOptions,
  PrometheusAnswer,
  PrometheusMatrixSeries,
  PrometheusVectorSample,
} from './client/PrometheusClient';
export { PrometheusMetricSource } from './PrometheusMetricSource';
export { readPrometheusInstances } from './config';
export type { PrometheusInstanceConfig } from './config';
export { sloRuleGroups } from './rules';
export { indicatorTemplate } from './promql/templates';
export { parseSelector, SelectorError } from './promql/selector';
