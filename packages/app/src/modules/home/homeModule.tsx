import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';

/**
 * The home page's layout: the team / organisation switch above the rearrangeable
 * widget grid. The widgets come from the plugins that own their data (SLO, delivery,
 * scorecards, golden paths); app-config.yaml places them (`page:home` defaultConfig).
 */
const cockpitLayout = HomePageLayoutBlueprint.make({
  name: 'cockpit',
  params: {
    loader: () => import('./CockpitLayout').then(m => m.CockpitLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [cockpitLayout],
});
