import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

const ROOT = 'delivery.pagerduty';

/** PagerDuty retries a failed delivery for about 20 minutes; this leaves margin. */
export const DEFAULT_WEBHOOK_MAX_AGE = Duration.fromObject({ minutes: 30 });

export interface PagerDutyWebhookConfig {
  /** One per webhook subscription; empty refuses every delivery. */
  secrets: string[];
  /** Events older than this are refused as replays. */
  maxAge: Duration;
}

/** Reads `delivery.pagerduty.webhook`, for the events backend's request validator. */
export function readPagerDutyWebhookConfig(
  config: Config,
): PagerDutyWebhookConfig {
  const secrets = (
    config.getOptionalStringArray(`${ROOT}.webhook.secrets`) ?? []
  ).filter(secret => secret.trim() !== '');
  const key = `${ROOT}.webhook.maxAge`;
  const maxAge = config.has(key)
    ? Duration.fromObject(readDurationFromConfig(config, { key }))
    : DEFAULT_WEBHOOK_MAX_AGE;
  if (maxAge.toMillis() <= 0) {
    throw new Error(`${ROOT}.webhook.maxAge must be a positive duration`);
  }
  return { secrets, maxAge };
}
