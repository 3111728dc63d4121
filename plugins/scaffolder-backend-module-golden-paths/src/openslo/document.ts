import { stringify } from 'yaml';
import { ServiceTier, SloObjectives } from './tiers';

/** What an OpenSLO file for one service is built from. */
export interface OpenSloInput {
  /** Service name (the catalog component's name). */
  service: string;
  tier: ServiceTier;
  objectives: SloObjectives;
  /** Prometheus label selector matching the service's HTTP metrics. */
  metricSelector?: string;
}

/**
 * OpenSLO v1 documents (https://github.com/OpenSLO/OpenSLO#slo): one Service and two
 * ratio SLOs, availability (non-5xx over all requests) and latency (requests under the
 * threshold over all requests), both over Prometheus HTTP metrics with the standard
 * names the templates' services expose.
 */
export function buildOpenSloDocuments(input: OpenSloInput): object[] {
  const { service, tier, objectives } = input;
  const selector = input.metricSelector ?? `service="${service}"`;
  const labels = { tier };
  const timeWindow = [{ duration: objectives.timeWindow, isRolling: true }];
  const prometheus = (query: string) => ({
    metricSource: { type: 'Prometheus', spec: { query } },
  });
  const total = prometheus(`sum(rate(http_requests_total{${selector}}[5m]))`);
  const thresholdSeconds = objectives.latencyThresholdMs / 1000;

  return [
    {
      apiVersion: 'openslo/v1',
      kind: 'Service',
      metadata: { name: service, displayName: service },
      spec: { description: `${service} (${tier} tier)` },
    },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: `${service}-availability`, labels },
      spec: {
        description: `Share of requests to ${service} that do not fail with a 5xx`,
        service,
        indicator: {
          metadata: { name: `${service}-non-5xx-requests` },
          spec: {
            ratioMetric: {
              counter: true,
              good: prometheus(
                `sum(rate(http_requests_total{${selector},code!~"5.."}[5m]))`,
              ),
              total,
            },
          },
        },
        timeWindow,
        budgetingMethod: 'Occurrences',
        objectives: [
          {
            displayName: 'Availability',
            target: objectives.availabilityTarget,
          },
        ],
      },
    },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: `${service}-latency`, labels },
      spec: {
        description: `Share of requests to ${service} answered within ${objectives.latencyThresholdMs} ms`,
        service,
        indicator: {
          metadata: { name: `${service}-fast-requests` },
          spec: {
            ratioMetric: {
              counter: true,
              good: prometheus(
                `sum(rate(http_request_duration_seconds_bucket{${selector},le="${thresholdSeconds}"}[5m]))`,
              ),
              total: prometheus(
                `sum(rate(http_request_duration_seconds_count{${selector}}[5m]))`,
              ),
            },
          },
        },
        timeWindow,
        budgetingMethod: 'Occurrences',
        objectives: [
          {
            displayName: `Under ${objectives.latencyThresholdMs} ms`,
            target: objectives.latencyTarget,
          },
        ],
      },
    },
  ];
}

/** The documents as one multi-document YAML file. */
export function renderOpenSloFile(input: OpenSloInput): string {
  return buildOpenSloDocuments(input)
    .map(doc => stringify(doc))
    .join('---\n');
}
