import {
  createWebhookIngressModule,
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
export const eventsModuleOpsgenieWebhook = createWebhookIngressModule({
  moduleId: 'opsgenie-webhook',
  topic: OPSGENIE_TOPIC,
  createValidator({ config, logger }) {
    const webhook = readOpsgenieWebhookConfig(config);
    if (!webhook.token) {
      logger.warn(
        'No delivery.opsgenie.webhook.token: every Opsgenie webhook delivery will be refused',
      );
    }
    return createOpsgenieWebhookValidator({ ...webhook, logger });
  },
});
