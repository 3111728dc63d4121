/*
 * Runs the deploy gate with the SLO backend it asks (yarn start in this folder, port
 * 7116 or PORT): in-memory SQLite, mocked auth and catalog, and a dev metric source under
 * which `checkout` is within budget and `legacy-billing` has exhausted it. Try the printed curls.
 * With DEPLOY_GATE_BENCH=1 it is the benchmark backend of scripts/bench-deploy-gate.mjs
 * (dev/bench.ts: 1,000 components and a switch that takes the SLO backend away).
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  componentEntity,
  groupEntity,
  ratioSloYaml,
  steadyCounts,
} from '@internal/backstage-plugin-slo-common/testUtils';
import { createSloMetricSourceModule } from '@internal/backstage-plugin-slo-node';
import {
  benchBadPerStep,
  benchCatalog,
  benchDiscovery,
  benchSwitch,
} from './bench';

const bench = process.env.DEPLOY_GATE_BENCH === '1';

const port = Number(process.env.PORT ?? 7116);
const base = `http://localhost:${port}`;

const component = (name: string) =>
  componentEntity(name, {
    owner: 'team-a',
    lifecycle: 'production',
    annotations: {
      'slo.acme-portal.io/openslo': ratioSloYaml({
        name: `${name}-availability`,
        service: name,
        countQuery: `http_requests_total{job="${name}",code=~"5.."}`,
        totalQuery: `http_requests_total{job="${name}"}`,
      }),
    },
  });

// Every step counts 1000 requests: none failing for checkout, 50 for legacy-billing
// (5% against a 99.9% objective: its budget is long gone, so its deploys are frozen).
const devMetricSource = createSloMetricSourceModule({
  moduleId: 'dev-source',
  source: {
    id: 'dev:default',
    type: 'dev',
    async countSeries({ objective, ...range }) {
      let bad = objective.id.startsWith('legacy-billing') ? 50 : 0;
      if (bench) bad = benchBadPerStep(objective.id);
      return {
        ...steadyCounts(range, bad),
        queries: [`dev{objective="${objective.id}"}`],
      };
    },
  },
});

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      slo: {
        defaultSource: 'dev:default',
        errorBudgetPolicy: { freezeWhenExhausted: true },
        cache: { ttl: { minutes: 30 } },
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: bench
      ? benchCatalog
      : [
          groupEntity('team-a'),
          component('checkout'),
          component('legacy-billing'),
        ],
  }),
);
backend.add(import('@internal/backstage-plugin-slo-backend'));
backend.add(devMetricSource);
backend.add(import('../src'));
if (bench) {
  backend.add(benchDiscovery);
  backend.add(benchSwitch);
}

const ask = (entityRef: string) =>
  `curl -X POST ${base}/api/deploy-gate/decisions -H 'Content-Type: application/json' \\
    -d '{"entityRef":"${entityRef}","environment":"production","version":"1.4.0"}'`;

backend.start().then(() =>
  console.log(`
Deploy gate on ${base}. A deploy of checkout (allow), one of legacy-billing (deny), then the stored decisions:
  ${ask('component:default/checkout')}
  ${ask('component:default/legacy-billing')}
  curl ${base}/api/deploy-gate/decisions
`),
);
