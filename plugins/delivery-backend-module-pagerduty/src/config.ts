import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
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

/** PagerDuty retries a failed delivery for about 20 minutes; this leaves margin. */
export const DEFAULT_WEBHOOK_MAX_AGE = Duration.fromObject({ minutes: 30 });

/** The REST API, when a key is configured. */
export interface PagerDutyApiConfig {
  token: string;
  /** Without a trailing slash, e.g. `https://api.eu.pagerduty.com`. */
  baseUrl: string;
}

export interface PagerDutyWebhookConfig {
  /** One per webhook subscription; empty refuses every delivery. */
  secrets: string[];
  /** Events older than this are refused as replays. */
  maxAge: Duration;
}

export interface PagerDutySourceConfig {
  api?: PagerDutyApiConfig;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads incidents, by creation time. */
  lookback: Duration;
}

function readDuration(
  config: Config,
  key: string,
  fallback: Duration,
): Duration {
  return config.has(key)
    ? Duration.fromObject(readDurationFromConfig(config, { key }))
    : fallback;
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

/** Reads `delivery.pagerduty.webhook`, for the events backend's request validator. */
export function readPagerDutyWebhookConfig(
  config: Config,
): PagerDutyWebhookConfig {
  const secrets = (
    config.getOptionalStringArray(`${ROOT}.webhook.secrets`) ?? []
  ).filter(secret => secret.trim() !== '');
  const maxAge = readDuration(
    config,
    `${ROOT}.webhook.maxAge`,
    DEFAULT_WEBHOOK_MAX_AGE,
  );
  if (maxAge.toMillis() <= 0) {
    throw new Error(`${ROOT}.webhook.maxAge must be a positive duration`);
  }
  return { secrets, maxAge };
}

/** Reads `delivery.pagerduty`; a lookback beyond what the API serves is an error. */
export function readPagerDutySourceConfig(
  config: Config,
): PagerDutySourceConfig {
  const token = config.getOptionalString(`${ROOT}.apiToken`)?.trim();
  const lookback = readDuration(config, `${ROOT}.lookback`, DEFAULT_LOOKBACK);
  if (lookback.toMillis() <= 0 || lookback > MAX_LOOKBACK) {
    throw new Error(
      `${ROOT}.lookback must be a positive duration of at most 180 days`,
    );
  }
  return {
    api: token ? { token, baseUrl: readBaseUrl(config) } : undefined,
    schedule: config.has(`${ROOT}.schedule`)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(`${ROOT}.schedule`),
        )
      : DEFAULT_SCHEDULE,
    lookback,
  };
}
