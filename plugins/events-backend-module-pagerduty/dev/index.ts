/*
 * Runs the events backend with this module (yarn start in this folder, port 7119 or
 * PORT): the PagerDuty webhook endpoint with the signing secret `dev-secret`, and a subscriber
 * that logs what the endpoint publishes on the `pagerduty` topic. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';

const port = Number(process.env.PORT ?? 7119);
const base = `http://localhost:${port}`;
const secret = 'dev-secret';

// Stands in for the delivery module: shows that a delivery got through the check.
const logPublished = createBackendPlugin({
  pluginId: 'dev-subscriber',
  register(reg) {
    reg.registerInit({
      deps: { events: eventsServiceRef, logger: coreServices.logger },
      async init({ events, logger }) {
        await events.subscribe({
          id: 'dev-subscriber',
          topics: ['pagerduty'],
          onEvent: async event => {
            logger.info(
              `Published on ${event.topic}: ${JSON.stringify(
                event.eventPayload,
              ).slice(0, 200)}`,
            );
          },
        });
      },
    });
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
      delivery: { pagerduty: { webhook: { secrets: [secret] } } },
    },
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('../src'));
backend.add(logPublished);

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
PagerDuty webhook endpoint on ${base}. A signed incident.triggered delivery (202, logged as published):
  ${send('dev/incident-triggered.json')}
Unsigned (403):
  curl -i -X POST ${base}/api/events/http/pagerduty -H 'Content-Type: application/json' \\
    --data-binary @dev/incident-triggered.json
`),
);
