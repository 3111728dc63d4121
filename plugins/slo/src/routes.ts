import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the SLOs entity tab (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'slo' });
