import { Config } from '@backstage/config';

const ROOT = 'delivery.opsgenie';

export const DEFAULT_WEBHOOK_HEADER = 'X-Opsgenie-Token';

export interface OpsgenieWebhookConfig {
  /** Absent: every delivery is refused. */
  token?: string;
  /** Lower case, as Node gives header names. */
  header: string;
}

/** Reads `delivery.opsgenie.webhook`, for the events backend's request validator. */
export function readOpsgenieWebhookConfig(
  config: Config,
): OpsgenieWebhookConfig {
  return {
    token:
      config.getOptionalString(`${ROOT}.webhook.token`)?.trim() || undefined,
    header: (
      config.getOptionalString(`${ROOT}.webhook.header`) ??
      DEFAULT_WEBHOOK_HEADER
    ).toLowerCase(),
  };
}
