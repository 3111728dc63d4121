import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { deliveryPermissions } from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryEventSink,
  DeliverySource,
  deliverySourcesExtensionPoint,
} from '@internal/backstage-plugin-delivery-node';
import { registerDeliveryActions } from './actions';
import { readDeliveryConfig } from './config';
import { DeliveryStore } from './database/DeliveryStore';
import { SourceStatusStore } from './database/sourceStatus';
import { scheduleDemoData } from './demo/loadDemoData';
import { startDeliveryOwnerNotifications } from './notify/startDeliveryOwnerNotifications';
import { ingestEvents } from './service/ingest';
import { DeliveryService } from './service/DeliveryService';
import { sourceFreshness } from './service/sourceFreshness';
import { createRouter } from './service/router';
import { CatalogHealthService } from './service/catalogHealth';
import { ChangesService } from './service/changes';
import { ComponentFactsService } from './service/componentFacts';
import { ComponentFactsReads } from './database/componentFactsReads';
import { ScorecardsService } from './service/scorecards';
import { ProgressiveReads } from './database/progressiveReads';
import { ProgressiveService } from './service/progressive';
import { SloBurnReader } from './service/sloBurnReader';
import { TimelineService } from './service/timeline';

/**
 * The delivery backend: event store, ingestion API, DORA API, and the home of the
 * source modules that register through `deliverySourcesExtensionPoint`.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: 'delivery',
  register(env) {
    const sources: DeliverySource[] = [];
    env.registerExtensionPoint(deliverySourcesExtensionPoint, {
      addSource: source => sources.push(source),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readDeliveryConfig(deps.config);
        const store = await DeliveryStore.create(deps.database, {
          productionEnvironments: config.dora.productionEnvironments,
          duplicateRolloutWindowMinutes:
            config.dora.duplicateRolloutWindowMinutes,
        });
        const service = new DeliveryService({
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          dora: config.dora,
        });
        deps.permissionsRegistry.addPermissions(deliveryPermissions);
        registerDeliveryActions(deps.actionsRegistry, service);
        // Created after the store, whose create() runs the migrations.
        const sourceStatus = new SourceStatusStore(
          await deps.database.getClient(),
        );
        const freshness = async () =>
          sourceFreshness(await sourceStatus.list(), {
            now: Date.now(),
            staleAfterMs: config.sources.staleAfterMs,
            disabled: sourceStatus.disabledSources(),
          });
        const timeline = new TimelineService({
          store,
          service,
          catalog: deps.catalog,
          productionEnvironments: config.dora.productionEnvironments,
        });
        const scorecards = new ScorecardsService({
          store,
          catalog: deps.catalog,
          service,
          dora: config.dora,
        });
        deps.httpRouter.use(
          await createRouter({
            store,
            service,
            httpAuth: deps.httpAuth,
            ingestion: config.ingestion,
            timeline,
            scorecards,
            changes: new ChangesService({
              store,
              catalog: deps.catalog,
              service,
            }),
            catalogHealth: new CatalogHealthService({
              store,
              catalog: deps.catalog,
              service,
              scorecards,
            }),
            sources: { freshness },
            componentFacts: new ComponentFactsService({
              reads: new ComponentFactsReads(
                await deps.database.getClient(),
                config.dora.productionEnvironments,
              ),
              catalog: deps.catalog,
              service,
              scorecards,
            }),
            progressive: new ProgressiveService({
              reads: new ProgressiveReads(
                await deps.database.getClient(),
                config.dora.productionEnvironments,
              ),
              catalog: deps.catalog,
              service,
              slo: new SloBurnReader({
                discovery: deps.discovery,
                auth: deps.auth,
                timeoutMs: config.deploymentHealth.sloTimeoutMs,
              }),
              health: config.deploymentHealth,
            }),
          }),
        );
        const sink: DeliveryEventSink = {
          ingest: events => ingestEvents(store, events),
          reportUnmatched: event => store.reportUnmatched(event),
          reportSync: report => sourceStatus.record(report),
        };
        await startDeliveryOwnerNotifications({
          ...deps,
          freshness,
          staleForMs: config.sources.notifyAfterMs,
        });
        for (const source of sources) {
          deps.logger.info(`Connecting delivery source ${source.id}`);
          await source.connect(sink);
        }
        if (config.demo) {
          await scheduleDemoData({
            file: config.demo.file,
            sink,
            scheduler: deps.scheduler,
            logger: deps.logger,
          });
        }
      },
    });
  },
});
