import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  deploymentFlagsApiRef,
  serviceSloApiRef,
} from '@internal/backstage-plugin-delivery-react';
import { SloClient, sloApiRef } from './api/SloClient';
import {
  SloDeploymentFlagsClient,
  SloServiceSummariesClient,
} from './api/seams';
import { rootRouteRef } from './routes';

/** The SLO backend's client. @public */
export const sloApiFactory = createApiFactory({
  api: sloApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new SloClient({ discoveryApi, fetchApi }),
});

/**
 * Lights up the delivery plugin's seam: deployments made while the error budget was
 * exhausted are flagged on the timeline and in the table.
 *
 * @public
 */
export const sloDeploymentFlagsApiFactory = createApiFactory({
  api: deploymentFlagsApiRef,
  deps: { sloApi: sloApiRef },
  factory: ({ sloApi }) => new SloDeploymentFlagsClient({ sloApi }),
});

/**
 * Lights up the DORA scorecards' seam: SLO status and budget left per service.
 *
 * @public
 */
export const sloServiceSummariesApiFactory = createApiFactory({
  api: serviceSloApiRef,
  deps: { sloApi: sloApiRef },
  factory: ({ sloApi }) => new SloServiceSummariesClient({ sloApi }),
});

/**
 * The SLO plugin for the legacy frontend system (`@backstage/core-plugin-api`). The new
 * frontend system uses the default export of `/alpha`.
 *
 * @public
 */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [
    sloApiFactory,
    sloDeploymentFlagsApiFactory,
    sloServiceSummariesApiFactory,
  ],
  routes: { root: rootRouteRef },
});

/**
 * The SLOs tab: `<EntityLayout.Route path="/slos" title="SLOs">` on component, system
 * and group pages.
 *
 * @public
 */
export const EntitySloContent = sloPlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    component: () =>
      import('./components/EntitySloContent').then(m => m.EntitySloContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "SLOs" overview card of components.
 *
 * @public
 */
export const EntitySloCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);
