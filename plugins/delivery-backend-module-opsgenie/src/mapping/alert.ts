import type { IncidentEvent } from '@internal/backstage-plugin-delivery-common';
import {
  EVENT_LIMITS,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import {
  DEPLOYMENT_DETAIL_KEYS,
  deploymentReferenceIn,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { z } from 'zod';

export const SOURCE_ID = 'opsgenie';

/** An incident before a catalog entity is assigned to it. */
export type IncidentDraft = Omit<IncidentEvent, 'entityRef'>;

const MAX_TITLE = EVENT_LIMITS.title;
const MAX_ID = EVENT_LIMITS.id;

/** An alert as the Alert API returns it (`GET /v2/alerts`, `GET /v2/alerts/{id}`). */
export const alertSchema = z.object({
  id: z.string().min(1),
  tinyId: z.string().nullish(),
  message: z.string().nullish(),
  status: z.string(),
  tags: z.array(z.string()).nullish(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
  priority: z.string().nullish(),
  report: z.object({ closeTime: z.number().nullish() }).nullish(),
  // Only `GET /v2/alerts/{id}` has these.
  description: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});

export type Alert = z.infer<typeof alertSchema>;

export function parseAlert(value: unknown): Alert | { invalid: string } {
  const parsed = alertSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : { invalid: `not an alert: ${formatZodError(parsed.error)}` };
}

/**
 * When a closed alert was closed: its creation plus `report.closeTime` (the
 * milliseconds from creation to close), else its last update.
 */
export function closedAt(alert: Alert): string {
  const closeTime = alert.report?.closeTime;
  if (typeof closeTime === 'number' && closeTime >= 0) {
    return DateTime.fromISO(alert.createdAt, { zone: 'utc' })
      .plus({ milliseconds: closeTime })
      .toISO()!;
  }
  return alert.updatedAt;
}

const usable = (id: string | undefined) =>
  id && id.length <= MAX_ID ? id : undefined;

/**
 * The deployment an alert names: a `deployment_id` (or `deploymentId`,
 * `deployment`) entry of its details (extra properties), else a line
 * `Deployment: <id>` in its description.
 */
export function deploymentIdOf(alert: Alert): string | undefined {
  for (const key of DEPLOYMENT_DETAIL_KEYS) {
    const value = alert.details?.[key];
    if (typeof value === 'string' && value.trim()) return usable(value.trim());
  }
  return usable(deploymentReferenceIn(alert.description));
}

/**
 * Maps an alert to an incident: opened when created, resolved when closed (see
 * `closedAt`); acknowledged, snoozed and open alerts are open. The link needs the
 * web app's URL, which the API does not give.
 */
export function mapAlert(
  alert: Alert,
  options: { webUrl?: string } = {},
): IncidentDraft {
  const resolvedAt = alert.status === 'closed' ? closedAt(alert) : undefined;
  return {
    kind: 'incident',
    source: SOURCE_ID,
    id: alert.id,
    title: (
      alert.message?.trim() || `Alert #${alert.tinyId ?? alert.id}`
    ).slice(0, MAX_TITLE),
    severity: alert.priority ?? undefined,
    openedAt: alert.createdAt,
    resolvedAt,
    deploymentId: deploymentIdOf(alert),
    url: options.webUrl
      ? `${options.webUrl}/alert/detail/${encodeURIComponent(alert.id)}/details`
      : undefined,
  };
}
