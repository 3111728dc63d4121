import type {
  SloIndicator,
  SloObjective,
  SloWindow,
} from '@internal/backstage-plugin-slo-common';

export const ROLLING_28D: SloWindow = {
  kind: 'rolling',
  duration: { value: 28, unit: 'd' },
};

export function objective(
  id: string,
  indicator: SloIndicator,
  overrides: Partial<SloObjective> = {},
): SloObjective {
  return {
    id,
    sloName: id,
    indicator,
    target: 0.999,
    window: ROLLING_28D,
    budgeting: { method: 'occurrences' },
    ...overrides,
  };
}

/** bad/total ratio over the demo counters of one `service` label. */
export function badRatio(service: string): SloIndicator {
  return {
    kind: 'ratio',
    bad: { query: `slo_demo_errors_total{service="${service}"}` },
    total: { query: `slo_demo_requests_total{service="${service}"}` },
  };
}
