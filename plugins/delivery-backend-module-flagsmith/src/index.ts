/**
 * Feeds Flagsmith flag changes into the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModuleFlagsmith as default } from './module';
export { deliveryModuleFlagsmith } from './module';
