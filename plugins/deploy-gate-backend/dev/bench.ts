/*
 * The benchmark organisation of scripts/bench-deploy-gate.mjs (DEPLOY_GATE_BENCH=1):
 * 1,000 components with one availability objective each (every tenth one burning 5%
 * against 99.9%, so frozen), and a switch that makes the SLO backend unreachable for
 * the gate (discovery answers a closed loopback port for `slo`), flipped with
 * `POST /api/deploy-gate/bench/slo?down=true|false` (unauthenticated, dev only).
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import {
  componentEntity,
  groupEntity,
  ratioSloYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';
import Router from 'express-promise-router';

export const BENCH_COMPONENTS = 1000;

const state = { sloDown: false };

export const benchCatalog = [
  groupEntity('bench-team'),
  ...Array.from({ length: BENCH_COMPONENTS }, (_, i) =>
    componentEntity(`bench-svc-${i}`, {
      owner: 'bench-team',
      lifecycle: 'production',
      annotations: {
        'slo.acme-portal.io/openslo': ratioSloYaml({
          name: `bench-svc-${i}-availability`,
          service: `bench-svc-${i}`,
          countQuery: `http_requests_total{job="bench-svc-${i}",code=~"5.."}`,
          totalQuery: `http_requests_total{job="bench-svc-${i}"}`,
        }),
      },
    }),
  ),
];

/** Bad requests per 1000 of an objective: 50 for every tenth component, else 0. */
export const benchBadPerStep = (objectiveId: string) =>
  Number(/^bench-svc-(\d+)-/.exec(objectiveId)?.[1] ?? 1) % 10 === 0 ? 50 : 0;

/** Discovery as configured, except `slo` while the bench switch says it is down. */
export const benchDiscovery = createServiceFactory({
  service: coreServices.discovery,
  deps: { config: coreServices.rootConfig },
  factory: ({ config }) => {
    const host = HostDiscovery.fromConfig(config);
    return {
      getBaseUrl: async (pluginId: string) =>
        pluginId === 'slo' && state.sloDown
          ? 'http://127.0.0.1:1/api/slo'
          : host.getBaseUrl(pluginId),
      getExternalBaseUrl: (pluginId: string) =>
        host.getExternalBaseUrl(pluginId),
    };
  },
});

export const benchSwitch = createBackendModule({
  pluginId: 'deploy-gate',
  moduleId: 'bench-switch',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.post('/bench/slo', (req, res) => {
          state.sloDown = req.query.down === 'true';
          res.json(state);
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/bench', allow: 'unauthenticated' });
      },
    });
  },
});
