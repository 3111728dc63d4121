/*
 * Runs the delivery backend with this module and the Argo CD webhook endpoint (yarn
 * start in this folder, port 7111 or PORT): in-memory SQLite, mocked auth and catalog,
 * one Argo CD instance without credentials (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

startDevBackend({
  createBackend,
  port: 7111,
  config: {
    argocd: {
      appLocatorMethods: [
        {
          type: 'config',
          instances: [{ name: 'argo-prod', url: 'https://argocd.example.com' }],
        },
      ],
    },
    delivery: { argocd: { webhook: { secret } } },
  },
  components: { checkout: { 'argocd/app-selector': 'app=checkout' } },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-argocd'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'Argo CD delivery module',
  intro:
    'A sync notification (dev/sync-succeeded.json), then the stored deployment:',
  tryThis: base => [
    webhookCurl(base, 'argocd', {
      headers: [`'X-Delivery-Webhook-Secret: ${secret}'`],
      data: '@dev/sync-succeeded.json',
    }),
    `curl '${base}/api/delivery/deployments?entityRef=component:default/checkout'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
