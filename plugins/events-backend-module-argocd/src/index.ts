/**
 * Serves the Argo CD notifications webhook on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModuleArgocdWebhook as default } from './module';
export { eventsModuleArgocdWebhook } from './module';
