/**
 * Builders for tests, dev backends and benchmarks of the SLO plugins: OpenSLO
 * definitions, the catalog entities that carry them, steady count series and parts of
 * the reports.
 *
 * @packageDocumentation
 */
export * from './openslo';
export * from './catalog';
export * from './counts';
export * from './report';
