/*
 * A metric source for the dev backend and the benchmark: every step counts 1000
 * requests with 1 failing (2 for objectives whose id ends in -latency), answered after
 * SLO_BENCH_SOURCE_LATENCY_MS (default 20 ms) per countSeries call, as a Prometheus
 * range query on loopback would take. Counts the queries it was asked
 * (GET /api/slo/bench/queries), so the benchmark can print queries per entity page.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { steadyCounts } from '@internal/backstage-plugin-slo-common/testUtils';
import { sloMetricSourcesExtensionPoint } from '@internal/backstage-plugin-slo-node';
import Router from 'express-promise-router';

let queries = 0;
const latencyMs = Number(process.env.SLO_BENCH_SOURCE_LATENCY_MS ?? 20);

export const syntheticSourceModule = createBackendModule({
  pluginId: 'slo',
  moduleId: 'synthetic-source',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: sloMetricSourcesExtensionPoint,
        httpRouter: coreServices.httpRouter,
      },
      async init({ sources, httpRouter }) {
        sources.addMetricSource({
          id: 'synthetic:default',
          type: 'synthetic',
          async countSeries({ objective, ...range }) {
            // a Prometheus source sends two range queries (numerator and total)
            queries += 2;
            await new Promise(resolve => setTimeout(resolve, latencyMs));
            const bad = objective.id.endsWith('-latency') ? 2 : 1;
            return {
              ...steadyCounts(range, bad),
              queries: [`synthetic{objective="${objective.id}"}`],
            };
          },
        });
        const router = Router();
        router.get('/bench/queries', (_req, res) => {
          res.json({ queries });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({
          path: '/bench',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
