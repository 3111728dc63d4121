import {
  BackendFeature,
  coreServices,
  createBackendModule,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  EventsService,
  eventsServiceRef,
  RequestRejectionDetails,
  RequestValidator,
} from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { addStrictJsonTopics } from './strictJsonTopics';

/**
 * One webhook topic an events module serves, and how it checks deliveries.
 * @public
 */
export interface WebhookIngress {
  /** Served at `POST /api/events/http/<topic>` and published on this topic. */
  topic: string;
  /** Reads the module's config; warns when it leaves every delivery refused. */
  createValidator(options: {
    config: RootConfigService;
    logger: LoggerService;
  }): RequestValidator;
  /**
   * For senders that count any answer but `200` as a failure (Flagsmith emails
   * the organisation about each): a delivery the validator lets through is
   * published by the module and answered `200 {"status":"accepted"}` instead of
   * the events backend's `202`.
   */
  acceptWith200?: boolean;
}

/**
 * The module id, and one topic or several (one tool's several webhooks).
 * @public
 */
export type WebhookIngressModuleOptions = { moduleId: string } & (
  | WebhookIngress
  | { ingresses: WebhookIngress[] }
);

/**
 * Publishes what `validator` lets through itself and answers 200, where the events
 * backend would publish it and answer 202: a validator's rejection is the only
 * other answer an ingress can give.
 */
export function acceptingWith200(
  validator: RequestValidator,
  events: EventsService,
  topic: string,
): RequestValidator {
  return async (request, context) => {
    let rejection: RequestRejectionDetails | undefined;
    await validator(request, {
      reject: details => {
        rejection = { status: 403, payload: {}, ...details };
      },
    });
    if (rejection) {
      context.reject(rejection);
      return;
    }
    await events.publish({
      topic,
      eventPayload: request.body,
      metadata: request.headers,
    });
    context.reject({ status: 200, payload: { status: 'accepted' } });
  };
}

/**
 * An events backend module serving webhook topics, each checked by its validator.
 * Malformed or empty JSON bodies get a 400 instead of the default parser's 500. The
 * ingress is registered even when the validator refuses everything, so a topic is
 * never served unchecked.
 *
 * @public
 */
export function createWebhookIngressModule(
  options: WebhookIngressModuleOptions,
): BackendFeature {
  const ingresses = 'ingresses' in options ? options.ingresses : [options];
  return createBackendModule({
    pluginId: 'events',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          events: eventsExtensionPoint,
          publisher: eventsServiceRef,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ events, publisher, config, logger }) {
          addStrictJsonTopics(
            events,
            ingresses.map(ingress => ingress.topic),
          );
          for (const ingress of ingresses) {
            const check = ingress.createValidator({ config, logger });
            events.addHttpPostIngress({
              topic: ingress.topic,
              validator: ingress.acceptWith200
                ? acceptingWith200(check, publisher, ingress.topic)
                : check,
            });
          }
        },
      });
    },
  });
}
