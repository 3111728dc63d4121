import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  MaturityFactProvider,
  maturityFactProvidersExtensionPoint,
} from '@internal/backstage-plugin-maturity-node';
import { registerMaturityActions } from './actions';
import { Collector } from './collect/Collector';
import { readMaturityConfig } from './config';
import { MaturityStore } from './database/MaturityStore';
import { startInitiativeNotifications } from './notify/startInitiativeNotifications';
import { MaturityService } from './service/MaturityService';
import { createRouter } from './service/router';

/**
 * The maturity backend: facts collected on the scheduler from the catalog and the
 * providers registered through `maturityFactProvidersExtensionPoint`, levels from the
 * rubric (`maturity.rubric`), weekly history, initiatives and their notifications.
 *
 * @public
 */
export const maturityPlugin = createBackendPlugin({
  pluginId: 'maturity',
  register(env) {
    const providers: MaturityFactProvider[] = [];
    env.registerExtensionPoint(maturityFactProvidersExtensionPoint, {
      addProvider(provider) {
        if (providers.some(p => p.domain === provider.domain)) {
          throw new Error(
            `Two maturity fact providers of ${provider.domain} are registered`,
          );
        }
        providers.push(provider);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readMaturityConfig(deps.config);
        const store = await MaturityStore.create(deps.database);
        const service = new MaturityService({
          store,
          cache: deps.cache,
          catalog: deps.catalog,
          rubric: config.rubric,
          initiatives: config.initiatives,
          maxFactAgeMs: config.collection.maxFactAgeMs,
          providedDomains: providers.map(p => p.domain),
        });
        const collector = new Collector({
          ...deps,
          store,
          service,
          providers,
          rubric: config.rubric,
          initiatives: config.initiatives,
          batchSize: config.collection.batchSize,
        });
        await deps.scheduler.scheduleTask({
          id: 'maturity-collect',
          scope: 'global',
          frequency: config.collection.frequency,
          initialDelay: config.collection.initialDelay,
          timeout: { minutes: 15 },
          fn: async () => {
            await collector.run();
          },
        });
        registerMaturityActions(deps.actionsRegistry, service);
        deps.httpRouter.use(
          await createRouter({ service, httpAuth: deps.httpAuth }),
        );
        await startInitiativeNotifications({ ...deps, service });
      },
    });
  },
});
