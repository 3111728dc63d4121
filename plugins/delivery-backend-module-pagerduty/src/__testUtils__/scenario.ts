/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this package's modules, and the REST API faked with msw.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModulePagerDutyWebhook from '@internal/backstage-plugin-events-backend-module-pagerduty';
import {
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { deliveryModulePagerDuty } from '../module';
import { API_TOKEN, FakePagerDuty, pagerDutyHandlers } from './pagerdutyApi';

export const databases = sourceTestDatabases();

/** Headers PagerDuty sends with every webhook delivery. */
export const pagerDutyHeaders = (signature?: string) => ({
  'User-Agent': 'PagerDuty-Webhook/V3.0',
  'X-Webhook-Id': randomUUID(),
  ...(signature !== undefined ? { 'X-PagerDuty-Signature': signature } : {}),
});

/**
 * Starts the backend for one describe block: the webhook checked as `webhook`
 * configures, the REST API serving `pagerDuty`, the pull on `scheduler`.
 */
export function usePagerDutyBackend(options: {
  databaseId: string;
  entities: Entity[];
  pagerDuty: FakePagerDuty;
  webhook: { secrets: string[]; maxAge?: { minutes: number } };
  scheduler?: ReturnType<typeof mockServices.scheduler.mock>;
}) {
  return useSourceTestBackend({
    api: setupServer(...pagerDutyHandlers(options.pagerDuty)),
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      eventsModulePagerDutyWebhook,
      deliveryPlugin,
      deliveryModulePagerDuty,
    ],
    entities: options.entities,
    scheduler: (options.scheduler ?? mockServices.scheduler.mock()).factory,
    config: {
      delivery: {
        pagerduty: { apiToken: API_TOKEN, webhook: options.webhook },
      },
    },
  });
}
