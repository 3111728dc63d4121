import {
  createFlagSourceModule,
  FLAGSMITH_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { isFlagsmithWebhookConfigured } from './config';
import { mapFlagsmithWebhook, SOURCE_ID } from './mapping/webhook';
import { FLAG_ANNOTATIONS } from './matching/annotations';

/**
 * Feeds Flagsmith flag changes into the delivery plugin: the environment webhooks'
 * deliveries (signature-checked by this package's events module), mapped to flag
 * events of the components whose annotations name the flag's project and name.
 * Off, and quiet, until `delivery.flagsmith.webhook.secrets` is set.
 *
 * @public
 */
export const deliveryModuleFlagsmith = createFlagSourceModule({
  moduleId: SOURCE_ID,
  topic: FLAGSMITH_TOPIC,
  annotations: FLAG_ANNOTATIONS,
  setup(config) {
    if (!isFlagsmithWebhookConfigured(config)) {
      return {
        disabled:
          'no delivery.flagsmith.webhook.secrets: the webhook refuses every delivery',
      };
    }
    return { map: mapFlagsmithWebhook };
  },
});
