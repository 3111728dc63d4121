import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { deliveryClientFactory } from '@internal/backstage-plugin-delivery-react';
import { doraScorecardsApiRef } from './api';
import { rootRouteRef, teamScorecardRouteRef } from './routes';

/**
 * The DORA scorecards plugin for the legacy frontend system
 * (`@backstage/core-plugin-api`). The new frontend system uses the default export of
 * `/alpha`.
 *
 * @public
 */
export const deliveryScorecardsPlugin = createPlugin({
  id: 'delivery-scorecards',
  apis: [createApiFactory(deliveryClientFactory(doraScorecardsApiRef))],
  routes: { root: rootRouteRef, team: teamScorecardRouteRef },
});

/**
 * The organisation page: `<Route path="/scorecards" element={<DoraScorecardsPage />} />`.
 *
 * @public
 */
export const DoraScorecardsPage = deliveryScorecardsPlugin.provide(
  createRoutableExtension({
    name: 'DoraScorecardsPage',
    component: () =>
      import('./components/OrgScorecardsPage').then(m => m.OrgScorecardsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A group's tab: `<EntityLayout.Route path="/delivery-scorecard" title="Delivery scorecard">`.
 *
 * @public
 */
export const EntityTeamScorecardContent = deliveryScorecardsPlugin.provide(
  createRoutableExtension({
    name: 'EntityTeamScorecardContent',
    component: () =>
      import('./components/TeamScorecardContent').then(
        m => m.TeamScorecardContent,
      ),
    mountPoint: teamScorecardRouteRef,
  }),
);

/**
 * The "DORA" card of component and system overviews.
 *
 * @public
 */
export const EntityDoraCard = deliveryScorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () =>
        import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
    },
  }),
);
