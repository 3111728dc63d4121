import {
  BackendFeature,
  coreServices,
  createBackendModule,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { RequestValidator } from '@backstage/plugin-events-node';
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
}

/**
 * The module id, and one topic or several.
 * @public
 */
export type WebhookIngressModuleOptions = { moduleId: string } & (
  | WebhookIngress
  /** Several topics served by one module (one tool's several webhooks). */
  | { ingresses: WebhookIngress[] }
);

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
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ events, config, logger }) {
          addStrictJsonTopics(
            events,
            ingresses.map(ingress => ingress.topic),
          );
          for (const ingress of ingresses) {
            events.addHttpPostIngress({
              topic: ingress.topic,
              validator: ingress.createValidator({ config, logger }),
            });
          }
        },
      });
    },
  });
}
