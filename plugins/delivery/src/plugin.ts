import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import {
  deliveryApiRef,
  deliveryClientFactory,
  deployGateApiRef,
} from '@internal/backstage-plugin-delivery-react';
import { deployGateClientFactory } from './gate/DeployGateClient';
import { rootRouteRef } from './routes';

/**
 * The delivery plugin for the legacy frontend system (`@backstage/core-plugin-api`).
 * The new frontend system uses the default export of `/alpha`.
 *
 * @public
 */
export const deliveryPlugin = createPlugin({
  id: 'delivery',
  apis: [
    createApiFactory(deliveryClientFactory(deliveryApiRef)),
    createApiFactory(deployGateClientFactory(deployGateApiRef)),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The Deployments tab: `<EntityLayout.Route path="/deployments" title="Deployments">`.
 *
 * @public
 */
export const EntityDeploymentsContent = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntityDeploymentsContent',
    component: () =>
      import('./components/EntityDeploymentsContent').then(
        m => m.EntityDeploymentsContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "Last deployments" overview card.
 *
 * @public
 */
export const EntityLastDeploymentsCard = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityLastDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/EntityLastDeploymentsCard').then(
          m => m.EntityLastDeploymentsCard,
        ),
    },
  }),
);
