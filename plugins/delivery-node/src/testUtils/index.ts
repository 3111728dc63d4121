/**
 * Test helpers shared by the delivery backend and its source modules' tests, and the
 * kit their `dev/index.ts` entries (`yarn start`) are built from
 * (`@internal/backstage-plugin-delivery-node/testUtils`).
 *
 * @packageDocumentation
 */
export { ownPostgresAvailable, startOwnPostgres } from './ownPostgres';
export type { OwnPostgres } from './ownPostgres';
export {
  fuzzRuns,
  hostileValue,
  loopbackOnly,
  payloadPaths,
  replaceAt,
} from './fuzz';
export { invalidStoredEvents } from './storedEvents';
export { extendingModule } from './extendingModule';
export { mockDeliveryEventSink } from './mockSink';
export type { MockDeliveryEventSink } from './mockSink';
export {
  annotatedComponent,
  eventsModulesFromDist,
  sourceTestDatabases,
  startSourceTestBackend,
} from './sourceTestBackend';
export type {
  SourceTestBackend,
  SourceTestBackendOptions,
} from './sourceTestBackend';
export {
  eventually,
  scheduledTask,
  useSourceTestBackend,
} from './sourceTestSuite';
export type {
  FakeApiServer,
  SourceTestSuite,
  StoredEvent,
} from './sourceTestSuite';
export {
  forgedSecret,
  fuzzTimeout,
  mutatedPayload,
  statusTally,
} from './webhookFuzz';
export {
  eventsWebhookDevBackend,
  startDevBackend,
  webhookCurl,
  DEV_WEBHOOK_SECRET,
} from './devBackend';
export type {
  DevBackend,
  DevBackendFeature,
  DevBackendOptions,
  EventsWebhookDevBackendOptions,
} from './devBackend';
