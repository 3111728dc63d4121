/** What varies between the ratio SLOs that tests, dev backends and benchmarks write. */
export interface RatioSloOptions {
  /** metadata.name of the SLO. */
  name: string;
  service: string;
  /** The indicator's name; `<name>-sli` when not given. */
  indicatorName?: string;
  /** Which side of the ratio `countQuery` counts. */
  counts?: 'good' | 'bad';
  countQuery: string;
  totalQuery: string;
  /** The lines under `timeWindow:`; a rolling 30d window when not given. */
  window?: string;
  budgeting?: string;
  /** The lines under `objectives:`; or `target` for one targetPercent. */
  objectives?: string;
  target?: string;
}

/** The `timeWindow` lines of a rolling window. */
export const rollingWindowYaml = (
  duration: string,
) => `    - duration: ${duration}
      isRolling: true`;

/** One OpenSLO v1 ratio SLO over two Prometheus counters, as YAML. */
export const ratioSloYaml = (
  options: RatioSloOptions,
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${options.name}
spec:
  service: ${options.service}
  indicator:
    metadata:
      name: ${options.indicatorName ?? `${options.name}-sli`}
    spec:
      ratioMetric:
        counter: true
        ${options.counts ?? 'bad'}:
          metricSource:
            type: Prometheus
            spec:
              query: ${options.countQuery}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: ${options.totalQuery}
  timeWindow:
${options.window ?? rollingWindowYaml('30d')}
  budgetingMethod: ${options.budgeting ?? 'Occurrences'}
  objectives:
${options.objectives ?? `    - targetPercent: ${options.target ?? '99.9'}`}
`;
