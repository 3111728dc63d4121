/**
 * Test kit for deploy gate modules: a loopback fake of the SLO backend the gate reads
 * its policy from.
 *
 * @packageDocumentation
 */
export { sloAnswer, startFakeSloBackend } from './fakeSloBackend';
export type { FakeSloMode } from './fakeSloBackend';
