import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MaturityClient } from '@internal/backstage-plugin-maturity-common/client';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import TrendingUp from '@material-ui/icons/TrendingUp';
import { MATURITY_TAB_PATH } from './components/links';
import { pageRouteRef } from './routes';

/** The client of `/api/maturity`. @alpha */
export const maturityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: maturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MaturityClient({ discoveryApi, fetchApi }),
    }),
});

/** The Maturity tab of components, systems and groups. @alpha */
export const entityMaturityContent = EntityContentBlueprint.make({
  params: {
    path: MATURITY_TAB_PATH,
    title: 'Maturity',
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('./components/EntityMaturityContent').then(m => (
        <m.EntityMaturityContent />
      )),
  },
});

/**
 * The organisation page at /maturity; its title and icon make the sidebar entry
 * "Maturity" (pages carry their nav item in this release).
 *
 * @alpha
 */
export const maturityPage = PageBlueprint.make({
  params: {
    path: '/maturity',
    title: 'Maturity',
    icon: <TrendingUp />,
    routeRef: pageRouteRef,
    loader: () =>
      import('./components/MaturityPage').then(m => <m.MaturityPage />),
  },
});

/**
 * The maturity plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'maturity',
  info: { packageJson: () => import('../package.json') },
  routes: { root: pageRouteRef },
  extensions: [maturityApi, entityMaturityContent, maturityPage],
});
