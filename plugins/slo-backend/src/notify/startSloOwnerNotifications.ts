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
import { startOwnerNotifications } from '@internal/owner-notify';
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
  await startOwnerNotifications({
    ...deps,
    configKey: 'slo.notifications',
    family: SLO_FAMILY,
    taskId: 'slo-owner-notifications',
    evaluator: notifier => {
      const notifications = new SloOwnerNotifications({
        catalog: deps.catalog,
        auth: deps.auth,
        reportsOf: entity => deps.service.reportsOf(entity),
        notifier,
        signals: deps.signals,
        logger: deps.logger,
      });
      return () => notifications.evaluate();
    },
  });
}
