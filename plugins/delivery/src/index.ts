/**
 * The delivery frontend: the Deployments entity tab (timeline chart and table) and the
 * "Last deployments" card. This entry point is for the legacy frontend system; the new
 * frontend system uses `@internal/backstage-plugin-delivery/alpha`.
 *
 * @packageDocumentation
 */
export {
  deliveryPlugin,
  EntityDeploymentsContent,
  EntityLastDeploymentsCard,
} from './plugin';
export { rootRouteRef } from './routes';
export {
  DoraBandCell,
  LastProductionDeploymentCell,
} from './catalog/DeliveryHealthCells';
export type { DeliveryHealthCellProps } from './catalog/DeliveryHealthCells';
