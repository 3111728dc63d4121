/**
 * Builders for tests, dev backends and benchmarks of the SLO plugins: OpenSLO
 * definitions, the catalog entities that carry them and steady count series.
 *
 * @packageDocumentation
 */
export * from './openslo';
export * from './catalog';
export * from './counts';
