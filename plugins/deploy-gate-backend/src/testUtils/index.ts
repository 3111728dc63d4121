/**
 * Test kit for deploy gate modules: a loopback fake of the SLO backend the gate reads
 * its policy from, and of the delivery backend it asks about a remediation's incident.
 *
 * @packageDocumentation
 */
export { sloAnswer, startFakeSloBackend } from './fakeSloBackend';
export type { FakeSloMode } from './fakeSloBackend';
export { startFakeDeliveryBackend } from './fakeDeliveryBackend';
