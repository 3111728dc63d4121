import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The organisation page at /maturity. */
export const pageRouteRef = createRouteRef();
