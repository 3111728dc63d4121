import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import {
  argoRolloutsNotificationSchema,
  DeliveryEventSink,
} from '@internal/backstage-plugin-delivery-node';
import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { ArgocdClient } from '../client/client';
import { ArgocdInstance } from '../config';
import { RolloutMemory } from '../database/RolloutMemory';
import { syncsOf } from '../mapping/application';
import { deliverApplication, DeliverOptions } from '../mapping/deliver';
import { applicationKey, SOURCE_ID } from '../mapping/ids';
import { applicationOf } from '../mapping/rollout/attribution';
import { observeRollout } from '../mapping/rollout/observation';
import { rememberObservation } from '../mapping/rollout/remember';
import { rolloutsOf } from '../pull/rollouts';
import { ArgocdClaim } from '../matching/claims';

export { ARGO_ROLLOUTS_TOPIC } from '@internal/backstage-plugin-delivery-node';

export interface RolloutsWebhookHandlerOptions
  extends Omit<DeliverOptions, 'claims' | 'syncs' | 'rolloutFacts'> {
  instances: ArgocdInstance[];
  /** A client without retries (the notifications controller waits for the answer), or none. */
  clientFor: (instance: ArgocdInstance) => ArgocdClient | undefined;
  claims: () => Promise<ArgocdClaim[]>;
  memory: RolloutMemory;
  sink: DeliveryEventSink;
  logger: LoggerService;
}

/** Longest message kept of a failed delivery. */
const MAX_ERROR = 1000;

/**
 * Adds what an Argo Rollouts notification tells to the sync that started the
 * rollout, and stores that sync again with its phases: the Rollout names its Argo CD
 * application (tracking annotation or instance label); the application, read from
 * the instance's API, gives the sync (and commits, component, environment as for a
 * sync notification). Needs the instance's API credentials. Every delivery is
 * reported with `reportSync` under the instance (`via: 'webhook'`).
 */
export function createRolloutsWebhookHandler(
  options: RolloutsWebhookHandlerOptions,
) {
  const { instances, clientFor, memory, sink, logger } = options;

  const fail = async (message: string, named?: string) => {
    const error = message
      .replaceAll('\u0000', '\\0')
      .replace(/[\ud800-\udfff]/gu, '\ufffd')
      .slice(0, MAX_ERROR);
    const instance = instances.find(i => i.name === named)?.name;
    logger.warn(`Argo Rollouts webhook delivery not stored: ${error}`);
    await sink.reportSync({
      source: SOURCE_ID,
      via: 'webhook',
      ...(instance ? { instance } : {}),
      error,
    });
  };

  return async ({ eventPayload }: EventParams) => {
    // The events module refused bodies that do not fit; this parse types the rest.
    const parsed = argoRolloutsNotificationSchema.safeParse(eventPayload);
    if (!parsed.success) {
      const named = (eventPayload as { instance?: unknown } | null)?.instance;
      await fail(
        `invalid Argo Rollouts notification: ${formatZodError(parsed.error)}`,
        typeof named === 'string' ? named : undefined,
      );
      return;
    }
    const notification = parsed.data;
    const { rollout } = notification;
    const what = `Rollout ${rollout.metadata.namespace}/${rollout.metadata.name} (${notification.trigger})`;
    const instance = instances.find(i => i.name === notification.instance);
    if (!instance) {
      await fail(
        `${what}: the delivery names instance ${JSON.stringify(
          notification.instance.slice(0, 100),
        )}, which argocd.appLocatorMethods does not list`,
      );
      return;
    }
    const client = clientFor(instance);
    if (!client) {
      await fail(
        `${what}: instance ${instance.name} has no API credentials, which Argo Rollouts notifications need (to find the sync that started the rollout)`,
        instance.name,
      );
      return;
    }
    const ref = applicationOf(rollout.metadata);
    if (!ref) {
      await fail(
        `${what}: no argocd.argoproj.io/tracking-id annotation or app.kubernetes.io/instance label names its Argo CD application`,
        instance.name,
      );
      return;
    }
    try {
      const app = await client.getApplication(ref.name, ref.namespace);
      const appName = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
      if (!app) {
        await fail(
          `${what}: instance ${instance.name} has no application ${appName} (or the token may not read it)`,
          instance.name,
        );
        return;
      }
      const manages = rolloutsOf(app).some(
        r =>
          r.namespace === rollout.metadata.namespace &&
          r.name === rollout.metadata.name,
      );
      if (!manages) {
        await fail(
          `${what}: application ${appName} of instance ${instance.name} does not manage it`,
          instance.name,
        );
        return;
      }
      const observation = observeRollout(rollout, {
        at: notification.at,
        trigger: notification.trigger,
        analysisRuns: notification.analysisRuns,
      });
      if (!observation) {
        // No revision yet, or a strategy without phases: nothing to tell.
        await sink.reportSync({
          source: SOURCE_ID,
          via: 'webhook',
          instance: instance.name,
        });
        return;
      }
      const application = applicationKey(
        instance.name,
        app.metadata.namespace,
        app.metadata.name,
      );
      const syncs = syncsOf(app, {
        instance,
        environments: options.environments,
        defaultEnvironment: options.defaultEnvironment,
      });
      const { deploymentId: id, superseded } = await rememberObservation(
        memory,
        { application, syncs, observation },
      );
      if (!id) {
        await fail(
          `${what}: no sync of application ${appName} started before revision ${observation.revision} did`,
          instance.name,
        );
        return;
      }
      const result = await deliverApplication(app, instance, client, {
        ...options,
        claims: await options.claims(),
        // The replaced revision's sync ends too.
        syncs: { ids: [id, ...superseded] },
        rolloutFacts: ids => memory.factsOf(ids),
      });
      if (result.problems.length > 0) {
        await fail(`${what}: ${result.problems.join('; ')}`, instance.name);
        return;
      }
      await sink.reportSync({
        source: SOURCE_ID,
        via: 'webhook',
        instance: instance.name,
      });
    } catch (error) {
      await fail(`${what}: ${(error as Error).message}`, instance.name);
    }
  };
}
