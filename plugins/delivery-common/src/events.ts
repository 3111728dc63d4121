import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseInstant, toMillis } from './time';

/** Run states a deployment event can report. Only `success` counts for DORA. */
export const deploymentStatuses = [
  'success',
  'failure',
  'cancelled',
  'in_progress',
] as const;

/** @public */
export type DeploymentStatus = (typeof deploymentStatuses)[number];

/** Earliest and latest instant stored: 1970-01-01 to 9999-12-31 (UTC). */
const EARLIEST_MS = 0;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Sources must send an explicit offset: a bare local time is ambiguous. Instants
// outside 1970..9999 (UTC) are mistakes (year 0000, a zero epoch in the wrong unit)
// that the databases cannot all store: refused with the field's name.
const isoDateTime = z.iso.datetime({ offset: true }).refine(
  value => {
    const parsed = parseInstant(value);
    // An unparsable value already failed the format check on this field.
    if (!parsed.isValid) return true;
    const ms = parsed.toMillis();
    return ms >= EARLIEST_MS && ms <= LATEST_MS;
  },
  { error: 'must be between 1970-01-01 and 9999-12-31 (UTC)' },
);

const entityRef = z
  .string()
  .max(300)
  .regex(/^[a-z]+:[^/:\s]+\/[^/:\s]+$/i, {
    error: 'must be a full catalog entity ref like component:default/name',
  });

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** The same instant as `YYYY-MM-DDTHH:mm:ss.SSSZ` in UTC, the stored form. */
export function toUtcIso(iso: string): string {
  return DateTime.fromMillis(toMillis(iso), { zone: 'utc' }).toISO()!;
}

// Compared as instants, not strings: the two offsets may differ. Zod still
// runs refinements after a format error, which is already reported on its
// own field, so an unparsable date passes here rather than adding noise.
function notBefore(start: string, end: string | null | undefined): boolean {
  if (!end) {
    return true;
  }
  const [s, e] = [parseInstant(start), parseInstant(end)];
  return !s.isValid || !e.isValid || e >= s;
}

export const commitSchema = z.object({
  sha: z.string().trim().min(1).max(100),
  committedAt: isoDateTime,
  author: z.string().max(200).optional(),
  message: z.string().max(5000).optional(),
});

export const deploymentEventSchema = z
  .object({
    kind: z.literal('deployment'),
    source: z.string().min(1).max(100),
    id: z.string().min(1).max(200),
    entityRef,
    environment: z.string().min(1).max(100),
    status: z.enum(deploymentStatuses),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.nullish(),
    version: z.string().max(200).optional(),
    url: httpUrl.optional(),
    commits: z.array(commitSchema).max(10000).default([]),
    rollbackOf: z.string().max(200).optional(),
    remediates: z.string().max(200).optional(),
    /**
     * Who or what started the run, as the source tool names it: a user and the
     * trigger (`octocat (push)`), an automation (`argocd: automated sync`) or a
     * schedule (`jenkins: timer`). Free text for people, never parsed.
     */
    triggeredBy: z.string().trim().min(1).max(300).optional(),
  })
  .refine(e => e.status === 'in_progress' || !!e.finishedAt, {
    error: 'finishedAt is required unless status is in_progress',
    path: ['finishedAt'],
  })
  .refine(e => notBefore(e.startedAt, e.finishedAt), {
    error: 'finishedAt must not be before startedAt',
    path: ['finishedAt'],
  });

export const incidentEventSchema = z
  .object({
    kind: z.literal('incident'),
    source: z.string().min(1).max(100),
    id: z.string().min(1).max(200),
    entityRef,
    title: z.string().min(1).max(500),
    severity: z.string().max(50).optional(),
    openedAt: isoDateTime,
    resolvedAt: isoDateTime.optional(),
    deploymentId: z.string().max(200).optional(),
    url: httpUrl.optional(),
  })
  .refine(e => notBefore(e.openedAt, e.resolvedAt), {
    error: 'resolvedAt must not be before openedAt',
    path: ['resolvedAt'],
  });

export const deliveryEventSchema = z.discriminatedUnion('kind', [
  deploymentEventSchema,
  incidentEventSchema,
]);

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
export type DeliveryEvent = z.infer<typeof deliveryEventSchema>;

/** One line naming every failing field, e.g. for a 400 response body. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = issue.path.map(String).join('.');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}
