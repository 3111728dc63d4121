import {
  createWebhookIngressModule,
  PAGERDUTY_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readPagerDutyWebhookConfig } from './config';
import { createPagerDutyWebhookValidator } from './validator';

/**
 * Serves `POST /api/events/http/pagerduty` on the events backend, publishing on
 * the `pagerduty` topic only deliveries whose `X-PagerDuty-Signature` verifies
 * and whose event is recent and new.
 *
 * @public
 */
export const eventsModulePagerDutyWebhook = createWebhookIngressModule({
  moduleId: 'pagerduty-webhook',
  topic: PAGERDUTY_TOPIC,
  createValidator({ config, logger }) {
    const webhook = readPagerDutyWebhookConfig(config);
    if (webhook.secrets.length === 0) {
      logger.warn(
        'No delivery.pagerduty.webhook.secrets: every PagerDuty webhook delivery will be refused',
      );
    }
    return createPagerDutyWebhookValidator({ ...webhook, logger });
  },
});
