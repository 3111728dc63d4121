import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { readPagerDutyWebhookConfig } from '../config';
import { PAGERDUTY_TOPIC } from './handler';
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
        // Registered even without secrets, so the topic is never served unchecked.
        events.addHttpPostIngress({
          topic: PAGERDUTY_TOPIC,
          validator: createPagerDutyWebhookValidator({ ...webhook, logger }),
        });
      },
    });
  },
});
