/**
 * Test helpers of the delivery plugin's common package
 * (`@internal/backstage-plugin-delivery-common/testUtils`): the reference DORA
 * engine that tests hold the backend's database-side figures to, and the scorecard
 * and timeline scenarios that backend and frontend tests share.
 *
 * @packageDocumentation
 */
export { computeDora, computeDoraSeries } from './referenceEngine';
export * from './scorecardScenario';
export * from './timelineScenario';
