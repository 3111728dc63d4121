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
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ events, config, logger }) {
          const validator = options.createValidator({ config, logger });
          addStrictJsonTopics(events, [options.topic]);
          events.addHttpPostIngress({ topic: options.topic, validator });
        },
      });
    },
  });
}
