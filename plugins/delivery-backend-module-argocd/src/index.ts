/**
 * Feeds Argo CD application syncs into the delivery plugin.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { eventsModuleArgocdWebhook } from './webhook/eventsModule';
import { deliveryModuleArgocd } from './module';

export { deliveryModuleArgocd } from './module';
export { eventsModuleArgocdWebhook } from './webhook/eventsModule';

/**
 * Both halves of the Argo CD source: the delivery module (pull and webhook
 * handling) and the events module serving the webhook endpoint, so one
 * `backend.add(import('@internal/backstage-plugin-delivery-backend-module-argocd'))`
 * installs them.
 *
 * @public
 */
export const deliveryArgocdFeatures = createBackendFeatureLoader({
  loader() {
    return [deliveryModuleArgocd, eventsModuleArgocdWebhook];
  },
});

export default deliveryArgocdFeatures;
