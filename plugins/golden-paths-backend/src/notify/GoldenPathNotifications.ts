import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  EpisodeStore,
  OwnerNotifier,
  readEpisodeSchedule,
  scheduleEpisodeTask,
} from '@internal/owner-notify';
import { computeDrift } from '../drift/drift';
import { readGoldenPaths } from '../service/catalogSource';
import { driftEpisodes, GOLDEN_PATHS_FAMILY } from './driftEpisodes';

/** One run: reads the drift as the plugin itself and tells owners about major drift. */
export async function evaluateDriftNotifications(options: {
  catalog: CatalogService;
  auth: AuthService;
  notifier: OwnerNotifier;
  now?: Date;
}): Promise<void> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const source = await readGoldenPaths(options.catalog, credentials);
  const { episodes, evaluatedSubjects } = driftEpisodes(
    computeDrift(source.components, source.templates),
  );
  await options.notifier.reconcile(episodes, evaluatedSubjects, options.now);
}

/** Schedules the golden-path owner notifications (`goldenPaths.notifications`). */
export async function startGoldenPathNotifications(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
}): Promise<void> {
  const schedule = readEpisodeSchedule(
    deps.config,
    'goldenPaths.notifications',
    {
      frequency: { minutes: 30 },
    },
  );
  if (!schedule.enabled) return;
  const notifier = new OwnerNotifier({
    family: GOLDEN_PATHS_FAMILY,
    store: await EpisodeStore.create(deps.database),
    notifications: deps.notifications,
    logger: deps.logger,
  });
  await scheduleEpisodeTask({
    scheduler: deps.scheduler,
    logger: deps.logger,
    id: 'golden-paths-owner-notifications',
    schedule,
    evaluate: () =>
      evaluateDriftNotifications({
        catalog: deps.catalog,
        auth: deps.auth,
        notifier,
      }),
  });
}
