/**
 * Event schema, DORA definitions and permissions shared by the delivery
 * plugin's frontend, backend and source modules.
 *
 * @packageDocumentation
 */

export * from './bands';
export * from './catalogHealth';
export * from './dora';
export * from './events';
export * from './feedingSources';
export * from './permissions';
export { toMillis } from './time';

/**
 * @deprecated The reference DORA engine is for tests: import it from
 * `@internal/backstage-plugin-delivery-common/testUtils`. Re-exported here only
 * until delivery-backend-module-github's load harness imports it from there.
 */
export { computeDora, computeDoraSeries } from './testUtils';
