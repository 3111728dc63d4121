import {
  readOptionalSchedule,
  readOptionalDuration,
} from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Duration } from 'luxon';
import { WorkflowRule } from './mapping/workflows';

export interface GithubSourceConfig {
  workflows: WorkflowRule[];
  /** When the GitHub API is read for what webhooks may have missed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads. */
  lookback: Duration;
  incidents: IncidentsConfig;
  /** Pull requests as changes (lead-time stages). */
  changes: ChangesConfig;
  /** A GitHub API request that has not answered after this long fails (the pull reports it). */
  requestTimeout: Duration;
}

/** Incidents from GitHub issues carrying a label. */
export interface IncidentsConfig {
  enabled: boolean;
  /** Compared without case. */
  label: string;
}

/** Pull requests read as changes. */
export interface ChangesConfig {
  enabled: boolean;
}

export const DEFAULT_INCIDENT_LABEL = 'incident';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 7 });

/** Without it, a GitHub that accepts connections but never answers holds a pull until its task times out. */
export const DEFAULT_REQUEST_TIMEOUT = Duration.fromObject({ seconds: 30 });

/** Reads `delivery.github.incidents`; the label goes into a comma-separated API filter. */
function readIncidentsConfig(config: Config): IncidentsConfig {
  const label = (
    config.getOptionalString('delivery.github.incidents.label') ??
    DEFAULT_INCIDENT_LABEL
  ).trim();
  if (!label || label.includes(',')) {
    throw new Error(
      'delivery.github.incidents.label must be a non-empty label name without commas',
    );
  }
  return {
    enabled:
      config.getOptionalBoolean('delivery.github.incidents.enabled') ?? true,
    label,
  };
}

/**
 * Reads `delivery.github`; a workflow rule that names no workflow, or an empty
 * incident label, is an error.
 */
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
    schedule: readOptionalSchedule(
      config,
      'delivery.github.schedule',
      DEFAULT_SCHEDULE,
    ),
    lookback: readOptionalDuration(
      config,
      'delivery.github.lookback',
      DEFAULT_LOOKBACK,
    ),
    incidents: readIncidentsConfig(config),
    changes: {
      enabled:
        config.getOptionalBoolean('delivery.github.changes.enabled') ?? true,
    },
    requestTimeout: readOptionalDuration(
      config,
      'delivery.github.requestTimeout',
      DEFAULT_REQUEST_TIMEOUT,
    ),
  };
}
