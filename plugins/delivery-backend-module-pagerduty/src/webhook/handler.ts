import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { PagerDutyApi } from '../client/client';
import { SOURCE_ID } from '../mapping/common';
import { mapRestIncident } from '../mapping/incident';
import {
  incidentIdOf,
  mapWebhookIncident,
  parseWebhookEvent,
  WebhookEvent,
} from '../mapping/webhook';
import { IncidentStore } from '../pull/store';

// Shared with the events module serving the topic, in its own package.
export { PAGERDUTY_TOPIC } from '@internal/backstage-plugin-delivery-node';

export interface PagerDutyEventHandlerOptions {
  sink: DeliveryEventSink;
  store: IncidentStore;
  /** Without the REST API, incidents are mapped from the payload alone. */
  api?: PagerDutyApi;
  logger: LoggerService;
}

/**
 * Turns one webhooks v3 delivery (already signature-checked by the events
 * backend) into a stored incident. With the REST API, any `incident.*` event
 * (triggered, resolved, annotated, ...) makes the module read the incident
 * afresh: the stored event is then the same as the pull's, with its resolution
 * time and the deployment its notes or alerts name, whatever order deliveries
 * come in. Each delivery is reported to the source status, failures with why.
 */
export function createPagerDutyEventHandler(
  options: PagerDutyEventHandlerOptions,
) {
  const { sink, store, api, logger } = options;

  const report = (error?: string) =>
    sink.reportSync({
      source: SOURCE_ID,
      via: 'webhook',
      ...(error ? { error } : {}),
    });

  const handleEvent = async (event: WebhookEvent, what: string) => {
    const incidentId = incidentIdOf(event);
    if (!incidentId) {
      logger.debug(`Ignoring ${what}: not about an incident`);
      return;
    }
    const mapped = api
      ? mapRestIncident(await api.getIncident(incidentId))
      : mapWebhookIncident(event);
    if ('skipped' in mapped) {
      logger.debug(`Ignoring ${what}: ${mapped.skipped}`);
      return;
    }
    await store(mapped, `${what} (incident ${incidentId})`);
  };

  return async ({ eventPayload }: EventParams) => {
    const event = parseWebhookEvent(eventPayload);
    if ('invalid' in event) {
      logger.warn(`Could not process a PagerDuty delivery: ${event.invalid}`);
      await report(event.invalid);
      return;
    }
    const what = `PagerDuty ${event.type} event ${event.id}`;
    try {
      await handleEvent(event, what);
      await report();
    } catch (error) {
      const message = `${what}: ${(error as Error).message ?? error}`;
      logger.warn(`Could not process ${message}`);
      await report(message);
    }
  };
}
