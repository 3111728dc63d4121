import {
  readOptionalDuration,
  readOptionalSchedule,
} from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Duration } from 'luxon';

const ROOT = 'delivery.pagerduty';

export const DEFAULT_API_BASE_URL = 'https://api.pagerduty.com';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 14 });

/** PagerDuty answers `GET /incidents` for ranges of at most six months. */
export const MAX_LOOKBACK = Duration.fromObject({ days: 180 });

/** The REST API, when a key is configured. */
export interface PagerDutyApiConfig {
  token: string;
  /** Without a trailing slash, e.g. `https://api.eu.pagerduty.com`. */
  baseUrl: string;
}

export interface PagerDutySourceConfig {
  api?: PagerDutyApiConfig;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads incidents, by creation time. */
  lookback: Duration;
}

function readBaseUrl(config: Config): string {
  const value =
    config.getOptionalString(`${ROOT}.apiBaseUrl`) ?? DEFAULT_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${ROOT}.apiBaseUrl must be a URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${ROOT}.apiBaseUrl must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads `delivery.pagerduty`; a lookback beyond what the API serves is an error. */
export function readPagerDutySourceConfig(
  config: Config,
): PagerDutySourceConfig {
  const token = config.getOptionalString(`${ROOT}.apiToken`)?.trim();
  const lookback = readOptionalDuration(
    config,
    `${ROOT}.lookback`,
    DEFAULT_LOOKBACK,
  );
  if (lookback.toMillis() <= 0 || lookback > MAX_LOOKBACK) {
    throw new Error(
      `${ROOT}.lookback must be a positive duration of at most 180 days`,
    );
  }
  return {
    api: token ? { token, baseUrl: readBaseUrl(config) } : undefined,
    schedule: readOptionalSchedule(
      config,
      `${ROOT}.schedule`,
      DEFAULT_SCHEDULE,
    ),
    lookback,
  };
}
