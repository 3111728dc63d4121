import {
  createDeliverySourceModule,
  DEFAULT_RATE_LIMIT_RETRY,
  runReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import { createOpsgenieApi } from './client/client';
import { readOpsgenieSourceConfig } from './config';
import { createOpsgenieEventHandler, OPSGENIE_TOPIC } from './webhook/handler';
import { SOURCE_ID } from './mapping/alert';
import { SelectorIndex } from './matching/selectors';
import { AnnouncedAlert, OpsgeniePull } from './pull/pull';

export const PULL_TASK_ID = 'delivery-opsgenie-pull';

/**
 * Feeds Opsgenie alerts into the delivery plugin as incidents: a scheduled,
 * incremental pull of the Alert API per component, which webhook deliveries
 * (checked by this package's events module) start early.
 *
 * @public
 */
export const deliveryModuleOpsgenie = createDeliverySourceModule({
  moduleId: 'opsgenie',
  setup({ events, catalog, scheduler, auth, config, logger }) {
    // Read at start so a bad value stops the backend instead of every pull.
    const {
      api: apiConfig,
      webUrl,
      query,
      schedule,
      lookback,
    } = readOpsgenieSourceConfig(config);
    if (!apiConfig) {
      logger.warn('No delivery.opsgenie.apiKey: the Opsgenie source is off');
      return undefined;
    }
    const api = createOpsgenieApi({
      ...apiConfig,
      logger,
      retry: DEFAULT_RATE_LIMIT_RETRY,
    });
    const index = new SelectorIndex({ catalog, auth, extraQuery: query });

    return async sink => {
      const pull = new OpsgeniePull({
        api,
        selectors: () => index.selectors(),
        sink,
        lookback,
        webUrl,
        logger,
      });
      // Alerts webhooks named since the last pull, and whether one came
      // in while a pull ran (which then runs again).
      let announced: AnnouncedAlert[] = [];
      let rerun = false;

      const pullUntilQuiet = async () => {
        do {
          rerun = false;
          const alerts = announced;
          announced = [];
          await runReportedPull({
            sink,
            source: SOURCE_ID,
            pull: () => pull.run(alerts),
          });
        } while (rerun);
      };

      await scheduler.scheduleTask({
        id: PULL_TASK_ID,
        ...schedule,
        fn: pullUntilQuiet,
      });
      await events.subscribe({
        id: 'delivery-opsgenie',
        topics: [OPSGENIE_TOPIC],
        onEvent: createOpsgenieEventHandler({
          sink,
          logger,
          refresh: async alert => {
            announced.push(alert);
            rerun = true;
            try {
              await scheduler.triggerTask(PULL_TASK_ID);
            } catch (error) {
              // Already running: it runs again when done (`rerun`).
              if ((error as Error).name !== 'ConflictError') throw error;
            }
          },
        }),
      });
    };
  },
});
