import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OwnerNotifier, startOwnerNotifications } from '@internal/owner-notify';
import { MaturityService } from '../service/MaturityService';
import { initiativeEpisodes, MATURITY_FAMILY } from './initiativeEpisodes';

/** One run: tells each milestone an initiative reached, once across replicas. */
export async function notifyInitiativeMilestones(options: {
  service: MaturityService;
  auth: AuthService;
  notifier: OwnerNotifier;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.service.initiatives(credentials);
  let sent = 0;
  for (const episode of initiativeEpisodes(items, now)) {
    if (await options.notifier.notifyOnce(episode, now)) sent += 1;
  }
  return sent;
}

/** Schedules the initiative notifications (`maturity.notifications`). */
export async function startInitiativeNotifications(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  notifications: NotificationService;
  service: MaturityService;
}): Promise<void> {
  await startOwnerNotifications({
    ...deps,
    configKey: 'maturity.notifications',
    scheduleDefaults: { frequency: { hours: 1 }, initialDelay: { minutes: 2 } },
    family: MATURITY_FAMILY,
    taskId: 'maturity-initiative-notifications',
    evaluator: notifier => async () => {
      await notifyInitiativeMilestones({
        service: deps.service,
        auth: deps.auth,
        notifier,
      });
    },
  });
}
