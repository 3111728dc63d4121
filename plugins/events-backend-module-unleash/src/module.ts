import {
  createWebhookIngressModule,
  UNLEASH_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readUnleashWebhookSecrets } from './config';
import { createUnleashWebhookValidator } from './validator';

/**
 * Serves `POST /api/events/http/unleash` on the events backend, publishing on the
 * `unleash` topic only deliveries whose Authorization header is a configured value
 * and whose body is an Unleash event. Quiet until a value is configured.
 *
 * @public
 */
export const eventsModuleUnleashWebhook = createWebhookIngressModule({
  moduleId: 'unleash-webhook',
  topic: UNLEASH_TOPIC,
  createValidator({ config, logger }) {
    return createUnleashWebhookValidator({
      secrets: readUnleashWebhookSecrets(config),
      logger,
    });
  },
});
