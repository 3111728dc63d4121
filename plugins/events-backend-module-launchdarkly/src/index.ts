/**
 * Serves the LaunchDarkly webhook on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModuleLaunchDarklyWebhook as default } from './module';
export { eventsModuleLaunchDarklyWebhook } from './module';
