import {
  createWebhookIngressModule,
  FLAGSMITH_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readFlagsmithWebhookSecrets } from './config';
import { createFlagsmithWebhookValidator } from './validator';

/**
 * Serves `POST /api/events/http/flagsmith` on the events backend, publishing on the
 * `flagsmith` topic only deliveries whose `X-Flagsmith-Signature` verifies and
 * whose flag events carry their state. Answers `200` to what it accepts: Flagsmith
 * emails the organisation about every delivery answered otherwise. Quiet until a
 * secret is configured.
 *
 * @public
 */
export const eventsModuleFlagsmithWebhook = createWebhookIngressModule({
  moduleId: 'flagsmith-webhook',
  topic: FLAGSMITH_TOPIC,
  acceptWith200: true,
  createValidator({ config, logger }) {
    return createFlagsmithWebhookValidator({
      secrets: readFlagsmithWebhookSecrets(config),
      logger,
    });
  },
});
