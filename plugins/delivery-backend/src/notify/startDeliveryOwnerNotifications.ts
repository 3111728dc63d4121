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
import {
  EpisodeStore,
  OwnerNotifier,
  readEpisodeSchedule,
  scheduleEpisodeTask,
} from '@internal/owner-notify';
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
  const schedule = readEpisodeSchedule(deps.config, 'delivery.notifications');
  if (!schedule.enabled) return;
  const knex = await deps.database.getClient();
  const notifications = new DeliveryOwnerNotifications({
    freshness: deps.freshness,
    feeding: names => feedingComponents(knex, names),
    catalog: deps.catalog,
    auth: deps.auth,
    notifier: new OwnerNotifier({
      family: DELIVERY_FAMILY,
      store: await EpisodeStore.create(deps.database),
      notifications: deps.notifications,
      logger: deps.logger,
    }),
    staleForMs: deps.staleForMs,
    logger: deps.logger,
  });
  await scheduleEpisodeTask({
    scheduler: deps.scheduler,
    logger: deps.logger,
    id: 'delivery-owner-notifications',
    schedule,
    evaluate: () => notifications.evaluate(),
  });
}
