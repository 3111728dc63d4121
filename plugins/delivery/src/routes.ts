import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the Deployments entity tab (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'delivery' });
