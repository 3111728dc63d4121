/**
 * Builders for tests, dev backends and benchmarks of the SLO plugins: OpenSLO
 * definitions and the catalog entities that carry them.
 *
 * @packageDocumentation
 */
export * from './openslo';
export * from './catalog';
