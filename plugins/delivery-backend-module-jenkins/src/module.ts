import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  deliverySourcesExtensionPoint,
  scheduleReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { createAnnotatedJobIndex } from './matching/annotations';
import { jenkinsDisabledReason, readJenkinsSourceConfig } from './config';
import { createJenkinsClient } from './client/client';
import { DEFAULT_RETRY } from './client/retry';
import { SOURCE_ID } from './mapping/build';
import { pullJenkins } from './pull/pull';

/**
 * Feeds the builds of Jenkins jobs that config marks as deployments into the
 * delivery plugin, from a scheduled pull of each Jenkins instance's remote access
 * API for the jobs catalog components are annotated with.
 *
 * @public
 */
export const deliveryModuleJenkins = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'jenkins',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: deliverySourcesExtensionPoint,
        catalog: catalogServiceRef,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sources, catalog, scheduler, auth, config, logger }) {
        // Read at start so a bad rule or instance stops the backend, not every pull.
        const { instances, schedule, lookback, ...settings } =
          readJenkinsSourceConfig(config);
        const disabled = jenkinsDisabledReason(instances);
        if (disabled) {
          logger.info(`Jenkins is not pulled: ${disabled}`);
        }
        if (settings.rules.length === 0) {
          logger.warn(
            'No delivery.jenkins.deployments rules: no Jenkins build is a deployment',
          );
        }
        const jobIndex = createAnnotatedJobIndex({ catalog, auth });
        sources.addSource({
          id: SOURCE_ID,
          connect: async sink => {
            if (disabled) {
              // Off until configured: the sources list says so; no page warns.
              await sink.reportSync({
                source: SOURCE_ID,
                via: 'pull',
                disabled,
              });
              return;
            }
            await scheduleReportedPull({
              scheduler,
              schedule,
              sink,
              source: SOURCE_ID,
              // pullJenkins reports each instance itself; only reading the
              // catalog rejects, and then no instance can be pulled.
              instancesOnFailure: instances.map(({ name }) => name),
              describeFailure: error => `catalog not readable: ${error}`,
              pull: async signal =>
                pullJenkins({
                  instances,
                  clientFor: instance =>
                    createJenkinsClient(instance, {
                      retry: DEFAULT_RETRY,
                      logger,
                    }),
                  jobs: await jobIndex.get(),
                  settings: {
                    ...settings,
                    since: DateTime.utc().minus(lookback),
                  },
                  sink,
                  logger,
                  signal,
                }),
            });
          },
        });
      },
    });
  },
});
