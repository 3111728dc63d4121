import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import {
  addStrictJsonTopics,
  OPSGENIE_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readOpsgenieWebhookConfig } from './config';
import { createOpsgenieWebhookValidator } from './validator';

/**
 * Serves `POST /api/events/http/opsgenie` on the events backend, publishing on
 * the `opsgenie` topic only deliveries that present the shared token.
 *
 * @public
 */
export const eventsModuleOpsgenieWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'opsgenie-webhook',
  register(reg) {
    reg.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ events, config, logger }) {
        const webhook = readOpsgenieWebhookConfig(config);
        if (!webhook.token) {
          logger.warn(
            'No delivery.opsgenie.webhook.token: every Opsgenie webhook delivery will be refused',
          );
        }
        // Malformed or empty JSON bodies: 400 instead of the default parser's 500.
        addStrictJsonTopics(events, [OPSGENIE_TOPIC]);
        // Registered even without a token, so the topic is never served unchecked.
        events.addHttpPostIngress({
          topic: OPSGENIE_TOPIC,
          validator: createOpsgenieWebhookValidator({ ...webhook, logger }),
        });
      },
    });
  },
});
