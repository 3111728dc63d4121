import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestValidator } from '@backstage/plugin-events-node';
import {
  createCheckedWebhookValidator,
  flagsmithEnvelopeSchema,
  isHmacSha256HexOfAny,
} from '@internal/backstage-plugin-delivery-node';
import { SECRETS_KEY } from './config';

/** Node lower-cases header names. */
export const SIGNATURE_HEADER = 'x-flagsmith-signature';

/**
 * Checks a Flagsmith webhook delivery: its `X-Flagsmith-Signature` must be the hex
 * HMAC-SHA256 of the raw body under one of the webhooks' secrets (401 otherwise,
 * and always while none is configured), and a flag event must carry its state and
 * time (400 naming the field otherwise).
 *
 * No replay window: the payload's `timestamp` is when the state was saved, and
 * Flagsmith does not say when it sent it. A replayed delivery only stores again the
 * event it stored the first time.
 */
export function createFlagsmithWebhookValidator(options: {
  secrets: string[];
  logger: LoggerService;
}): RequestValidator {
  return createCheckedWebhookValidator({
    tool: 'Flagsmith',
    secretsKey: SECRETS_KEY,
    secrets: options.secrets,
    authenticated: (request, secrets) =>
      isHmacSha256HexOfAny(
        request.raw.body,
        request.headers[SIGNATURE_HEADER],
        secrets,
      ),
    refusal: 'invalid signature',
    payload: flagsmithEnvelopeSchema,
    logger: options.logger,
  });
}
