import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import { startOwnerNotifications } from '@internal/owner-notify';
import { DeliveryOwnerNotifications } from './DeliveryOwnerNotifications';
import { feedingComponents } from './feedingComponents';
import { DELIVERY_FAMILY } from './staleSourceEpisodes';

/** Schedules the stale-source owner notifications (`delivery.notifications`). */
export async function startDeliveryOwnerNotifications(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  freshness: () => Promise<SourceStatus[]>;
  staleForMs: number;
}): Promise<void> {
  await startOwnerNotifications({
    ...deps,
    configKey: 'delivery.notifications',
    family: DELIVERY_FAMILY,
    taskId: 'delivery-owner-notifications',
    evaluator: notifier => {
      const notifications = new DeliveryOwnerNotifications({
        freshness: deps.freshness,
        feeding: async names =>
          feedingComponents(await deps.database.getClient(), names),
        catalog: deps.catalog,
        auth: deps.auth,
        notifier,
        staleForMs: deps.staleForMs,
        logger: deps.logger,
      });
      return () => notifications.evaluate();
    },
  });
}
