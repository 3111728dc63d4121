/**
 * Serves the Unleash webhook on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModuleUnleashWebhook as default } from './module';
export { eventsModuleUnleashWebhook } from './module';
