/*
 * The backend this package's end-to-end and fuzz tests run: the real delivery and
 * events backends with this package's module and the LaunchDarkly events module.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModuleLaunchDarklyWebhook from '@internal/backstage-plugin-events-backend-module-launchdarkly';
import { hmacSha256Hex } from '@internal/backstage-plugin-delivery-node';
import {
  sourceTestDatabases,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { JsonObject } from '@backstage/types';
import { deliveryModuleLaunchDarkly } from '../module';

export const databases = sourceTestDatabases();

/** Headers LaunchDarkly sends with a delivery; `secret: null` leaves it unsigned. */
export function launchDarklyHeaders(
  body: string,
  secret: string | null,
): Record<string, string> {
  return {
    'User-Agent': 'LaunchDarkly-Webhook/1.0',
    ...(secret !== null
      ? { 'X-LD-Signature': hmacSha256Hex(secret, body) }
      : {}),
  };
}

/** Starts the backend for one describe block with `launchdarkly` as config. */
export function useLaunchDarklyBackend(options: {
  databaseId: string;
  entities: Entity[];
  launchdarkly?: JsonObject;
}) {
  return useSourceTestBackend({
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    features: [
      eventsModuleLaunchDarklyWebhook,
      deliveryPlugin,
      deliveryModuleLaunchDarkly,
    ],
    entities: options.entities,
    config: options.launchdarkly
      ? { delivery: { launchdarkly: options.launchdarkly } }
      : {},
  });
}
