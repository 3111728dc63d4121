/**
 * GitHub custom deployment protection rules answered by the deploy gate: see the
 * README.
 *
 * @packageDocumentation
 */
export { deployGateModuleGithub as default } from './module';
