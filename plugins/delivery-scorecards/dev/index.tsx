import { createDevApp } from '@backstage/frontend-dev-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import plugin from '../src/alpha';

// The DORA card, the team tab and /scorecards; run with the delivery backend on :7007.
createDevApp({ features: [catalogPlugin, plugin] });
