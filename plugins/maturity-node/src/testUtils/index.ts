/**
 * Test kit of fact providers (this package's `./testUtils` entry): a loopback-only
 * stand-in for a domain backend.
 *
 * @packageDocumentation
 */
export type { FakePluginBackend } from './fakePluginBackend';
export { startFakePluginBackend } from './fakePluginBackend';
