/**
 * Feeds Unleash flag changes into the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModuleUnleash as default } from './module';
export { deliveryModuleUnleash } from './module';
