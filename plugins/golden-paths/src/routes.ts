import { createRouteRef } from '@backstage/core-plugin-api';
import { createRouteRef as createNfsRouteRef } from '@backstage/frontend-plugin-api';

/** The "Golden paths" page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'golden-paths' });

/** The "Golden paths" page (new frontend system). */
export const pageRouteRef = createNfsRouteRef();
