/**
 * Serves the PagerDuty webhook (v3) on the events backend.
 *
 * @packageDocumentation
 */

export { eventsModulePagerDutyWebhook as default } from './module';
export { eventsModulePagerDutyWebhook } from './module';
