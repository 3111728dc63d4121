import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

/**
 * A source's pull schedule at `key` (e.g. `delivery.github.schedule`), or its default.
 *
 * @public
 */
export function readOptionalSchedule(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

/**
 * A duration at `key` (`HumanDuration` or an ISO/ms string), or its default.
 *
 * @public
 */
export function readOptionalDuration(
  config: Config,
  key: string,
  fallback: Duration,
): Duration {
  return config.has(key)
    ? Duration.fromObject(readDurationFromConfig(config, { key }))
    : fallback;
}
