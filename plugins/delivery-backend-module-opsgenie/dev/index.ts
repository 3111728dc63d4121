/*
 * Runs the delivery backend with this module and the Opsgenie webhook endpoint (yarn
 * start in this folder, port 7114 or PORT): in-memory SQLite, mocked auth and catalog,
 * and Opsgenie's Alert API faked in-process (msw) with one open alert. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { setupServer } from 'msw/node';
import { API_KEY, opsgenieHandlers } from '../src/__testUtils__/opsgenieApi';
import { fullAlert } from '../src/__testUtils__/opsgenieExamples';

const port = Number(process.env.PORT ?? 7114);
const base = `http://localhost:${port}`;
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

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
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
          annotations: {
            'opsgenie.com/component-selector': 'tag:"service:checkout"',
          },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(
  import('@internal/backstage-plugin-events-backend-module-opsgenie'),
);
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));

backend.start().then(() =>
  console.log(`
Opsgenie delivery module on ${base}. The faked API's alert is pulled at start;
a Create delivery (it starts another pull), then the stored incident:
  curl -i -X POST ${base}/api/events/http/opsgenie -H 'Content-Type: application/json' \\
    -H 'X-Opsgenie-Token: ${token}' --data-binary @dev/alert-created.json
  curl '${base}/api/delivery/incidents?entityRef=component:default/checkout'
  curl ${base}/api/delivery/sources
`),
);
