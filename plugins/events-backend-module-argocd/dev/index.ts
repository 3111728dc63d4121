/*
 * Runs the events backend with this module (yarn start in this folder, port 7117 or
 * PORT): the Argo CD webhook endpoint with the secret `dev-secret`, and a subscriber
 * that logs what the endpoint publishes on the `argocd` topic. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';

const port = Number(process.env.PORT ?? 7117);
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
          topics: ['argocd'],
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
      delivery: { argocd: { webhook: { secret } } },
    },
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('../src'));
backend.add(logPublished);

backend.start().then(() =>
  console.log(`
Argo CD webhook endpoint on ${base}. With the secret (202, logged as published), then without (403):
  curl -i -X POST ${base}/api/events/http/argocd -H 'Content-Type: application/json' \\
    -H 'X-Delivery-Webhook-Secret: ${secret}' --data-binary @dev/sync-succeeded.json
  curl -i -X POST ${base}/api/events/http/argocd -H 'Content-Type: application/json' \\
    --data-binary @dev/sync-succeeded.json
`),
);
