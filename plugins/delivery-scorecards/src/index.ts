/**
 * DORA scorecards: the "DORA" card of components and systems, the "Delivery scorecard"
 * tab of groups and the organisation page. This entry point is for the legacy frontend
 * system; the new frontend system uses
 * `@internal/backstage-plugin-delivery-scorecards/alpha`.
 *
 * @packageDocumentation
 */
export {
  deliveryScorecardsPlugin,
  DoraScorecardsPage,
  EntityDoraCard,
  EntityTeamScorecardContent,
} from './plugin';
export { rootRouteRef, teamScorecardRouteRef } from './routes';
export * from './api';
