import {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { HumanDuration } from '@backstage/types';
import { EpisodeStore } from './EpisodeStore';
import { OwnerNotifier } from './OwnerNotifier';

/** When a plugin evaluates its episodes (`<plugin>.notifications` in its config.d.ts). */
export interface EpisodeSchedule {
  /** False switches the plugin's owner notifications off. */
  enabled: boolean;
  frequency: HumanDuration;
  /** Time after start-up before the first evaluation. */
  initialDelay: HumanDuration;
}

/** Reads `<key>.enabled`, `<key>.frequency` and `<key>.initialDelay`, with defaults. */
export function readEpisodeSchedule(
  config: Config,
  key: string,
  defaults: Partial<EpisodeSchedule> = {},
): EpisodeSchedule {
  const duration = (name: string, fallback: HumanDuration) =>
    config.has(`${key}.${name}`)
      ? readDurationFromConfig(config, { key: `${key}.${name}` })
      : fallback;
  return {
    enabled:
      config.getOptionalBoolean(`${key}.enabled`) ?? defaults.enabled ?? true,
    frequency: duration('frequency', defaults.frequency ?? { minutes: 5 }),
    initialDelay: duration(
      'initialDelay',
      defaults.initialDelay ?? { minutes: 1 },
    ),
  };
}

/**
 * Runs `evaluate` on the scheduler, on one replica at a time (`scope: 'global'`): the
 * episode table makes each notification once-only even if two runs overlap.
 */
export async function scheduleEpisodeTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  id: string;
  schedule: EpisodeSchedule;
  evaluate: () => Promise<void>;
}): Promise<void> {
  const { scheduler, logger, id, schedule, evaluate } = options;
  if (!schedule.enabled) {
    logger.info(`Owner notifications off (${id})`);
    return;
  }
  await scheduler.scheduleTask({
    id,
    scope: 'global',
    frequency: schedule.frequency,
    initialDelay: schedule.initialDelay,
    timeout: { minutes: 10 },
    fn: async () => {
      try {
        await evaluate();
      } catch (error) {
        logger.warn(`${id} failed: ${(error as Error).message}`);
      }
    },
  });
}

/**
 * A plugin's owner notifications from start-up: reads its schedule (`configKey`) and,
 * unless switched off, makes the episode table in the plugin's database and a notifier
 * of `family`, and schedules the run that `evaluator` builds around that notifier.
 */
export async function startOwnerNotifications(options: {
  config: Config;
  /** e.g. `slo.notifications` */
  configKey: string;
  scheduleDefaults?: Partial<EpisodeSchedule>;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  notifications: NotificationService;
  family: string;
  taskId: string;
  evaluator: (notifier: OwnerNotifier) => () => Promise<void>;
}): Promise<void> {
  const { logger, taskId } = options;
  const schedule = readEpisodeSchedule(
    options.config,
    options.configKey,
    options.scheduleDefaults,
  );
  if (!schedule.enabled) {
    logger.info(`Owner notifications off (${taskId})`);
    return;
  }
  const notifier = new OwnerNotifier({
    family: options.family,
    store: await EpisodeStore.create(options.database),
    notifications: options.notifications,
    logger,
  });
  await scheduleEpisodeTask({
    scheduler: options.scheduler,
    logger,
    id: taskId,
    schedule,
    evaluate: options.evaluator(notifier),
  });
}
