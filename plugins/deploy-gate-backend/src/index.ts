/**
 * The deploy gate backend plugin: one allow/warn/deny decision per deploy, from the
 * error budget policy of the SLO backend.
 *
 * @packageDocumentation
 */
export { deployGatePlugin as default } from './plugin';
