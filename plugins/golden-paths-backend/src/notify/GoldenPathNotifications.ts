import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OwnerNotifier, startOwnerNotifications } from '@internal/owner-notify';
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
  await startOwnerNotifications({
    ...deps,
    configKey: 'goldenPaths.notifications',
    scheduleDefaults: { frequency: { minutes: 30 } },
    family: GOLDEN_PATHS_FAMILY,
    taskId: 'golden-paths-owner-notifications',
    evaluator: notifier => () =>
      evaluateDriftNotifications({
        catalog: deps.catalog,
        auth: deps.auth,
        notifier,
      }),
  });
}
