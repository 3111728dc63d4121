import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import deliveryPlugin from '@internal/backstage-plugin-delivery/alpha';
import deliveryScorecardsPlugin from '@internal/backstage-plugin-delivery-scorecards/alpha';
import goldenPathsPlugin from '@internal/backstage-plugin-golden-paths/alpha';
import maturityPlugin from '@internal/backstage-plugin-maturity/alpha';
import sloPlugin from '@internal/backstage-plugin-slo/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { catalogModule } from './modules/catalog';
import { settingsModule } from './modules/settings';

export default createApp({
  features: [
    catalogPlugin,
    deliveryPlugin,
    deliveryScorecardsPlugin,
    goldenPathsPlugin,
    maturityPlugin,
    sloPlugin,
    navModule,
    homeModule,
    catalogModule,
    settingsModule,
  ],
});
