/*
 * Runs the delivery backend with this module and the PagerDuty webhook endpoint (yarn
 * start in this folder, port 7115 or PORT): in-memory SQLite, mocked auth and catalog,
 * no REST API key (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.PORT ?? 7115);
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
      delivery: { pagerduty: { webhook: { secrets: [secret] } } },
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
          annotations: { 'pagerduty.com/service-id': 'PF9KMXH' },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(
  import('@internal/backstage-plugin-events-backend-module-pagerduty'),
);
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));

// A delivery must be signed and recent (30 minutes), and each event id is taken once:
// the shell fills in the template's time and id, and signs the body.
const send = (
  path: string,
) => `BODY=$(sed "s/OCCURRED_AT/$(date -u +%FT%TZ)/g; s/EVENT_ID/$(date +%s%N)/" ${path})
  curl -i -X POST ${base}/api/events/http/pagerduty -H 'Content-Type: application/json' \\
    -H "X-PagerDuty-Signature: v1=$(printf %s "$BODY" | openssl dgst -sha256 -hmac ${secret} | sed 's/.* //')" \\
    --data-binary "$BODY"`;

backend.start().then(() =>
  console.log(`
PagerDuty delivery module on ${base}. A signed incident.triggered delivery, then the stored incident:
  ${send('dev/incident-triggered.json')}
  curl '${base}/api/delivery/incidents?entityRef=component:default/checkout'
  curl ${base}/api/delivery/sources
`),
);
