/*
 * Runs the delivery backend with this module and the Opsgenie webhook endpoint (yarn
 * start in this folder, port 7114 or PORT): in-memory SQLite, mocked auth and catalog,
 * and Opsgenie's Alert API faked in-process (msw) with one open alert. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { setupServer } from 'msw/node';
import { API_KEY, opsgenieHandlers } from '../src/__testUtils__/opsgenieApi';
import { fullAlert } from '../src/__testUtils__/opsgenieExamples';

const token = 'dev-token';
const query = 'priority: P1 OR priority: P2';
const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

// The alert dev/alert-created.json announces, open, as the Alert API answers it for
// the checkout component's selector; every other request goes out as usual.
const alertId = 'ec03dad6-62c8-4c94-b38b-d88f398e900f';
setupServer(
  ...opsgenieHandlers({
    alerts: [
      fullAlert({
        id: alertId,
        tinyId: '2',
        message: 'Checkout error rate above 5%',
        status: 'open',
        tags: ['service:checkout'],
        priority: 'P1',
        createdAt: minutesAgo(10),
        updatedAt: minutesAgo(10),
        report: undefined,
      }),
    ],
    matches: { [`(tag:"service:checkout") AND (${query})`]: [alertId] },
  }),
).listen({ onUnhandledRequest: 'bypass' });

startDevBackend({
  createBackend,
  port: 7114,
  config: {
    delivery: {
      opsgenie: {
        apiKey: API_KEY,
        webUrl: 'https://acme.app.opsgenie.com',
        query,
        webhook: { token },
        // The scheduler starts no run, triggered or not, before the first delay.
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 1 },
        },
      },
    },
  },
  components: {
    checkout: { 'opsgenie.com/component-selector': 'tag:"service:checkout"' },
  },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-opsgenie'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'Opsgenie delivery module',
  intro: `The faked API's alert is pulled at start;
a Create delivery (it starts another pull), then the stored incident:`,
  tryThis: base => [
    webhookCurl(base, 'opsgenie', {
      headers: [`'X-Opsgenie-Token: ${token}'`],
      data: '@dev/alert-created.json',
    }),
    `curl '${base}/api/delivery/incidents?entityRef=component:default/checkout'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
