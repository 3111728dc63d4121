import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';
import { SOURCE_ID } from './mapping/alert';
import { AnnouncedAlert } from './pull';

/** The events backend topic Opsgenie deliveries are published on. */
export const OPSGENIE_TOPIC = 'opsgenie';

// What is read of a Webhook integration delivery: which alert, for reports.
const deliverySchema = z.object({
  action: z.string(),
  alert: z.object({
    alertId: z.string().min(1),
    tinyId: z.string().nullish(),
    message: z.string().nullish(),
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
