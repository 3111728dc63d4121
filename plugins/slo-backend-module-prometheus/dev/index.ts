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
import {
  componentEntity,
  groupEntity,
  ratioSloYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const TEAMS = 10;

const entities: Entity[] = [
  groupEntity(
    'bench-prom-org',
    Array.from({ length: TEAMS }, (_, t) => `bench-prom-team-${t}`),
    'organization',
  ),
  ...Array.from({ length: TEAMS }, (_, t) =>
    groupEntity(`bench-prom-team-${t}`),
  ),
  ...Array.from({ length: COMPONENTS }, (_, c) => {
    const name = `bench-prom-svc-${c}`;
    return componentEntity(name, {
      owner: `bench-prom-team-${c % TEAMS}`,
      lifecycle: 'production',
      annotations: {
        'slo.acme-portal.io/openslo': ratioSloYaml({
          name: `${name}-availability`,
          service: name,
          indicatorName: `${name}-errors`,
          countQuery: `bench_errors_total{service="${name}"}`,
          totalQuery: `bench_requests_total{service="${name}"}`,
        }),
        'slo.acme-portal.io/source': 'prometheus:bench',
      },
    });
  }),
];

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities }));
backend.add(import('@internal/backstage-plugin-slo-backend'));
backend.add(import('../src'));
backend.start();
