import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RequestDetails,
  RequestValidationContext,
  RequestValidator,
} from '@backstage/plugin-events-node';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  isPagerDutySignedByAny,
  PAGERDUTY_SIGNATURE_HEADER,
} from '@internal/backstage-plugin-delivery-node';
import { PagerDutyWebhookConfig } from './config';

// What the validator needs of a v3 payload; the handler reads the rest.
const envelopeSchema = z.object({
  event: z.object({
    id: z.string().min(1),
    occurred_at: z.string().min(1),
  }),
});

/**
 * Event ids seen within the replay window. A delivery that repeats one is not
 * published again. In memory: each backend instance has its own.
 */
export class RecentEventIds {
  readonly #expiries = new Map<string, number>();

  /** Records `id` until `expiresAt`; false when it was already recorded. */
  add(id: string, expiresAt: number, now: number): boolean {
    for (const [seen, expiry] of this.#expiries) {
      if (expiry <= now) this.#expiries.delete(seen);
    }
    if (this.#expiries.has(id)) return false;
    this.#expiries.set(id, expiresAt);
    return true;
  }
}

export interface WebhookValidatorOptions extends PagerDutyWebhookConfig {
  logger: LoggerService;
  now?: () => DateTime;
}

/**
 * Checks a PagerDuty webhooks v3 delivery before the events backend publishes it:
 *
 * - signed: one of its `X-PagerDuty-Signature` `v1` signatures must be the
 *   HMAC-SHA256 of the raw body under a configured secret, else 403;
 * - a v3 event: `event.id` and `event.occurred_at` present, else 400;
 * - fresh: `occurred_at` no older than `maxAge` (nor that far in the future),
 *   else 403, so a captured delivery cannot be replayed later;
 * - new: an event id already accepted within `maxAge` is answered 200 and not
 *   published again. Not 4xx: PagerDuty redelivers when it missed our answer,
 *   and counts refused deliveries towards disabling the subscription.
 */
export function createPagerDutyWebhookValidator(
  options: WebhookValidatorOptions,
): RequestValidator {
  const { secrets, maxAge, logger } = options;
  const now = options.now ?? DateTime.utc;
  const recent = new RecentEventIds();

  const refuse = (
    context: RequestValidationContext,
    status: number,
    message: string,
  ) => {
    logger.warn(`Refused a PagerDuty webhook delivery: ${message}`);
    context.reject({ status, payload: { message } });
  };

  return async (request: RequestDetails, context) => {
    if (secrets.length === 0) {
      refuse(context, 403, 'no webhook secret is configured');
      return;
    }
    if (
      !isPagerDutySignedByAny(
        request.raw.body,
        request.headers[PAGERDUTY_SIGNATURE_HEADER],
        secrets,
      )
    ) {
      refuse(context, 403, 'invalid signature');
      return;
    }
    const parsed = envelopeSchema.safeParse(request.body);
    if (!parsed.success) {
      refuse(context, 400, 'not a PagerDuty webhooks v3 event');
      return;
    }
    const { id, occurred_at: occurredAt } = parsed.data.event;
    const occurred = DateTime.fromISO(occurredAt, { setZone: true });
    const current = now();
    if (!occurred.isValid) {
      refuse(context, 400, `event ${id}: occurred_at is not a date-time`);
      return;
    }
    if (Math.abs(current.diff(occurred).toMillis()) > maxAge.toMillis()) {
      refuse(
        context,
        403,
        `event ${id} occurred at ${occurredAt}, outside the accepted ${maxAge.toHuman()}`,
      );
      return;
    }
    const expiresAt = occurred.plus(maxAge).toMillis();
    if (!recent.add(id, expiresAt, current.toMillis())) {
      logger.info(
        `Ignored a repeated PagerDuty webhook delivery of event ${id}`,
      );
      context.reject({ status: 200, payload: { status: 'duplicate' } });
    }
  };
}
