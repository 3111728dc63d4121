import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestValidator } from '@backstage/plugin-events-node';
import {
  argoRolloutsNotificationSchema,
  createCheckedWebhookValidator,
  isOneOfSecrets,
} from '@internal/backstage-plugin-delivery-node';
import { SECRET_HEADER } from './secret';

/** The config key of the Argo Rollouts webhook's secret. */
export const ROLLOUTS_SECRET_KEY = 'delivery.argocd.rollouts.webhook.secret';

/**
 * Checks an Argo Rollouts notification before the events backend publishes it:
 *
 * - its `X-Delivery-Webhook-Secret` header must be the configured secret (compared in
 *   constant time), else 401; while none is configured every delivery is refused;
 * - then its body must be the recommended template's, else 400 naming each field
 *   that does not fit (`rollout.status.currentStepIndex: …`), so the Rollouts
 *   controller's log says what to fix in the template.
 */
export function createRolloutsValidator(
  secret: string | undefined,
  logger: LoggerService,
): RequestValidator {
  return createCheckedWebhookValidator({
    tool: 'Argo Rollouts',
    secretsKey: ROLLOUTS_SECRET_KEY,
    secrets: secret ? [secret] : [],
    authenticated: (request, secrets) =>
      isOneOfSecrets(request.headers[SECRET_HEADER], secrets),
    refusal: 'invalid secret',
    payload: argoRolloutsNotificationSchema,
    logger,
  });
}
