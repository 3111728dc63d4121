/**
 * Feeds PagerDuty incidents into the delivery plugin.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { eventsModulePagerDutyWebhook } from './webhook/eventsModule';
import { deliveryModulePagerDuty } from './module';

/**
 * Both halves: the events backend's signature-checked webhook endpoint and the
 * delivery source. `backend.add(import('@internal/backstage-plugin-delivery-backend-module-pagerduty'))`
 * adds them together.
 *
 * @public
 */
export const deliveryModulePagerDutyFeatures = createBackendFeatureLoader({
  loader: () => [deliveryModulePagerDuty, eventsModulePagerDutyWebhook],
});

export default deliveryModulePagerDutyFeatures;
export { deliveryModulePagerDuty, eventsModulePagerDutyWebhook };
