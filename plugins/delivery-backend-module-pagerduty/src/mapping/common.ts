import {
  EVENT_LIMITS,
  type IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

export const SOURCE_ID = 'pagerduty';

/** An incident before a catalog entity is assigned to it. */
export type IncidentDraft = Omit<IncidentEvent, 'entityRef'>;

/** What PagerDuty says about one incident, ready to be matched to a component. */
export interface MappedIncident {
  incident: IncidentDraft;
  /** The PagerDuty service the incident belongs to. */
  service: { id: string; name?: string };
}

/** Either an incident, or why the record is not one (logged, not reported). */
export type IncidentMappingResult = MappedIncident | { skipped: string };

const MAX_TITLE = EVENT_LIMITS.title;
const MAX_SEVERITY = EVENT_LIMITS.severity;

/** PagerDuty's references (`service_reference`, `priority_reference`, ...). */
export const referenceSchema = z.object({
  id: z.string().min(1),
  summary: z.string().nullish(),
});

/** The incident fields both webhooks and the REST API carry. */
export const incidentCoreSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullish(),
  number: z.number().nullish(),
  incident_number: z.number().nullish(),
  status: z.string(),
  created_at: z.string().min(1),
  html_url: z.string().nullish(),
  urgency: z.string().nullish(),
  priority: referenceSchema.nullish(),
  service: referenceSchema,
});

export type IncidentCore = z.infer<typeof incidentCoreSchema>;

/** `P1` … when the account uses priorities, else the urgency (`high`, `low`). */
export function severityOf(incident: IncidentCore): string | undefined {
  const severity = incident.priority?.summary?.trim() || incident.urgency;
  return severity ? severity.slice(0, MAX_SEVERITY) : undefined;
}

export function titleOf(incident: IncidentCore): string {
  const number = incident.incident_number ?? incident.number;
  const title = incident.title?.trim() || (number ? `#${number}` : incident.id);
  return title.slice(0, MAX_TITLE);
}

/** The incident's web page, when PagerDuty gave an absolute http(s) URL. */
export function urlOf(incident: IncidentCore): string | undefined {
  const url = incident.html_url;
  try {
    return url && ['http:', 'https:'].includes(new URL(url).protocol)
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/** `end`, or `start` when clocks put the end first: the schema refuses that. */
function notBefore(start: string, end: string): string {
  return DateTime.fromISO(end) < DateTime.fromISO(start) ? start : end;
}

/** The fields of an incident event that do not depend on where it came from. */
export function draftOf(
  incident: IncidentCore,
  resolvedAt: string | undefined,
): MappedIncident {
  return {
    service: {
      id: incident.service.id,
      name: incident.service.summary ?? undefined,
    },
    incident: {
      kind: 'incident',
      source: SOURCE_ID,
      id: incident.id,
      title: titleOf(incident),
      severity: severityOf(incident),
      openedAt: incident.created_at,
      resolvedAt: resolvedAt && notBefore(incident.created_at, resolvedAt),
      url: urlOf(incident),
    },
  };
}
