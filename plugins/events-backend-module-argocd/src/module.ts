import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import {
  addStrictJsonTopics,
  ARGOCD_TOPIC,
} from '@internal/backstage-plugin-delivery-node';
import { readWebhookSecret } from './config';
import { createSecretValidator, SECRET_HEADER } from './secret';

/**
 * Serves `POST /api/events/http/argocd` on the events backend, refusing deliveries
 * without the shared secret; the Argo CD delivery module
 * (`@internal/backstage-plugin-delivery-backend-module-argocd`) subscribes to what
 * it accepts.
 *
 * @public
 */
export const eventsModuleArgocdWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'argocd-webhook',
  register(reg) {
    reg.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ events, config, logger }) {
        const secret = readWebhookSecret(config);
        if (!secret) {
          logger.warn(
            `delivery.argocd.webhook.secret is not set: every delivery to /api/events/http/${ARGOCD_TOPIC} is refused (it must carry the secret in ${SECRET_HEADER})`,
          );
        }
        // Malformed or empty JSON bodies: 400 instead of the default parser's 500.
        addStrictJsonTopics(events, [ARGOCD_TOPIC]);
        events.addHttpPostIngress({
          topic: ARGOCD_TOPIC,
          validator: createSecretValidator(secret),
        });
      },
    });
  },
});
