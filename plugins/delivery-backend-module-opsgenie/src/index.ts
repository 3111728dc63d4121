/**
 * Feeds Opsgenie alerts into the delivery plugin as incidents.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { eventsModuleOpsgenieWebhook } from './webhook/eventsModule';
import { deliveryModuleOpsgenie } from './module';

/**
 * Both halves: the events backend's token-checked webhook endpoint and the
 * delivery source. `backend.add(import('@internal/backstage-plugin-delivery-backend-module-opsgenie'))`
 * adds them together.
 *
 * @public
 */
export const deliveryModuleOpsgenieFeatures = createBackendFeatureLoader({
  loader: () => [deliveryModuleOpsgenie, eventsModuleOpsgenieWebhook],
});

export default deliveryModuleOpsgenieFeatures;
export { deliveryModuleOpsgenie, eventsModuleOpsgenieWebhook };
