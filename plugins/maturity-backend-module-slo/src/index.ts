/**
 * The maturity backend's slo fact provider, read from the SLO backend's POST /api/slo/component-facts.
 *
 * @packageDocumentation
 */
export { maturityModuleSlo as default } from './module';
export { SloFactProvider } from './SloFactProvider';
