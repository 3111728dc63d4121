import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestValidator } from '@backstage/plugin-events-node';
import {
  createCheckedWebhookValidator,
  isHmacSha256HexOfAny,
  launchDarklyEnvelopeSchema,
} from '@internal/backstage-plugin-delivery-node';
import { SECRETS_KEY } from './config';

/** Node lower-cases header names. */
export const SIGNATURE_HEADER = 'x-ld-signature';

/**
 * Checks a LaunchDarkly webhook delivery: its `X-LD-Signature` must be the hex
 * HMAC-SHA256 of the raw body under one of the webhooks' secrets (401 otherwise,
 * and always while none is configured), and its body an audit log entry (400
 * naming the field otherwise).
 *
 * No replay window: LaunchDarkly delivers late and out of order (its payload's
 * `date` is when the change was made, not when it was sent), and a replayed entry
 * only stores again the events it stored the first time.
 */
export function createLaunchDarklyWebhookValidator(options: {
  secrets: string[];
  logger: LoggerService;
}): RequestValidator {
  return createCheckedWebhookValidator({
    tool: 'LaunchDarkly',
    secretsKey: SECRETS_KEY,
    secrets: options.secrets,
    authenticated: (request, secrets) =>
      isHmacSha256HexOfAny(
        request.raw.body,
        request.headers[SIGNATURE_HEADER],
        secrets,
      ),
    refusal: 'invalid signature',
    payload: launchDarklyEnvelopeSchema,
    logger: options.logger,
  });
}
