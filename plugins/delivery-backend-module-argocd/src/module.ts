import {
  createDeliverySourceModule,
  scheduleReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import {
  ArgocdClient,
  createArgocdClient,
  DEFAULT_RETRY,
  NO_RETRY,
  RetryPolicy,
} from './client/client';
import { createCommitLookup } from './client/commits';
import { ArgocdInstance, readArgocdSourceConfig } from './config';
import { SOURCE_ID } from './mapping/ids';
import { ClaimIndex } from './matching/claimIndex';
import { pullInstances } from './pull/pull';
import { ARGOCD_TOPIC, createArgocdWebhookHandler } from './webhook/handler';

/** Clients for the instances that have credentials, by instance name. */
function clients(
  instances: ArgocdInstance[],
  retry: RetryPolicy,
  timeoutMs: number,
): (instance: ArgocdInstance) => ArgocdClient | undefined {
  const byName = new Map(
    instances
      .filter(instance => instance.credentials)
      .map(instance => [
        instance.name,
        createArgocdClient({ instance, retry, timeoutMs }),
      ]),
  );
  return instance => byName.get(instance.name);
}

/**
 * Feeds Argo CD application syncs into the delivery plugin: pushed by Argo CD's
 * notifications webhook (received by the events backend through the package
 * events-backend-module-argocd), and pulled from each instance's API on a schedule
 * for what webhooks missed.
 *
 * @public
 */
export const deliveryModuleArgocd = createDeliverySourceModule({
  moduleId: 'argocd',
  setup({ events, catalog, scheduler, auth, config, logger }) {
    // Read at start so a bad entry stops the backend instead of every sync.
    const { instances, schedule, environments, defaultEnvironment } =
      readArgocdSourceConfig(config);
    if (instances.length === 0) {
      logger.warn(
        'No Argo CD instances in argocd.appLocatorMethods: nothing is pulled and webhook deliveries are refused',
      );
    }
    const index = new ClaimIndex({ catalog, auth, logger });
    const shared = {
      instances,
      claims: () => index.claims(),
      lookupCommit: createCommitLookup(),
      environments,
      defaultEnvironment,
      logger,
    };
    return async sink => {
      await events.subscribe({
        id: 'delivery-argocd',
        topics: [ARGOCD_TOPIC],
        onEvent: createArgocdWebhookHandler({
          ...shared,
          sink,
          // Argo CD's notifications controller waits for the answer: no retries.
          clientFor: clients(instances, NO_RETRY, 5_000),
        }),
      });
      if (instances.length === 0) return;
      // A pull can wait out a rate limit.
      const pullClientFor = clients(instances, DEFAULT_RETRY, 30_000);
      await scheduleReportedPull({
        scheduler,
        schedule,
        sink,
        source: SOURCE_ID,
        // Each instance is reported by the pull; a throw means the catalog
        // itself could not be read, and is reported for the whole source.
        pull: async () => {
          await pullInstances({
            ...shared,
            sink,
            clientFor: pullClientFor,
          });
        },
      });
    };
  },
});
