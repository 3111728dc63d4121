/**
 * Serves the Opsgenie webhook on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModuleOpsgenieWebhook as default } from './module';
export { eventsModuleOpsgenieWebhook } from './module';
