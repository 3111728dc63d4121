import {
  ARGO_ROLLOUTS_TOPIC,
  ARGOCD_TOPIC,
  createWebhookIngressModule,
} from '@internal/backstage-plugin-delivery-node';
import { readRolloutsWebhookSecret, readWebhookSecret } from './config';
import { createRolloutsValidator } from './rollouts';
import { createSecretValidator, SECRET_HEADER } from './secret';

/**
 * Serves `POST /api/events/http/argocd` (Argo CD's notifications) and
 * `POST /api/events/http/argo-rollouts` (Argo Rollouts' notifications) on the events
 * backend, refusing deliveries without their shared secret; the Argo CD delivery
 * module (the package delivery-backend-module-argocd) subscribes to what they accept.
 *
 * @public
 */
export const eventsModuleArgocdWebhook = createWebhookIngressModule({
  moduleId: 'argocd-webhook',
  ingresses: [
    {
      topic: ARGOCD_TOPIC,
      createValidator({ config, logger }) {
        const secret = readWebhookSecret(config);
        if (!secret) {
          logger.warn(
            `delivery.argocd.webhook.secret is not set: every delivery to /api/events/http/${ARGOCD_TOPIC} is refused (it must carry the secret in ${SECRET_HEADER})`,
          );
        }
        return createSecretValidator(secret);
      },
    },
    {
      topic: ARGO_ROLLOUTS_TOPIC,
      createValidator({ config, logger }) {
        const secret = readRolloutsWebhookSecret(config);
        if (!secret) {
          logger.info(
            `delivery.argocd.rollouts.webhook.secret is not set: every delivery to /api/events/http/${ARGO_ROLLOUTS_TOPIC} is refused (401)`,
          );
        }
        return createRolloutsValidator(secret, logger);
      },
    },
  ],
});
