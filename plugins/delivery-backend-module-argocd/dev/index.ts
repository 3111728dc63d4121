/*
 * Runs the delivery backend with this module and the Argo CD webhook endpoint (yarn
 * start in this folder, port 7111 or PORT): in-memory SQLite, mocked auth and catalog,
 * one Argo CD instance without credentials (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.PORT ?? 7111);
const base = `http://localhost:${port}`;
const secret = 'dev-secret';

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'argo-prod', url: 'https://argocd.example.com' },
            ],
          },
        ],
      },
      delivery: { argocd: { webhook: { secret } } },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout',
          annotations: { 'argocd/app-selector': 'app=checkout' },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@internal/backstage-plugin-events-backend-module-argocd'));
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));

backend.start().then(() =>
  console.log(`
Argo CD delivery module on ${base}. A sync notification (dev/sync-succeeded.json), then the stored deployment:
  curl -i -X POST ${base}/api/events/http/argocd -H 'Content-Type: application/json' \\
    -H 'X-Delivery-Webhook-Secret: ${secret}' --data-binary @dev/sync-succeeded.json
  curl '${base}/api/delivery/deployments?entityRef=component:default/checkout'
  curl ${base}/api/delivery/sources
`),
);
