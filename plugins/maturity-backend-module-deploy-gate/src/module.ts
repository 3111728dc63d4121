import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  maturityFactProvidersExtensionPoint,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';
import { DeployGateFactProvider } from './DeployGateFactProvider';

/**
 * The maturity backend's deploy-gate facts, from the deploy gate's POST /api/deploy-gate/decision-counts.
 *
 * @public
 */
export const maturityModuleDeployGate = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'deploy-gate',
  register(env) {
    env.registerInit({
      deps: {
        providers: maturityFactProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ providers, discovery, auth }) {
        providers.addProvider(
          new DeployGateFactProvider(
            new PluginBackendClient({
              discovery,
              auth,
              pluginId: 'deploy-gate',
            }),
          ),
        );
      },
    });
  },
});
