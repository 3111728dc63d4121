import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RequestDetails,
  RequestValidator,
} from '@backstage/plugin-events-node';
import { createHash, timingSafeEqual } from 'node:crypto';
import { OpsgenieWebhookConfig } from './config';

const first = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/** The password of `Authorization: Basic …` (a `https://user:token@…` webhook URL). */
function basicPassword(header: string | undefined): string | undefined {
  const encoded = header?.match(/^basic\s+(\S+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}

// Hashing first makes the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (a: string, b: string) =>
  timingSafeEqual(digest(a), digest(b));

/** The token a delivery presents: the configured header, else basic auth. */
export function presentedToken(
  request: Pick<RequestDetails, 'headers'>,
  header: string,
): string | undefined {
  return (
    first(request.headers[header]) ??
    basicPassword(first(request.headers.authorization))
  );
}

/**
 * Checks an Opsgenie Webhook integration delivery before the events backend
 * publishes it. Opsgenie does not sign deliveries: the check is a shared secret
 * the integration sends in a custom header (or as basic auth in the URL), 403
 * otherwise. It proves only that the sender knows the secret, and a captured
 * delivery can be replayed; the module therefore trusts nothing in the payload,
 * which only makes it read the Alert API sooner.
 */
export function createOpsgenieWebhookValidator(
  options: OpsgenieWebhookConfig & { logger: LoggerService },
): RequestValidator {
  const { token, header, logger } = options;
  return async (request, context) => {
    const refuse = (message: string) => {
      logger.warn(`Refused an Opsgenie webhook delivery: ${message}`);
      context.reject({ status: 403, payload: { message } });
    };
    if (!token) {
      refuse('no webhook token is configured');
      return;
    }
    const presented = presentedToken(request, header);
    if (presented === undefined || !sameSecret(presented, token)) {
      refuse('invalid token');
    }
  };
}
