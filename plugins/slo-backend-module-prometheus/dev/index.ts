/*
 * The SLO backend with this module against a real Prometheus, for
 * scripts/bench-slo-prometheus.mjs (which starts it with dev/bench-config.yaml):
 * in-memory SQLite and cache, mocked auth (requests without a token act as a user) and
 * a mocked catalog of BENCH_COMPONENTS components (default 1,000) in 10 teams, each
 * with one 99.9%/30d availability objective over
 * bench_requests_total / bench_errors_total{service="bench-prom-svc-<i>"}.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const TEAMS = 10;

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
              query: bench_errors_total{service="${name}"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: bench_requests_total{service="${name}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'bench-prom-org', namespace: 'default' },
    spec: {
      type: 'organization',
      children: Array.from({ length: TEAMS }, (_, t) => `bench-prom-team-${t}`),
    },
    relations: Array.from({ length: TEAMS }, (_, t) => ({
      type: 'parentOf',
      targetRef: `group:default/bench-prom-team-${t}`,
    })),
  },
  ...Array.from({ length: TEAMS }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `bench-prom-team-${t}`, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  ...Array.from({ length: COMPONENTS }, (_, c) => {
    const name = `bench-prom-svc-${c}`;
    const team = `bench-prom-team-${c % TEAMS}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'slo.acme-portal.io/openslo': openslo(name),
          'slo.acme-portal.io/source': 'prometheus:bench',
        },
      },
      spec: { type: 'service', owner: team, lifecycle: 'production' },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
    };
  }),
];

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities }));
backend.add(import('@internal/backstage-plugin-slo-backend'));
backend.add(import('../src'));
backend.start();
