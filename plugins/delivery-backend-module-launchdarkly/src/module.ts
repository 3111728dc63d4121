import {
  createFlagSourceModule,
  LAUNCHDARKLY_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readLaunchDarklySourceConfig } from './config';
import { mapAuditEntry, SOURCE_ID } from './mapping/flagChanges';
import { FLAG_ANNOTATIONS } from './matching/annotations';

/**
 * Feeds LaunchDarkly flag changes into the delivery plugin: the webhook deliveries
 * (audit log entries) that this package's events module checked, mapped to flag
 * events of the components whose annotations name the flag's project and key.
 * Off, and quiet, until `delivery.launchdarkly.webhook.secrets` is set.
 *
 * @public
 */
export const deliveryModuleLaunchDarkly = createFlagSourceModule({
  moduleId: SOURCE_ID,
  topic: LAUNCHDARKLY_TOPIC,
  annotations: FLAG_ANNOTATIONS,
  setup(config) {
    const { webhookConfigured, appBaseUrl } =
      readLaunchDarklySourceConfig(config);
    if (!webhookConfigured) {
      return {
        disabled:
          'no delivery.launchdarkly.webhook.secrets: the webhook refuses every delivery',
      };
    }
    return { map: payload => mapAuditEntry(payload, { appBaseUrl }) };
  },
});
