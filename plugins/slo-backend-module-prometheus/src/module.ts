import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { sloMetricSourcesExtensionPoint } from '@internal/backstage-plugin-slo-node';
import { PrometheusClient } from './client/PrometheusClient';
import { readPrometheusInstances } from './config';
import { PrometheusMetricSource } from './PrometheusMetricSource';

/**
 * Registers one SLO metric source per `slo.prometheus.instances` entry, with id
 * `prometheus:<name>`. Without instances it registers nothing and the SLO panels say
 * that no source is configured.
 *
 * @public
 */
export const sloModulePrometheus = createBackendModule({
  pluginId: 'slo',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: sloMetricSourcesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sources, config, logger }) {
        const instances = readPrometheusInstances(config);
        if (instances.length === 0) {
          logger.info(
            'No Prometheus instance configured (slo.prometheus.instances); SLOs have no metric source',
          );
        }
        for (const instance of instances) {
          const client = new PrometheusClient({
            name: instance.name,
            baseUrl: instance.baseUrl,
            headers: instance.headers,
            queryTimeoutMs: instance.queryTimeoutMs,
            partialResponse: instance.partialResponse,
            maxConcurrentQueries: instance.maxConcurrentQueries,
          });
          sources.addMetricSource(
            new PrometheusMetricSource({
              client,
              id: `prometheus:${instance.name}`,
              url: instance.uiUrl ?? instance.baseUrl,
            }),
          );
          logger.info(
            `SLO metric source prometheus:${instance.name} at ${instance.baseUrl}`,
          );
        }
      },
    });
  },
});
