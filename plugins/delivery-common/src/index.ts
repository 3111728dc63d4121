/**
 * Event schema, DORA definitions and permissions shared by the delivery
 * plugin's frontend, backend and source modules.
 *
 * @packageDocumentation
 */

export * from './bands';
export * from './catalogHealth';
export * from './componentFacts';
export * from './dora';
export * from './events';
export * from './feedingSources';
export * from './flags';
export * from './permissions';
export * from './production';
export { toMillis } from './time';
// The wire types of /api/delivery; the client itself is under ./client.
export type * from './client/types';
export * from './changes';
export * from './progressive';
