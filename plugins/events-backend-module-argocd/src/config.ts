import { Config } from '@backstage/config';

/** The webhook's shared secret, or undefined when none is configured. */
export function readWebhookSecret(config: Config): string | undefined {
  return (
    config.getOptionalString('delivery.argocd.webhook.secret') || undefined
  );
}

/** The Argo Rollouts notifications webhook's shared secret, or undefined when none is configured. */
export function readRolloutsWebhookSecret(config: Config): string | undefined {
  return (
    config.getOptionalString('delivery.argocd.rollouts.webhook.secret') ||
    undefined
  );
}
