/**
 * The maturity backend plugin: levels from evidence, their history, initiatives.
 *
 * @packageDocumentation
 */
export { maturityPlugin as default } from './plugin';
