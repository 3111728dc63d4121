import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RequestDetails,
  RequestValidationContext,
  RequestValidator,
} from '@backstage/plugin-events-node';
import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod';

/** What {@link createCheckedWebhookValidator} checks a delivery with. */
export interface CheckedWebhookValidatorOptions {
  /** The tool, as messages name it: `LaunchDarkly`. */
  tool: string;
  /** The config key of the secrets, named when none is configured. */
  secretsKey: string;
  /** One per webhook that delivers here; none refuses every delivery. */
  secrets: string[];
  /** Whether the delivery proves it knows one of `secrets` (a signature, a token). */
  authenticated(request: RequestDetails, secrets: string[]): boolean;
  /** What a refused proof is called in the 401's message: `invalid signature`. */
  refusal: string;
  /** What the delivery module needs of a body: anything else is answered 400. */
  payload: z.ZodType;
  logger: LoggerService;
}

/**
 * Checks a webhook delivery before the events backend publishes it on its topic:
 *
 * - a secret is configured, else 401 (the endpoint is off until then: logged at
 *   debug only, since an unconfigured source is no fault);
 * - the delivery proves it knows one (`authenticated`), else 401 with `refusal`;
 * - its body has what the delivery module reads (`payload`), else 400 naming each
 *   field that is wrong, so the sender's delivery log says what to fix.
 *
 * The body is looked at only once the sender is known: a stranger learns nothing
 * about the payload the endpoint expects.
 */
export function createCheckedWebhookValidator(
  options: CheckedWebhookValidatorOptions,
): RequestValidator {
  const { tool, secretsKey, secrets, authenticated, refusal, payload, logger } =
    options;

  const refuse = (
    context: RequestValidationContext,
    status: number,
    message: string,
    level: 'warn' | 'debug' = 'warn',
  ) => {
    logger[level](`Refused a webhook delivery from ${tool}: ${message}`);
    context.reject({ status, payload: { message } });
  };

  return async (request, context) => {
    if (secrets.length === 0) {
      refuse(
        context,
        401,
        `no webhook secret is configured (${secretsKey})`,
        'debug',
      );
      return;
    }
    if (!authenticated(request, secrets)) {
      refuse(context, 401, refusal);
      return;
    }
    const parsed = payload.safeParse(request.body);
    if (!parsed.success) {
      refuse(
        context,
        400,
        `malformed ${tool} webhook payload: ${formatZodError(parsed.error)}`,
      );
    }
  };
}
