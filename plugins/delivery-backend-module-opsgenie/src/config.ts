import {
  readOptionalSchedule,
  readOptionalDuration,
} from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Duration } from 'luxon';

const ROOT = 'delivery.opsgenie';

/** Opsgenie's two instances. */
export const API_BASE_URLS = {
  us: 'https://api.opsgenie.com',
  eu: 'https://api.eu.opsgenie.com',
} as const;

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 14 });

export interface OpsgenieApiConfig {
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
}

export interface OpsgenieSourceConfig {
  /** Absent without an API key: the source is off. */
  api?: OpsgenieApiConfig;
  /** The web app, without a trailing slash, for links to alerts. */
  webUrl?: string;
  /** An extra alert query every incident must match. */
  query?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  lookback: Duration;
}

function readUrl(config: Config, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error();
  } catch {
    throw new Error(`${key} must be an http(s) URL, got '${value}'`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads `delivery.opsgenie`; an unknown region or a bad URL is an error. */
export function readOpsgenieSourceConfig(config: Config): OpsgenieSourceConfig {
  const apiKey = config.getOptionalString(`${ROOT}.apiKey`)?.trim();
  const region = config.getOptionalString(`${ROOT}.region`) ?? 'us';
  if (region !== 'us' && region !== 'eu') {
    throw new Error(`${ROOT}.region must be 'us' or 'eu', got '${region}'`);
  }
  const baseUrl =
    readUrl(config, `${ROOT}.apiBaseUrl`) ?? API_BASE_URLS[region];
  const lookback = readOptionalDuration(
    config,
    `${ROOT}.lookback`,
    DEFAULT_LOOKBACK,
  );
  if (lookback.toMillis() <= 0) {
    throw new Error(`${ROOT}.lookback must be a positive duration`);
  }
  return {
    api: apiKey ? { apiKey, baseUrl } : undefined,
    webUrl: readUrl(config, `${ROOT}.webUrl`),
    query: config.getOptionalString(`${ROOT}.query`)?.trim() || undefined,
    schedule: readOptionalSchedule(
      config,
      `${ROOT}.schedule`,
      DEFAULT_SCHEDULE,
    ),
    lookback,
  };
}
