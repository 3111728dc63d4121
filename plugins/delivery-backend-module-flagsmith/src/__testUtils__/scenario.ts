/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this package's module and the Flagsmith events module.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModuleFlagsmithWebhook from '@internal/backstage-plugin-events-backend-module-flagsmith';
import { hmacSha256Hex } from '@internal/backstage-plugin-delivery-node';
import {
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryModuleFlagsmith } from '../module';

export const databases = sourceTestDatabases();

/** Headers Flagsmith sends with a delivery; unsigned for `secret: null`. */
export function flagsmithHeaders(
  body: string,
  secret: string | null,
): Record<string, string> {
  return secret === null
    ? {}
    : { 'X-Flagsmith-Signature': hmacSha256Hex(secret, body) };
}

/** Starts the backend for one describe block with `flagsmith` as config. */
export function useFlagsmithBackend(options: {
  databaseId: string;
  entities: Entity[];
  flagsmith?: JsonObject;
}) {
  return useSourceTestBackend({
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      eventsModuleFlagsmithWebhook,
      deliveryPlugin,
      deliveryModuleFlagsmith,
    ],
    entities: options.entities,
    config: options.flagsmith
      ? { delivery: { flagsmith: options.flagsmith } }
      : {},
  });
}
