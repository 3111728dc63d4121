/**
 * The delivery backend plugin: event store, ingestion and DORA APIs.
 *
 * @packageDocumentation
 */
export { deliveryPlugin as default } from './plugin';
