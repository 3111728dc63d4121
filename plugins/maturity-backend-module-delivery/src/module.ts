import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  maturityFactProvidersExtensionPoint,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';
import { DeliveryFactProvider } from './DeliveryFactProvider';
import { ProgressiveDeliveryFactProvider } from './ProgressiveDeliveryFactProvider';

/**
 * The maturity backend's delivery and progressive delivery facts, from the delivery backend's POST /api/delivery/component-facts.
 *
 * @public
 */
export const maturityModuleDelivery = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'delivery',
  register(env) {
    env.registerInit({
      deps: {
        providers: maturityFactProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ providers, discovery, auth }) {
        const client = new PluginBackendClient({
          discovery,
          auth,
          pluginId: 'delivery',
        });
        providers.addProvider(new DeliveryFactProvider(client));
        providers.addProvider(new ProgressiveDeliveryFactProvider(client));
      },
    });
  },
});
