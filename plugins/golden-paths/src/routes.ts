import { createRouteRef } from '@backstage/core-plugin-api';

/** The "Golden paths" page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'golden-paths' });
