import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import Assessment from '@material-ui/icons/Assessment';
import { deliveryClientFactory } from '@internal/backstage-plugin-delivery-react';
import { doraScorecardsApiRef } from './api';
import { homeDoraWidget } from './home/widget';

export { homeDoraWidget };

/** The organisation page's route in the new frontend system. */
const orgPageRouteRef = createRouteRef();

/** The client of the delivery backend's scorecards. @alpha */
export const doraScorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams(deliveryClientFactory(doraScorecardsApiRef)),
});

/** The "DORA" card of component and system overviews. @alpha */
export const entityDoraCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./components/EntityDoraCard').then(m => <m.EntityDoraCard />),
  },
});

/** The "Delivery scorecard" tab of groups. @alpha */
export const entityTeamScorecardContent = EntityContentBlueprint.make({
  name: 'team-scorecard',
  params: {
    path: '/delivery-scorecard',
    title: 'Delivery scorecard',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamScorecardContent').then(m => (
        <m.TeamScorecardContent />
      )),
  },
});

/**
 * The organisation page at /scorecards; its title and icon make the sidebar entry
 * "Scorecards" (this release has no separate NavItemBlueprint: pages carry their nav
 * item).
 *
 * @alpha
 */
export const orgScorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <Assessment />,
    routeRef: orgPageRouteRef,
    loader: () =>
      import('./components/OrgScorecardsPage').then(m => (
        <m.OrgScorecardsPage />
      )),
  },
});

/**
 * The DORA scorecards plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'delivery-scorecards',
  info: { packageJson: () => import('../package.json') },
  routes: { root: orgPageRouteRef },
  extensions: [
    doraScorecardsApi,
    entityDoraCard,
    entityTeamScorecardContent,
    orgScorecardsPage,
    homeDoraWidget,
  ],
});
