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
import { migratedClient } from './database/migrate';
import { DatabaseRolloutMemory } from './database/RolloutMemory';
import { SOURCE_ID } from './mapping/ids';
import { ClaimIndex } from './matching/claimIndex';
import { pullInstances } from './pull/pull';
import { ARGOCD_TOPIC, createArgocdWebhookHandler } from './webhook/handler';
import {
  ARGO_ROLLOUTS_TOPIC,
  createRolloutsWebhookHandler,
} from './webhook/rolloutsHandler';

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
 * for what webhooks missed. The Argo Rollouts a sync rolls out give its phases,
 * read through the same instances and from Argo Rollouts' notifications webhook.
 *
 * @public
 */
export const deliveryModuleArgocd = createDeliverySourceModule({
  moduleId: 'argocd',
  setup({ events, catalog, scheduler, auth, config, logger, database }) {
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
      // What the module learnt of each Rollout revision (its own table).
      const memory = new DatabaseRolloutMemory(await migratedClient(database));
      // Argo CD's and Argo Rollouts' notification controllers wait for the
      // answer: no retries.
      const webhookClientFor = clients(instances, NO_RETRY, 5_000);
      await events.subscribe({
        id: 'delivery-argocd',
        topics: [ARGOCD_TOPIC],
        onEvent: createArgocdWebhookHandler({
          ...shared,
          sink,
          clientFor: webhookClientFor,
          rollouts: { memory },
        }),
      });
      await events.subscribe({
        id: 'delivery-argo-rollouts',
        topics: [ARGO_ROLLOUTS_TOPIC],
        onEvent: createRolloutsWebhookHandler({
          ...shared,
          sink,
          clientFor: webhookClientFor,
          memory,
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
            rollouts: { memory },
          });
        },
      });
    };
  },
});
