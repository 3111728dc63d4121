import { createApiRef } from '@backstage/core-plugin-api';
import type { MaturityApi } from '@internal/backstage-plugin-maturity-common/client';

/**
 * The maturity backend's client (`MaturityClient` of maturity-common/client), provided
 * by the maturity plugin. Other plugins (the catalog column, the scorecards) read it
 * through `useMaturityLevels`, which shows nothing while no plugin provides it.
 */
export const maturityApiRef = createApiRef<MaturityApi>({
  id: 'plugin.maturity.api',
});
