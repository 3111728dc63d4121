import { Config } from '@backstage/config';

/** Whether `delivery.flagsmith.webhook.secrets` holds a secret: without one the source is off. */
export function isFlagsmithWebhookConfigured(config: Config): boolean {
  return (
    config.getOptionalStringArray('delivery.flagsmith.webhook.secrets') ?? []
  ).some(secret => secret.trim() !== '');
}
