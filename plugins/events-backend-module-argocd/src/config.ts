import { Config } from '@backstage/config';

/** The webhook's shared secret, or undefined when none is configured. */
export function readWebhookSecret(config: Config): string | undefined {
  return (
    config.getOptionalString('delivery.argocd.webhook.secret') || undefined
  );
}
