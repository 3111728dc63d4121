import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
// The scorecards own this seam's API ref; we provide its implementation (as the SLO
// plugin does for serviceSloApiRef).
import { goldenPathApiRef } from '@internal/backstage-plugin-delivery-react';
import { GoldenPathsClient, goldenPathsApiRef } from './api/GoldenPathsClient';
import { rootRouteRef } from './routes';

/**
 * The golden-paths plugin for the legacy frontend system. It also provides the
 * scorecards' `goldenPathApiRef`, so the team scorecard shows template and version.
 *
 * @public
 */
export const goldenPathsPlugin = createPlugin({
  id: 'golden-paths',
  apis: [
    createApiFactory({
      api: goldenPathsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathsClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: goldenPathApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The drift report page: `<Route path="/golden-paths" element={<GoldenPathsPage />} />`.
 *
 * @public
 */
export const GoldenPathsPage = goldenPathsPlugin.provide(
  createRoutableExtension({
    name: 'GoldenPathsPage',
    component: () =>
      import('./components/GoldenPathsPage').then(m => m.GoldenPathsPage),
    mountPoint: rootRouteRef,
  }),
);
