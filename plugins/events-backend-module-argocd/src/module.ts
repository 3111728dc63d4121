import {
  ARGOCD_TOPIC,
  createWebhookIngressModule,
} from '@internal/backstage-plugin-delivery-node';
import { readWebhookSecret } from './config';
import { createSecretValidator, SECRET_HEADER } from './secret';

/**
 * Serves `POST /api/events/http/argocd` on the events backend, refusing deliveries
 * without the shared secret; the Argo CD delivery module (the package
 * delivery-backend-module-argocd) subscribes to what it accepts.
 *
 * @public
 */
export const eventsModuleArgocdWebhook = createWebhookIngressModule({
  moduleId: 'argocd-webhook',
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
});
