import { createApiRef } from '@backstage/core-plugin-api';
import type { DeliveryApi } from '@internal/backstage-plugin-delivery-common/client';

/**
 * The part of the delivery backend the scorecards read. Its own ref, so that the
 * scorecards work without the delivery plugin; the client is the one `DeliveryClient`.
 *
 * @public
 */
export type DoraScorecardsApi = Pick<
  DeliveryApi,
  | 'getScorecards'
  | 'getEntityScorecard'
  | 'getSourceStatus'
  | 'listDeployments'
  | 'listIncidents'
  | 'getLeadTimeBreakdown'
  | 'getChangeFlow'
  | 'listChanges'
>;

/** @public */
export const doraScorecardsApiRef = createApiRef<DoraScorecardsApi>({
  id: 'plugin.delivery-scorecards.api',
});
