import { Config } from '@backstage/config';

/** The config key of the webhook's secrets. */
export const SECRETS_KEY = 'delivery.unleash.webhook.secrets';

/**
 * The configured Authorization values, trimmed as HTTP trims a header's value in
 * transit, blank ones dropped; none refuses every delivery.
 */
export function readUnleashWebhookSecrets(config: Config): string[] {
  return (config.getOptionalStringArray(SECRETS_KEY) ?? [])
    .map(secret => secret.trim())
    .filter(secret => secret !== '');
}
