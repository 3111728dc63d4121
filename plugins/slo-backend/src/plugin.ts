import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { sloPermissions } from '@internal/backstage-plugin-slo-common';
import {
  SloMetricSource,
  sloMetricSourcesExtensionPoint,
} from '@internal/backstage-plugin-slo-node';
import { DeliveryDeployments } from './actions/DeliveryDeployments';
import { registerSloActions } from './actions/sloActions';
import { readSloConfig } from './config';
import { LastGoodStore } from './database/LastGoodStore';
import { DefinitionLoader } from './definitions/definitionLoader';
import { startSloOwnerNotifications } from './notify/startSloOwnerNotifications';
import { createRouter } from './service/router';
import { SloService } from './service/SloService';

/** How long `slo:why-frozen` waits for the delivery backend's deployments. */
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * The SLO backend: objectives from catalog annotations (OpenSLO, Pyrra, Sloth),
 * counts from the metric sources that register through
 * `sloMetricSourcesExtensionPoint`, figures from slo-common's evaluator;
 * agents ask through the actions registry (`slo:status`, `slo:why-frozen`).
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const sources: SloMetricSource[] = [];
    env.registerExtensionPoint(sloMetricSourcesExtensionPoint, {
      addMetricSource(source) {
        if (sources.some(s => s.id === source.id)) {
          throw new Error(`SLO metric source ${source.id} is registered twice`);
        }
        sources.push(source);
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const config = readSloConfig(deps.config);
        deps.permissionsRegistry.addPermissions(sloPermissions);
        const service = new SloService({
          catalog: deps.catalog,
          permissions: deps.permissions,
          definitions: new DefinitionLoader({
            urlReader: deps.urlReader,
            integrations: ScmIntegrations.fromConfig(deps.config),
          }),
          sources,
          store: await LastGoodStore.create(deps.database),
          cache: deps.cache,
          logger: deps.logger,
          config,
        });
        if (sources.length === 0) {
          deps.logger.info(
            'No SLO metric source registered: objectives answer "no source configured"',
          );
        }
        registerSloActions(deps.actionsRegistry, {
          service,
          deployments: new DeliveryDeployments({
            discovery: deps.discovery,
            auth: deps.auth,
            timeoutMs: DELIVERY_TIMEOUT_MS,
          }),
          productionEnvironments:
            config.errorBudgetPolicy.productionEnvironments,
        });
        deps.httpRouter.use(
          await createRouter({ service, httpAuth: deps.httpAuth }),
        );
        await startSloOwnerNotifications({ ...deps, service });
      },
    });
  },
});
