import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import {
  addStrictJsonTopics,
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
export const eventsModulePagerDutyWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'pagerduty-webhook',
  register(reg) {
    reg.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ events, config, logger }) {
        const webhook = readPagerDutyWebhookConfig(config);
        if (webhook.secrets.length === 0) {
          logger.warn(
            'No delivery.pagerduty.webhook.secrets: every PagerDuty webhook delivery will be refused',
          );
        }
        // Malformed or empty JSON bodies: 400 instead of the default parser's 500.
        addStrictJsonTopics(events, [PAGERDUTY_TOPIC]);
        // Registered even without secrets, so the topic is never served unchecked.
        events.addHttpPostIngress({
          topic: PAGERDUTY_TOPIC,
          validator: createPagerDutyWebhookValidator({ ...webhook, logger }),
        });
      },
    });
  },
});
