/**
 * Feeds PagerDuty incidents into the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModulePagerDuty as default } from './module';
export { deliveryModulePagerDuty } from './module';
