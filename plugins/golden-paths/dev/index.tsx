import { createDevApp } from '@backstage/frontend-dev-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import plugin from '../src/alpha';

// The golden paths page and drift widget; run with the golden-paths backend on :7007.
createDevApp({ features: [catalogPlugin, plugin] });
