import { Config } from '@backstage/config';

/** The config key of the webhook's secrets. */
export const SECRETS_KEY = 'delivery.flagsmith.webhook.secrets';

/** The configured secrets, blank ones dropped; none refuses every delivery. */
export function readFlagsmithWebhookSecrets(config: Config): string[] {
  return (config.getOptionalStringArray(SECRETS_KEY) ?? []).filter(
    secret => secret.trim() !== '',
  );
}
