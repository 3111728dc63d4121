import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  deploymentFlagsApiRef,
  serviceSloApiRef,
} from '@internal/backstage-plugin-delivery-react';
import { SloClient, sloApiRef } from './api/SloClient';
import {
  SloDeploymentFlagsClient,
  SloServiceSummariesClient,
} from './api/seams';
import { homeErrorBudgetsWidget } from './home/widget';

export { homeErrorBudgetsWidget };

/** The client of the SLO backend. @alpha */
export const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
});

/** Flags deployments made while the error budget was exhausted (delivery seam). @alpha */
export const sloDeploymentFlagsApi = ApiBlueprint.make({
  name: 'deployment-flags',
  params: defineParams =>
    defineParams({
      api: deploymentFlagsApiRef,
      deps: { sloApi: sloApiRef },
      factory: ({ sloApi: client }) =>
        new SloDeploymentFlagsClient({ sloApi: client }),
    }),
});

/** SLO status and budget left per service (DORA scorecards seam). @alpha */
export const sloServiceSummariesApi = ApiBlueprint.make({
  name: 'service-slo',
  params: defineParams =>
    defineParams({
      api: serviceSloApiRef,
      deps: { sloApi: sloApiRef },
      factory: ({ sloApi: client }) =>
        new SloServiceSummariesClient({ sloApi: client }),
    }),
});

/** The SLOs tab of components, systems and groups. @alpha */
export const entitySloContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: '/slos',
    title: 'SLOs',
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/** The "SLOs" card of a component's overview. @alpha */
export const entitySloCard = EntityCardBlueprint.make({
  name: 'slos',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * The SLO plugin for the new frontend system. Installing it also provides the delivery
 * plugin's `deploymentFlagsApiRef` and the scorecards' `serviceSloApiRef`.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'slo',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    sloApi,
    sloDeploymentFlagsApi,
    sloServiceSummariesApi,
    entitySloContent,
    entitySloCard,
    homeErrorBudgetsWidget,
  ],
});
