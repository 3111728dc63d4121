import {
  createWebhookIngressModule,
  LAUNCHDARKLY_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readLaunchDarklyWebhookSecrets } from './config';
import { createLaunchDarklyWebhookValidator } from './validator';

/**
 * Serves `POST /api/events/http/launchdarkly` on the events backend, publishing on
 * the `launchdarkly` topic only deliveries whose `X-LD-Signature` verifies and whose
 * body is an audit log entry. Quiet until a secret is configured.
 *
 * @public
 */
export const eventsModuleLaunchDarklyWebhook = createWebhookIngressModule({
  moduleId: 'launchdarkly-webhook',
  topic: LAUNCHDARKLY_TOPIC,
  createValidator({ config, logger }) {
    return createLaunchDarklyWebhookValidator({
      secrets: readLaunchDarklyWebhookSecrets(config),
      logger,
    });
  },
});
