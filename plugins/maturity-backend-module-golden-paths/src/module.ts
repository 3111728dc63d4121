import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  maturityFactProvidersExtensionPoint,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';
import { GoldenPathFactProvider } from './GoldenPathFactProvider';

/**
 * The maturity backend's golden-paths facts, from the golden-paths backend's GET /api/golden-paths/drift.
 *
 * @public
 */
export const maturityModuleGoldenPaths = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        providers: maturityFactProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ providers, discovery, auth }) {
        providers.addProvider(
          new GoldenPathFactProvider(
            new PluginBackendClient({
              discovery,
              auth,
              pluginId: 'golden-paths',
            }),
          ),
        );
      },
    });
  },
});
