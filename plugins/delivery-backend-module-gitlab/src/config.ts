import {
  readOptionalSchedule,
  readOptionalDuration,
} from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Duration } from 'luxon';
import { PipelineRule } from './mapping/pipeline';

export interface GitlabSourceConfig {
  /** When the GitLab API is read for what webhooks may have missed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads, by last update. */
  lookback: Duration;
  pipelines: PipelineRule[];
  /** Whether merge requests are read (webhooks and pull) as change events. */
  mergeRequests: boolean;
  /**
   * Whether webhook deliveries are processed: only when the events backend checks
   * their `X-Gitlab-Token` (`events.modules.gitlab.webhookSecret` is set). Without
   * it, the events backend accepts anyone's POST to `/api/events/http/gitlab`.
   */
  webhooks: boolean;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 7 });

/** The events backend GitLab module's secret; set, it refuses a wrong X-Gitlab-Token. */
export const WEBHOOK_SECRET_KEY = 'events.modules.gitlab.webhookSecret';

function readPipelineRules(config: Config): PipelineRule[] {
  const rules = config.getOptionalConfigArray('delivery.gitlab.pipelines');
  return (rules ?? []).map((rule, index) => {
    const where = `delivery.gitlab.pipelines[${index}]`;
    const pattern = (key: 'ref' | 'name' | 'source') => {
      const value = rule.getOptionalString(key)?.trim();
      if (value === '') throw new Error(`${where}.${key} must not be empty`);
      return value;
    };
    const [ref, name, source] = [
      pattern('ref'),
      pattern('name'),
      pattern('source'),
    ];
    if (!ref && !name && !source) {
      throw new Error(`${where} must have a ref, name or source pattern`);
    }
    const environment = rule.getString('environment').trim();
    if (!environment) {
      throw new Error(`${where}.environment must not be empty`);
    }
    return {
      ...(ref ? { ref } : {}),
      ...(name ? { name } : {}),
      ...(source ? { source } : {}),
      environment,
    };
  });
}

/** Reads `delivery.gitlab`; a pipeline rule that names no pipeline, or a lookback of zero, is an error. */
export function readGitlabSourceConfig(config: Config): GitlabSourceConfig {
  const lookback = readOptionalDuration(
    config,
    'delivery.gitlab.lookback',
    DEFAULT_LOOKBACK,
  );
  if (!(lookback.toMillis() > 0)) {
    throw new Error('delivery.gitlab.lookback must be a positive duration');
  }
  return {
    schedule: readOptionalSchedule(
      config,
      'delivery.gitlab.schedule',
      DEFAULT_SCHEDULE,
    ),
    lookback,
    pipelines: readPipelineRules(config),
    mergeRequests:
      config.getOptionalBoolean('delivery.gitlab.mergeRequests') ?? true,
    webhooks: !!config.getOptionalString(WEBHOOK_SECRET_KEY),
  };
}
