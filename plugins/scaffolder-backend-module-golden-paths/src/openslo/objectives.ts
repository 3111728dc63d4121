import {
  exportOpenSlo,
  parseDuration,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import { ServiceTier, SloObjectives } from './tiers';

/** What an OpenSLO file for one service is built from. */
export interface OpenSloInput {
  /** Service name (the catalog component's name). */
  service: string;
  tier: ServiceTier;
  objectives: SloObjectives;
  /** Prometheus label matchers of the service's HTTP metrics, without braces. */
  metricSelector?: string;
}

/**
 * The service's two objectives, availability (non-5xx over all requests) and latency
 * (requests under the threshold, from the `http_request_duration_seconds` histogram),
 * over the standard metric names the templates' services expose. Queries are plain
 * series selectors, as the portal's Prometheus source requires.
 */
export function serviceObjectives(input: OpenSloInput): SloObjective[] {
  const { service, objectives } = input;
  const selector = input.metricSelector ?? `service="${service}"`;
  const window = {
    kind: 'rolling',
    duration: parseDuration(objectives.timeWindow),
  } as const;
  const budgeting = { method: 'occurrences' } as const;
  return [
    {
      id: `${service}-availability`,
      sloName: `${service}-availability`,
      objectiveName: 'Availability',
      description: `Share of requests to ${service} that do not fail with a 5xx`,
      service,
      indicatorName: `${service}-non-5xx-requests`,
      indicator: {
        kind: 'ratio',
        good: {
          query: `http_requests_total{${selector},code!~"5.."}`,
          sourceType: 'Prometheus',
        },
        total: {
          query: `http_requests_total{${selector}}`,
          sourceType: 'Prometheus',
        },
      },
      target: objectives.availabilityTarget,
      window,
      budgeting,
    },
    {
      id: `${service}-latency`,
      sloName: `${service}-latency`,
      objectiveName: `Under ${objectives.latencyThresholdMs} ms`,
      description: `Share of requests to ${service} answered within ${objectives.latencyThresholdMs} ms`,
      service,
      indicatorName: `${service}-fast-requests`,
      indicator: {
        kind: 'latency',
        metric: 'http_request_duration_seconds',
        selector,
        thresholdSeconds: objectives.latencyThresholdMs / 1000,
      },
      target: objectives.latencyTarget,
      window,
      budgeting,
    },
  ];
}

/** The OpenSLO file: a Service and the two SLOs, written by slo-common's exporter. */
export function renderOpenSloFile(input: OpenSloInput): string {
  return exportOpenSlo(serviceObjectives(input), {
    services: [
      {
        name: input.service,
        displayName: input.service,
        description: `${input.service} (${input.tier} tier)`,
      },
    ],
  });
}
