import {
  createFlagSourceModule,
  UNLEASH_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readUnleashSourceConfig } from './config';
import { mapUnleashEvent, SOURCE_ID } from './mapping/event';
import { FLAG_ANNOTATIONS } from './matching/annotations';

/**
 * Feeds Unleash flag changes into the delivery plugin: the events its Webhook
 * integration delivers (checked by this package's events module), mapped to flag
 * events of the components whose annotations name the flag's project and name.
 * Off, and quiet, until `delivery.unleash.webhook.secrets` is set.
 *
 * @public
 */
export const deliveryModuleUnleash = createFlagSourceModule({
  moduleId: SOURCE_ID,
  topic: UNLEASH_TOPIC,
  annotations: FLAG_ANNOTATIONS,
  setup(config) {
    const { webhookConfigured, baseUrl } = readUnleashSourceConfig(config);
    if (!webhookConfigured) {
      return {
        disabled:
          'no delivery.unleash.webhook.secrets: the webhook refuses every delivery',
      };
    }
    return { map: payload => mapUnleashEvent(payload, { baseUrl }) };
  },
});
