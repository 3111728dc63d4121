/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this package's modules, and the Alert API faked with msw.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModuleOpsgenieWebhook from '@internal/backstage-plugin-events-backend-module-opsgenie';
import {
  annotatedComponent,
  scheduledTask,
  SourceTestSuite,
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { setupServer } from 'msw/node';
import { deliveryModuleOpsgenie, PULL_TASK_ID } from '../module';
import { API_KEY, FakeOpsgenie, opsgenieHandlers } from './opsgenieApi';

export const CHECKOUT =
  '(tag:"service:checkout") AND (priority: P1 OR priority: P2)';
export const LEDGER = '(teams:"Payments") AND (priority: P1 OR priority: P2)';

export const checkout = annotatedComponent('checkout', {
  'opsgenie.com/component-selector': 'tag:"service:checkout"',
});
export const ledger = annotatedComponent('ledger', {
  'opsgenie.com/team': 'Payments',
});

export const databases = sourceTestDatabases();

/**
 * Starts the backend for one describe block: Opsgenie's webhook checked with
 * `token`, the pull on a scheduler mock reading `opsgenie`.
 */
export function useOpsgenieBackend(options: {
  databaseId: string;
  token: string;
  entities: Entity[];
}) {
  const opsgenie: FakeOpsgenie = { alerts: [], matches: {} };
  const scheduler = mockServices.scheduler.mock();
  const suite = useSourceTestBackend({
    api: setupServer(...opsgenieHandlers(opsgenie)),
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      eventsModuleOpsgenieWebhook,
      deliveryPlugin,
      deliveryModuleOpsgenie,
    ],
    entities: options.entities,
    scheduler: scheduler.factory,
    config: {
      delivery: {
        opsgenie: {
          apiKey: API_KEY,
          webUrl: 'https://acme.app.opsgenie.com',
          query: 'priority: P1 OR priority: P2',
          webhook: { token: options.token },
        },
      },
    },
  });
  // The suite's getters are read when a test runs, after the backend started.
  return Object.defineProperties(
    {
      opsgenie,
      scheduler,
      deliver: (body: string, headers: Record<string, string> = {}) =>
        suite.post('opsgenie', body, headers),
      pullTask: () => scheduledTask(scheduler, PULL_TASK_ID),
      pull: () =>
        scheduledTask(scheduler, PULL_TASK_ID).fn(new AbortController().signal),
    },
    Object.getOwnPropertyDescriptors(suite),
  ) as SourceTestSuite & {
    opsgenie: FakeOpsgenie;
    scheduler: typeof scheduler;
    deliver(body: string, headers?: Record<string, string>): Promise<Response>;
    pullTask(): ReturnType<typeof scheduledTask>;
    pull(): Promise<void>;
  };
}
