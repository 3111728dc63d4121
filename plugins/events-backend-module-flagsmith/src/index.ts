/**
 * Serves the Flagsmith webhook on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModuleFlagsmithWebhook as default } from './module';
export { eventsModuleFlagsmithWebhook } from './module';
