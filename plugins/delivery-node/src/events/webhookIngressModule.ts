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

/** @public */
export interface WebhookIngressModuleOptions {
  moduleId: string;
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
 * An events backend module serving one webhook topic, checked by its validator.
 * Malformed or empty JSON bodies get a 400 instead of the default parser's 500. The
 * ingress is registered even when the validator refuses everything, so the topic is
 * never served unchecked.
 *
 * @public
 */
export function createWebhookIngressModule(
  options: WebhookIngressModuleOptions,
): BackendFeature {
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
          const check = options.createValidator({ config, logger });
          const validator = options.acceptWith200
            ? acceptingWith200(check, publisher, options.topic)
            : check;
          addStrictJsonTopics(events, [options.topic]);
          events.addHttpPostIngress({ topic: options.topic, validator });
        },
      });
    },
  });
}
