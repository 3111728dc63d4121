/*
 * The benchmark organisation (scripts/bench-slo.mjs): group bench-org > 10 teams > 100
 * components each, every component with two inline OpenSLO objectives (availability
 * over 30d, latency over a calendar month).
 */
import { Entity } from '@backstage/catalog-model';

const TEAMS = 10;
const COMPONENTS_PER_TEAM = 100;

const group = (name: string, children: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});

const openslo = (name: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}-availability
spec:
  service: ${name}
  indicator:
    metadata:
      name: ${name}-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${name}",code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${name}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}-latency
spec:
  service: ${name}
  indicator:
    metadata:
      name: ${name}-fast
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_request_duration_seconds_bucket{job="${name}",le="0.3"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_request_duration_seconds_count{job="${name}"}
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: Europe/Paris
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99
`;

const teams = Array.from({ length: TEAMS }, (_, t) => `bench-team-${t}`);
export const benchCatalog: Entity[] = [
  group('bench-org', teams),
  ...teams.map(team => group(team, [])),
  ...teams.flatMap((team, t) =>
    Array.from({ length: COMPONENTS_PER_TEAM }, (_, c) => {
      const name = `bench-svc-${t * COMPONENTS_PER_TEAM + c}`;
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: { 'slo.acme-portal.io/openslo': openslo(name) },
        },
        spec: { type: 'service', owner: team },
        relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
      };
    }),
  ),
];
