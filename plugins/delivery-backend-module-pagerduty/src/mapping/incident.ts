import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod';
import { draftOf, IncidentMappingResult, incidentCoreSchema } from './common';

// Only the fields the mapping reads; anything else in the response is ignored.
const restIncidentSchema = incidentCoreSchema.extend({
  resolved_at: z.string().nullish(),
  last_status_change_at: z.string().nullish(),
});

/**
 * Maps an incident from the REST API (`GET /incidents`, `GET /incidents/{id}`).
 * A resolved incident is resolved at its `resolved_at`; accounts whose API
 * predates that field give `last_status_change_at`, which for a resolved
 * incident is the resolution (resolved is final until a reopen changes the
 * status again).
 */
export function mapRestIncident(payload: unknown): IncidentMappingResult {
  const parsed = restIncidentSchema.safeParse(payload);
  if (!parsed.success) {
    return { skipped: `not an incident: ${formatZodError(parsed.error)}` };
  }
  const incident = parsed.data;
  if (incident.status !== 'resolved') {
    return draftOf(incident, undefined);
  }
  const resolvedAt = incident.resolved_at ?? incident.last_status_change_at;
  if (!resolvedAt) {
    return { skipped: `incident ${incident.id} is resolved but says not when` };
  }
  return draftOf(incident, resolvedAt);
}
