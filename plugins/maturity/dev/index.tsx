import '@testing-library/jest-dom';
import { createDevApp } from '@backstage/frontend-dev-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import plugin from '../src/alpha';

// The Maturity tab and the organisation page; run with the maturity backend on :7007.
createDevApp({ features: [catalogPlugin, plugin] });
