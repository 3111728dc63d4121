/**
 * The maturity backend's golden-paths fact provider, read from the golden-paths backend's GET /api/golden-paths/drift.
 *
 * @packageDocumentation
 */
export { maturityModuleGoldenPaths as default } from './module';
export { GoldenPathFactProvider } from './GoldenPathFactProvider';
