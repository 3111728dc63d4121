import {
  createDeliverySourceModule,
  DEFAULT_RATE_LIMIT_RETRY,
  scheduleReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import { createPagerDutyApi } from './client/client';
import { serviceWithIntegrationKey } from './client/services';
import { readPagerDutySourceConfig } from './config';
import {
  createPagerDutyEventHandler,
  PAGERDUTY_TOPIC,
} from './webhook/handler';
import { deploymentIdOf } from './mapping/deploymentReference';
import { SOURCE_ID } from './mapping/common';
import { ServiceIndex } from './matching/services';
import { pullIncidents } from './pull/pull';
import { createIncidentStore } from './pull/store';

/**
 * PagerDuty waits 5 seconds for a webhook answer, which waits for processing: on
 * that path pdjs's own 429 retries pause 1 second, and nothing waits longer.
 */
const WEBHOOK_PDJS_RETRY_PAUSE_MS = 1_000;

/**
 * Feeds PagerDuty incidents into the delivery plugin: as webhooks v3 deliveries
 * (signature-checked by this package's events module) and from a scheduled pull
 * of the REST API that fills in what webhooks missed.
 *
 * @public
 */
export const deliveryModulePagerDuty = createDeliverySourceModule({
  moduleId: 'pagerduty',
  setup({ events, catalog, scheduler, auth, config, logger }) {
    // Read at start so a bad value stops the backend instead of every pull.
    const {
      api: apiConfig,
      schedule,
      lookback,
    } = readPagerDutySourceConfig(config);
    const pullApi =
      apiConfig &&
      createPagerDutyApi({
        ...apiConfig,
        logger,
        retry: DEFAULT_RATE_LIMIT_RETRY,
      });
    const webhookApi =
      apiConfig &&
      createPagerDutyApi({
        ...apiConfig,
        logger,
        pdjsRetryPauseMs: WEBHOOK_PDJS_RETRY_PAUSE_MS,
      });
    const index = new ServiceIndex({
      catalog,
      auth,
      logger,
      resolveIntegrationKey:
        pullApi &&
        (async key =>
          serviceWithIntegrationKey(await pullApi.searchServices(key), key)),
    });
    const deploymentOf = (api: typeof pullApi) => async (incidentId: string) =>
      api &&
      deploymentIdOf({
        notes: await api.listNotes(incidentId),
        alerts: await api.listAlerts(incidentId),
      });

    return async sink => {
      const storeFor = (api: typeof pullApi) =>
        createIncidentStore({
          sink,
          componentsOf: serviceId => index.componentsOf(serviceId),
          deploymentOf: api && deploymentOf(api),
          logger,
        });
      await events.subscribe({
        id: 'delivery-pagerduty',
        topics: [PAGERDUTY_TOPIC],
        onEvent: createPagerDutyEventHandler({
          sink,
          store: storeFor(webhookApi),
          api: webhookApi,
          logger,
        }),
      });
      if (!pullApi) {
        logger.warn(
          'No delivery.pagerduty.apiToken: PagerDuty is not pulled, and webhooks are read without deployment references',
        );
        return;
      }
      const store = storeFor(pullApi);
      await scheduleReportedPull({
        scheduler,
        schedule,
        sink,
        source: SOURCE_ID,
        pull: () =>
          pullIncidents({
            api: pullApi,
            serviceIds: () => index.serviceIds(),
            store,
            lookback,
            logger,
          }),
      });
    };
  },
});
