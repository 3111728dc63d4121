import { RequestValidator } from '@backstage/plugin-events-node';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The header Argo CD's notifications webhook service is configured to send the secret in. */
export const SECRET_HEADER = 'x-delivery-webhook-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison; hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Refuses (403) an Argo CD delivery whose `X-Delivery-Webhook-Secret` header is not
 * the configured secret, and every delivery while none is configured: an open
 * endpoint would let anyone record deployments.
 */
export function createSecretValidator(
  secret: string | undefined,
): RequestValidator {
  return async (request, context) => {
    const given = request.headers[SECRET_HEADER];
    if (secret && typeof given === 'string' && sameSecret(given, secret)) {
      return;
    }
    context.reject({ status: 403, payload: { message: 'invalid secret' } });
  };
}
