import { createRouteRef } from '@backstage/core-plugin-api';

/** The organisation page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'delivery-scorecards' });

/** The group tab "Delivery scorecard" (legacy frontend system). */
export const teamScorecardRouteRef = createRouteRef({
  id: 'delivery-scorecards:team',
});
