import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod';
import { draftOf, IncidentMappingResult, incidentCoreSchema } from './common';

const envelopeSchema = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string().nullish(),
    occurred_at: z.string().min(1),
    data: z.unknown(),
  }),
});

/** One webhooks v3 event. */
export interface WebhookEvent {
  id: string;
  /** e.g. `incident.resolved`, `incident.annotated`, `pagey.ping` */
  type: string;
  occurredAt: string;
  data: unknown;
}

export function parseWebhookEvent(
  payload: unknown,
): WebhookEvent | { invalid: string } {
  const parsed = envelopeSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      invalid: `not a PagerDuty webhooks v3 event: ${formatZodError(
        parsed.error,
      )}`,
    };
  }
  const {
    id,
    event_type: type,
    occurred_at: occurredAt,
    data,
  } = parsed.data.event;
  return { id, type, occurredAt, data };
}

// `incident` data is the incident; `incident_note`, `incident_status_update`,
// `incident_responder` and later types name it in `incident`.
const incidentIdSchema = z.union([
  z.object({ type: z.literal('incident'), id: z.string().min(1) }),
  z
    .object({ incident: z.object({ id: z.string().min(1) }) })
    .transform(data => ({ id: data.incident.id })),
]);

/** The incident an event is about, when it is about one. */
export function incidentIdOf(event: WebhookEvent): string | undefined {
  if (!event.type.startsWith('incident.')) return undefined;
  const parsed = incidentIdSchema.safeParse(event.data);
  return parsed.success ? parsed.data.id : undefined;
}

/**
 * Maps an event whose data is an incident, for when no REST API key is
 * configured. The payload does not say when a resolved incident was resolved,
 * except on `incident.resolved` itself (`occurred_at`); later events about a
 * resolved incident are skipped rather than move its resolution.
 */
export function mapWebhookIncident(event: WebhookEvent): IncidentMappingResult {
  const parsed = incidentCoreSchema
    .extend({ type: z.literal('incident') })
    .safeParse(event.data);
  if (!parsed.success) {
    return {
      skipped: `${event.type} carries no incident: ${formatZodError(
        parsed.error,
      )}`,
    };
  }
  const incident = parsed.data;
  if (incident.status !== 'resolved') {
    return draftOf(incident, undefined);
  }
  if (event.type !== 'incident.resolved') {
    return {
      skipped: `${event.type} on resolved incident ${incident.id}: only incident.resolved says when it was resolved`,
    };
  }
  return draftOf(incident, event.occurredAt);
}
