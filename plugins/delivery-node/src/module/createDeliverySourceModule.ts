import {
  AuthService,
  coreServices,
  createBackendModule,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { DeliverySource, deliverySourcesExtensionPoint } from '../sources';

/** The services a webhook-and-pull source module is built from. */
export interface DeliverySourceServices {
  events: EventsService;
  catalog: CatalogService;
  scheduler: SchedulerService;
  auth: AuthService;
  config: RootConfigService;
  logger: LoggerService;
  /**
   * The delivery plugin's database, for a source that keeps state of its own (in
   * tables of its own, migrated with a migrations table of its own).
   */
  database: DatabaseService;
}

/** What {@link createDeliverySourceModule} needs from one source. */
export interface DeliverySourceModuleOptions {
  /** The backend module id, also the source id (`github`, `pagerduty`, …). */
  moduleId: string;
  /**
   * Runs once at start: read config here, so a bad value stops the backend. Answers
   * how the source connects to the sink, or nothing when the source is off.
   */
  setup(
    services: DeliverySourceServices,
  ): DeliverySource['connect'] | undefined;
}

/**
 * A `pluginId: 'delivery'` module for a source that gets webhooks through the
 * events backend and pulls on the scheduler: the dependency and registration block
 * every such source module shared.
 */
export function createDeliverySourceModule(
  options: DeliverySourceModuleOptions,
) {
  return createBackendModule({
    pluginId: 'delivery',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          sources: deliverySourcesExtensionPoint,
          events: eventsServiceRef,
          catalog: catalogServiceRef,
          scheduler: coreServices.scheduler,
          auth: coreServices.auth,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
        },
        async init({ sources, ...services }) {
          const connect = options.setup(services);
          if (connect) sources.addSource({ id: options.moduleId, connect });
        },
      });
    },
  });
}
