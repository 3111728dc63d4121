import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestValidator } from '@backstage/plugin-events-node';
import {
  createCheckedWebhookValidator,
  isOneOfSecrets,
  unleashEnvelopeSchema,
} from '@internal/backstage-plugin-delivery-node';
import { SECRETS_KEY } from './config';

/**
 * Checks a delivery of Unleash's Webhook integration. Unleash does not sign
 * deliveries; the integration sends the Authorization header it is configured
 * with, which must be one of the configured values exactly (compared in constant
 * time; 401 otherwise, and always while none is configured). The body must be an
 * Unleash event (the integration without a body template; 400 naming the field
 * otherwise).
 *
 * A token proves only that the sender knows it, and a captured delivery can be
 * replayed: it only stores again the event it stored the first time (its id is
 * Unleash's event id).
 */
export function createUnleashWebhookValidator(options: {
  secrets: string[];
  logger: LoggerService;
}): RequestValidator {
  return createCheckedWebhookValidator({
    tool: 'Unleash',
    secretsKey: SECRETS_KEY,
    secrets: options.secrets,
    authenticated: (request, secrets) =>
      isOneOfSecrets(request.headers.authorization, secrets),
    refusal: 'invalid authorization',
    payload: unleashEnvelopeSchema,
    logger: options.logger,
  });
}
