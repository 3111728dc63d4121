import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  deliveryApiRef,
  deliveryClientFactory,
  deployGateApiRef,
} from '@internal/backstage-plugin-delivery-react';
import { deployGateClientFactory } from './gate/DeployGateClient';
import { homeLatestDeploymentsWidget } from './home/widget';

export { homeLatestDeploymentsWidget };

/** The client of the delivery backend. @alpha */
export const deliveryApi = ApiBlueprint.make({
  params: defineParams => defineParams(deliveryClientFactory(deliveryApiRef)),
});

/** The deploy gate's decisions and the SLO freeze, for the freeze marks. @alpha */
export const deployGateApi = ApiBlueprint.make({
  name: 'deploy-gate',
  params: defineParams =>
    defineParams(deployGateClientFactory(deployGateApiRef)),
});

/** The Deployments tab of components, systems and groups. @alpha */
export const entityDeploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('./components/EntityDeploymentsContent').then(m => (
        <m.EntityDeploymentsContent />
      )),
  },
});

/** The "Last deployments" card of a component's overview. @alpha */
export const entityLastDeploymentsCard = EntityCardBlueprint.make({
  name: 'last-deployments',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityLastDeploymentsCard').then(m => (
        <m.EntityLastDeploymentsCard />
      )),
  },
});

/**
 * The delivery plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'delivery',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    deliveryApi,
    deployGateApi,
    entityDeploymentsContent,
    entityLastDeploymentsCard,
    homeLatestDeploymentsWidget,
  ],
});
