import { EVENT_LIMITS } from '@internal/backstage-plugin-delivery-common';
import {
  DEPLOYMENT_DETAIL_KEYS,
  deploymentReferenceIn,
} from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';

const MAX_ID = EVENT_LIMITS.id;

const usable = (id: string | undefined) =>
  id && id.length <= MAX_ID ? id : undefined;

/**
 * The deployment a text names on a line `Deployment: <id>` (also `Deployment id:`
 * or `deployment_id:`; the first such line). The id is the delivery plugin's
 * deployment id, e.g. `acme/shop/runs/123`; markdown emphasis, list dashes and
 * quotes before it, and backticks or `<…>` around it, are fine.
 */
export function deploymentIdFromText(
  text: string | null | undefined,
): string | undefined {
  return usable(deploymentReferenceIn(text));
}

/**
 * The deployment an alert's details name: a `deployment_id` (or `deploymentId`,
 * `deployment`) entry of its custom details, or a `Deployment:` line when the
 * details are text (email integrations).
 */
export function deploymentIdFromDetails(details: unknown): string | undefined {
  if (typeof details === 'string') return deploymentIdFromText(details);
  if (!details || typeof details !== 'object') return undefined;
  const entries = details as Record<string, unknown>;
  for (const key of DEPLOYMENT_DETAIL_KEYS) {
    const value = entries[key];
    if (typeof value === 'string' && value.trim()) return usable(value.trim());
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

const notesSchema = z.array(
  z.object({ content: z.string().nullish(), created_at: z.string() }),
);

const alertsSchema = z.array(
  z.object({
    created_at: z.string(),
    body: z.object({ details: z.unknown() }).nullish(),
  }),
);

const byTime = (a: { created_at: string }, b: { created_at: string }) =>
  Date.parse(a.created_at) - Date.parse(b.created_at);

/**
 * The deployment an incident names. Notes come first, the newest naming one
 * winning: a responder who finds the cause (or corrects it) says so in a note.
 * Otherwise the alerts' details, the oldest naming one winning: what the
 * monitor or pipeline that triggered the incident sent.
 */
export function deploymentIdOf(records: {
  notes: unknown[];
  alerts: unknown[];
}): string | undefined {
  const notes = notesSchema.safeParse(records.notes);
  if (notes.success) {
    for (const note of [...notes.data].sort(byTime).reverse()) {
      const id = deploymentIdFromText(note.content);
      if (id) return id;
    }
  }
  const alerts = alertsSchema.safeParse(records.alerts);
  if (alerts.success) {
    for (const alert of [...alerts.data].sort(byTime)) {
      const id = deploymentIdFromDetails(alert.body?.details);
      if (id) return id;
    }
  }
  return undefined;
}
