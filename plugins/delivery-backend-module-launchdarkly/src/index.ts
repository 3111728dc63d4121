/**
 * Feeds LaunchDarkly flag changes into the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModuleLaunchDarkly as default } from './module';
export { deliveryModuleLaunchDarkly } from './module';
