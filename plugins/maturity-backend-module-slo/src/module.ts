import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  maturityFactProvidersExtensionPoint,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';
import { SloFactProvider } from './SloFactProvider';

/**
 * The maturity backend's slo facts, from the SLO backend's POST /api/slo/component-facts.
 *
 * @public
 */
export const maturityModuleSlo = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'slo',
  register(env) {
    env.registerInit({
      deps: {
        providers: maturityFactProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ providers, discovery, auth }) {
        providers.addProvider(
          new SloFactProvider(
            new PluginBackendClient({ discovery, auth, pluginId: 'slo' }),
          ),
        );
      },
    });
  },
});
