import { createDevApp } from '@backstage/frontend-dev-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import plugin from '../src/alpha';

// The SLOs tab and card on catalog entity pages; run with the SLO backend on :7007.
createDevApp({ features: [catalogPlugin, plugin] });
