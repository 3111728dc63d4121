/*
 * Runs the delivery backend with this module and the Unleash webhook endpoint (yarn
 * start in this folder, port 7122 or PORT): in-memory SQLite, mocked auth and
 * catalog. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const authorization = 'Bearer dev-token';

startDevBackend({
  createBackend,
  port: 7122,
  config: {
    delivery: {
      unleash: {
        webhook: { secrets: [authorization] },
        baseUrl: 'http://localhost:4242',
      },
    },
  },
  components: { checkout: { 'unleash.io/project-id': 'my-other-project' } },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-unleash'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'Unleash delivery module',
  intro: 'A feature-strategy-update from 67% to 32%, then the stored change:',
  tryThis: base => [
    webhookCurl(base, 'unleash', {
      headers: [`'Authorization: ${authorization}'`],
      data: '@dev/strategy-updated.json',
    }),
    `curl '${base}/api/delivery/flags?entityRef=component:default/checkout'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
