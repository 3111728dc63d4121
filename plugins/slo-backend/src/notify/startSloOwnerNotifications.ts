import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  EpisodeStore,
  OwnerNotifier,
  readEpisodeSchedule,
  scheduleEpisodeTask,
} from '@internal/owner-notify';
import { SloService } from '../service/SloService';
import { SLO_FAMILY } from './sloEpisodes';
import { SloOwnerNotifications } from './SloOwnerNotifications';

/** Schedules the SLO owner notifications (`slo.notifications` in config.d.ts). */
export async function startSloOwnerNotifications(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  signals: SignalsService;
  service: SloService;
}): Promise<void> {
  const schedule = readEpisodeSchedule(deps.config, 'slo.notifications');
  if (!schedule.enabled) return;
  const notifications = new SloOwnerNotifications({
    catalog: deps.catalog,
    auth: deps.auth,
    reportsOf: entity => deps.service.reportsOf(entity),
    notifier: new OwnerNotifier({
      family: SLO_FAMILY,
      store: await EpisodeStore.create(deps.database),
      notifications: deps.notifications,
      logger: deps.logger,
    }),
    signals: deps.signals,
    logger: deps.logger,
  });
  await scheduleEpisodeTask({
    scheduler: deps.scheduler,
    logger: deps.logger,
    id: 'slo-owner-notifications',
    schedule,
    evaluate: () => notifications.evaluate(),
  });
}
