/**
 * The SLO frontend: the "SLOs" card of components, the SLOs tab (objectives in full on
 * components, roll-ups on systems and groups), and the seams that flag deployments made
 * while the budget was exhausted (delivery) and show SLO status per service (DORA
 * scorecards). This entry point is for the legacy frontend system; the new frontend
 * system uses `@internal/backstage-plugin-slo/alpha`.
 *
 * @packageDocumentation
 */
export {
  sloPlugin,
  EntitySloCard,
  EntitySloContent,
  sloApiFactory,
  sloDeploymentFlagsApiFactory,
  sloServiceSummariesApiFactory,
} from './plugin';
export { rootRouteRef } from './routes';
export * from './api';
export { OPENSLO_FILE_ANNOTATION } from './model/status';
export { ErrorBudgetCell } from './catalog/ErrorBudgetCell';
export type { ErrorBudgetCellProps } from './catalog/ErrorBudgetCell';
