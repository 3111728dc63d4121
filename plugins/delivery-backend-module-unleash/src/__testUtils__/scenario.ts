/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this package's module and the Unleash events module.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModuleUnleashWebhook from '@internal/backstage-plugin-events-backend-module-unleash';
import {
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryModuleUnleash } from '../module';

export const databases = sourceTestDatabases();

/** Headers Unleash's Webhook integration sends; none for `authorization: null`. */
export function unleashHeaders(
  authorization: string | null,
): Record<string, string> {
  return {
    'User-Agent': 'unleash-server',
    ...(authorization !== null ? { Authorization: authorization } : {}),
  };
}

/** Starts the backend for one describe block with `unleash` as config. */
export function useUnleashBackend(options: {
  databaseId: string;
  entities: Entity[];
  unleash?: JsonObject;
}) {
  return useSourceTestBackend({
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      eventsModuleUnleashWebhook,
      deliveryPlugin,
      deliveryModuleUnleash,
    ],
    entities: options.entities,
    config: options.unleash ? { delivery: { unleash: options.unleash } } : {},
  });
}
