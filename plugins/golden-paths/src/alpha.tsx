import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
// The scorecards own this seam's API ref; we provide its implementation (as the SLO
// plugin does for serviceSloApiRef).
import { goldenPathApiRef } from '@internal/backstage-plugin-delivery-react';
import CallSplit from '@material-ui/icons/CallSplit';
import { GoldenPathsClient, goldenPathsApiRef } from './api/GoldenPathsClient';
import { homeGoldenPathDriftWidget } from './home/widget';

export { homeGoldenPathDriftWidget };

import { pageRouteRef } from './routes';

/** The client of `/api/golden-paths`. @alpha */
export const goldenPathsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: goldenPathsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathsClient({ discoveryApi, fetchApi }),
    }),
});

/** Template and version per service for the scorecard tables. @alpha */
export const scorecardGoldenPathApi = ApiBlueprint.make({
  name: 'scorecards',
  params: defineParams =>
    defineParams({
      api: goldenPathApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathsClient({ discoveryApi, fetchApi }),
    }),
});

/** The drift report at /golden-paths; its title and icon make the sidebar entry. @alpha */
export const goldenPathsPage = PageBlueprint.make({
  params: {
    path: '/golden-paths',
    title: 'Golden paths',
    icon: <CallSplit />,
    routeRef: pageRouteRef,
    loader: () =>
      import('./components/GoldenPathsPage').then(m => <m.GoldenPathsPage />),
  },
});

/**
 * The golden-paths plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'golden-paths',
  info: { packageJson: () => import('../package.json') },
  routes: { root: pageRouteRef },
  extensions: [
    goldenPathsApi,
    scorecardGoldenPathApi,
    goldenPathsPage,
    homeGoldenPathDriftWidget,
  ],
});
