import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';
import { WorkflowRule } from './mapping/workflows';

export interface GithubSourceConfig {
  workflows: WorkflowRule[];
  /** When the GitHub API is read for what webhooks may have missed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads. */
  lookback: Duration;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 7 });

/** Reads `delivery.github`; a workflow rule that names no workflow is an error. */
export function readGithubSourceConfig(config: Config): GithubSourceConfig {
  const rules =
    config.getOptionalConfigArray('delivery.github.workflows') ?? [];
  return {
    workflows: rules.map((rule, index) => {
      const name = rule.getOptionalString('name');
      const path = rule.getOptionalString('path');
      if (!name && !path) {
        throw new Error(
          `delivery.github.workflows[${index}] must have a name or a path pattern`,
        );
      }
      return { name, path, environment: rule.getString('environment') };
    }),
    schedule: config.has('delivery.github.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('delivery.github.schedule'),
        )
      : DEFAULT_SCHEDULE,
    lookback: config.has('delivery.github.lookback')
      ? Duration.fromObject(
          readDurationFromConfig(config, { key: 'delivery.github.lookback' }),
        )
      : DEFAULT_LOOKBACK,
  };
}
