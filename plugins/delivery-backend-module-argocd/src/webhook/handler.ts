import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';
import { ArgocdClient } from '../client/client';
import { applicationSchema } from '../client/types';
import { ArgocdInstance } from '../config';
import { operationSyncOf } from '../mapping/application';
import { RolloutMemory } from '../database/RolloutMemory';
import { deliverApplication, DeliverOptions } from '../mapping/deliver';
import { SOURCE_ID } from '../mapping/ids';
import { trackApplicationRollouts } from '../pull/rollouts';
import { ArgocdClaim } from '../matching/claims';

// Shared with the events module serving the topic, in its own package.
export { ARGOCD_TOPIC } from '@internal/backstage-plugin-delivery-node';

/**
 * The body the recommended notification template sends: the instance name as
 * configured in Backstage, and the parts of the Application a deployment is built
 * from, in the API's own shape, so the pull's mapping serves deliveries too.
 */
export const webhookPayloadSchema = z.object({
  instance: z.string().min(1),
  application: applicationSchema,
});

export interface WebhookHandlerOptions
  extends Omit<DeliverOptions, 'claims' | 'syncs' | 'rolloutFacts'> {
  /**
   * Where Argo Rollouts revisions are kept: with it, a sync that succeeded reads the
   * application's Rollouts (when the body lists some and the instance has
   * credentials), so the rollout it started is told from the sync's end.
   */
  rollouts?: { memory: RolloutMemory; now?: () => string };
  instances: ArgocdInstance[];
  /** A client without retries (the notifications controller waits for the answer), or none. */
  clientFor: (instance: ArgocdInstance) => ArgocdClient | undefined;
  claims: () => Promise<ArgocdClaim[]>;
  sink: DeliveryEventSink;
  logger: LoggerService;
}

const describeIssues = (error: z.ZodError) =>
  error.issues
    .map(
      issue =>
        `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    )
    .join('; ');

/**
 * Stores the sync an Argo CD notification describes. Every delivery is reported
 * with `reportSync` (`via: 'webhook'`): a success clears an earlier failure.
 */
export function createArgocdWebhookHandler(options: WebhookHandlerOptions) {
  const { instances, clientFor, sink, logger } = options;

  // A body can name any instance: only configured ones get a status row, and the
  // message, which quotes the body, must be storable (no NUL, no lone surrogate).
  const fail = async (message: string, named?: string) => {
    const error = message
      .replaceAll('\u0000', '\\0')
      .replace(/[\ud800-\udfff]/gu, '\ufffd'); // lone surrogates only, with `u`
    const instance = instances.find(i => i.name === named)?.name;
    logger.warn(`Argo CD webhook delivery not stored: ${error}`);
    await sink.reportSync({
      source: SOURCE_ID,
      via: 'webhook',
      ...(instance ? { instance } : {}),
      error,
    });
  };

  return async ({ eventPayload }: EventParams) => {
    const parsed = webhookPayloadSchema.safeParse(eventPayload);
    if (!parsed.success) {
      // Reported under the instance the body names, if it names one, so that
      // instance's next good delivery clears it.
      const named = (eventPayload as { instance?: unknown } | null)?.instance;
      await fail(
        `invalid delivery body (see the module's README for the template): ${describeIssues(
          parsed.error,
        )}`.slice(0, 1000),
        typeof named === 'string' && named ? named : undefined,
      );
      return;
    }
    const { application } = parsed.data;
    const instance = instances.find(i => i.name === parsed.data.instance);
    if (!instance) {
      await fail(
        `the delivery names instance ${JSON.stringify(
          parsed.data.instance.slice(0, 100),
        )}, which argocd.appLocatorMethods does not list`,
        parsed.data.instance,
      );
      return;
    }
    const what = `${application.metadata.namespace}/${application.metadata.name}`;
    try {
      const client = clientFor(instance);
      const memory = options.rollouts?.memory;
      const problems: string[] = [];
      let superseded: string[] = [];
      if (
        memory &&
        client &&
        application.status?.operationState?.phase === 'Succeeded'
      ) {
        const tracked = await trackApplicationRollouts(client, application, {
          ...options,
          instance,
          memory,
          now: options.rollouts?.now,
        });
        problems.push(...tracked.problems);
        superseded = tracked.superseded;
      }
      const operation = operationSyncOf(application, {
        instance,
        environments: options.environments,
        defaultEnvironment: options.defaultEnvironment,
      });
      const result = await deliverApplication(application, instance, client, {
        ...options,
        claims: await options.claims(),
        syncs: {
          ids: [...(operation ? [operation.id] : []), ...superseded],
        },
        ...(memory ? { rolloutFacts: ids => memory.factsOf(ids) } : {}),
      });
      result.problems.unshift(...problems);
      if (result.problems.length > 0) {
        await fail(
          `${what}: ${result.problems.join('; ')}`.slice(0, 1000),
          instance.name,
        );
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
