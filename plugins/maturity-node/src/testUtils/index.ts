/**
 * Test kit of fact providers (`@internal/backstage-plugin-maturity-node/testUtils`): a
 * loopback-only stand-in for a domain backend.
 *
 * @packageDocumentation
 */
export type { FakePluginBackend } from './fakePluginBackend';
export { startFakePluginBackend } from './fakePluginBackend';
