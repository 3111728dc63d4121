import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';
import { SOURCE_ID } from '../mapping/alert';
import { AnnouncedAlert } from '../pull/pull';

// Shared with the events module serving the topic, in its own package.
export { OPSGENIE_TOPIC } from '@internal/backstage-plugin-delivery-node';

// The announced alert is reported (`unmatched_events`, key up to 300) when no
// component claims it: its text must be storable, or the whole pull fails on
// PostgreSQL (found by webhookFuzz.test.ts).
const storable = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      text => !text.includes('\u0000') && !/[\ud800-\udfff]/u.test(text),
      'must be well-formed Unicode without NUL characters',
    );

// What is read of a Webhook integration delivery: which alert, for reports.
const deliverySchema = z.object({
  action: storable(100),
  alert: z.object({
    alertId: storable(200).min(1),
    tinyId: storable(50).nullish(),
    message: storable(1000).nullish(),
  }),
});

/**
 * Turns an Opsgenie Webhook integration delivery into a pull of the Alert API.
 * Opsgenie cannot sign deliveries, so nothing in the payload is stored: a
 * delivery only says "something changed", and the alert is read from the API
 * (as it is now) by the pull it starts. Each delivery is reported to the source
 * status, failures with why.
 */
export function createOpsgenieEventHandler(options: {
  sink: DeliveryEventSink;
  /** Starts a pull, reporting the alert if no component claims it. */
  refresh: (alert: AnnouncedAlert) => Promise<void>;
  logger: LoggerService;
}) {
  const { sink, refresh, logger } = options;
  const report = (error?: string) =>
    sink.reportSync({
      source: SOURCE_ID,
      via: 'webhook',
      ...(error ? { error } : {}),
    });

  return async ({ eventPayload }: EventParams) => {
    const parsed = deliverySchema.safeParse(eventPayload);
    if (!parsed.success) {
      const error = `not an Opsgenie alert webhook: ${formatZodError(
        parsed.error,
      )}`;
      logger.warn(`Could not process an Opsgenie delivery: ${error}`);
      await report(error);
      return;
    }
    const { action, alert } = parsed.data;
    const what = `Opsgenie ${action} of alert ${
      alert.tinyId ? `#${alert.tinyId}` : alert.alertId
    }`;
    try {
      await refresh({
        id: alert.alertId,
        tinyId: alert.tinyId ?? undefined,
        message: alert.message ?? undefined,
      });
      logger.debug(`${what}: pull requested`);
      await report();
    } catch (error) {
      const message = `${what}: ${(error as Error).message ?? error}`;
      logger.warn(`Could not process ${message}`);
      await report(message);
    }
  };
}
