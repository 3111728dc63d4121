import { RequestValidator } from '@backstage/plugin-events-node';
import {
  argoRolloutsNotificationSchema,
  describeZodIssues,
} from '@internal/backstage-plugin-delivery-node';
import { sameSecret, SECRET_HEADER } from './secret';

/** Longest message a refusal quotes of a body's problems. */
const MAX_MESSAGE = 1000;

/**
 * Checks an Argo Rollouts notification before the events backend publishes it:
 *
 * - its `X-Delivery-Webhook-Secret` header must be the configured secret (compared in
 *   constant time), else 401; while none is configured every delivery is refused;
 * - its body must be the recommended template's, else 400 naming each field that does
 *   not fit (`rollout.status.currentStepIndex: …`), so the Rollouts controller's log
 *   says what to fix in the template.
 */
export function createRolloutsValidator(
  secret: string | undefined,
): RequestValidator {
  return async (request, context) => {
    const given = request.headers[SECRET_HEADER];
    if (!secret || typeof given !== 'string' || !sameSecret(given, secret)) {
      context.reject({ status: 401, payload: { message: 'invalid secret' } });
      return;
    }
    const parsed = argoRolloutsNotificationSchema.safeParse(request.body);
    if (!parsed.success) {
      context.reject({
        status: 400,
        payload: {
          message:
            `not an Argo Rollouts notification of the recommended template: ${describeZodIssues(
              parsed.error,
            )}`.slice(0, MAX_MESSAGE),
        },
      });
    }
  };
}
