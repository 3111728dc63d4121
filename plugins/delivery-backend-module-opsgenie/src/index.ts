/**
 * Feeds Opsgenie alerts into the delivery plugin as incidents.
 *
 * @packageDocumentation
 */

export { deliveryModuleOpsgenie as default } from './module';
export { deliveryModuleOpsgenie } from './module';
