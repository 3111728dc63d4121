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

/**
 * The longest value the event schema accepts per field (characters; `commits` in
 * items). Source modules cut or hash their values to fit.
 */
export const EVENT_LIMITS = {
  source: 100,
  id: 200,
  entityRef: 300,
  environment: 100,
  url: 2000,
  version: 200,
  triggeredBy: 300,
  commits: 10_000,
  commitSha: 100,
  commitAuthor: 200,
  commitMessage: 5000,
  title: 500,
  severity: 50,
  author: 300,
  /** Lines added or deleted by one change. */
  lines: 100_000_000,
  /** Phases of one progressive rollout (canary steps, pauses, analyses, ...). */
  phases: 500,
  phaseName: 200,
  flagKey: 200,
} as const;

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
  .max(EVENT_LIMITS.entityRef)
  .regex(/^[a-z]+:[^/:\s]+\/[^/:\s]+$/i, {
    error: 'must be a full catalog entity ref like component:default/name',
  });

const httpUrl = z.url({ protocol: /^https?$/ }).max(EVENT_LIMITS.url);

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
  sha: z.string().trim().min(1).max(EVENT_LIMITS.commitSha),
  committedAt: isoDateTime,
  author: z.string().max(EVENT_LIMITS.commitAuthor).optional(),
  message: z.string().max(EVENT_LIMITS.commitMessage).optional(),
});

/** What a phase of a progressive rollout does (Argo Rollouts' steps and outcomes). */
export const phaseKinds = [
  'canary-step',
  'pause',
  'analysis',
  'promote',
  'abort',
  'switch',
] as const;

/** @public */
export type PhaseKind = (typeof phaseKinds)[number];

/** Where a phase stands: `failed` on an analysis is what aborts a canary. */
export const phaseStatuses = [
  'pending',
  'running',
  'succeeded',
  'failed',
] as const;

/** @public */
export type PhaseStatus = (typeof phaseStatuses)[number];

/**
 * One phase of a progressive rollout: a canary step setting traffic `weight` (% to
 * the new version), a pause, an analysis run, the final promotion, an abort (traffic
 * back to the stable version) or a blue-green `switch` of the active service.
 */
export const deploymentPhaseSchema = z
  .object({
    name: z.string().trim().min(1).max(EVENT_LIMITS.phaseName),
    kind: z.enum(phaseKinds),
    weight: z.number().min(0).max(100).optional(),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.optional(),
    status: z.enum(phaseStatuses),
  })
  .refine(p => notBefore(p.startedAt, p.finishedAt), {
    error: 'finishedAt must not be before startedAt',
    path: ['finishedAt'],
  });

export const deploymentEventSchema = z
  .object({
    kind: z.literal('deployment'),
    source: z.string().min(1).max(EVENT_LIMITS.source),
    id: z.string().min(1).max(EVENT_LIMITS.id),
    entityRef,
    environment: z.string().min(1).max(EVENT_LIMITS.environment),
    status: z.enum(deploymentStatuses),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.nullish(),
    version: z.string().max(EVENT_LIMITS.version).optional(),
    url: httpUrl.optional(),
    commits: z.array(commitSchema).max(EVENT_LIMITS.commits).default([]),
    rollbackOf: z.string().max(EVENT_LIMITS.id).optional(),
    remediates: z.string().max(EVENT_LIMITS.id).optional(),
    /**
     * Who or what started the run, as the source tool names it: a user and the
     * trigger (`octocat (push)`), an automation (`argocd: automated sync`) or a
     * schedule (`jenkins: timer`). Free text for people, never parsed.
     */
    triggeredBy: z
      .string()
      .trim()
      .min(1)
      .max(EVENT_LIMITS.triggeredBy)
      .optional(),
    /**
     * The steps of a progressive rollout (canary or blue-green), in the order they
     * started. Absent for an all-at-once deployment.
     */
    phases: z.array(deploymentPhaseSchema).max(EVENT_LIMITS.phases).optional(),
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
    source: z.string().min(1).max(EVENT_LIMITS.source),
    id: z.string().min(1).max(EVENT_LIMITS.id),
    entityRef,
    title: z.string().min(1).max(EVENT_LIMITS.title),
    severity: z.string().max(EVENT_LIMITS.severity).optional(),
    openedAt: isoDateTime,
    resolvedAt: isoDateTime.optional(),
    deploymentId: z.string().max(EVENT_LIMITS.id).optional(),
    url: httpUrl.optional(),
  })
  .refine(e => notBefore(e.openedAt, e.resolvedAt), {
    error: 'resolvedAt must not be before openedAt',
    path: ['resolvedAt'],
  });

/** A commit of a change: what lead-time stages read of it. */
export const changeCommitSchema = z.object({
  sha: z.string().trim().min(1).max(EVENT_LIMITS.commitSha),
  committedAt: isoDateTime,
});

const lineCount = z.number().int().min(0).max(EVENT_LIMITS.lines);

/**
 * A pull request or merge request, once per component it touches (each with an id
 * of its own). See "Changes and lead-time stages" in the design and `changeStages`.
 */
export const changeEventSchema = z
  .object({
    kind: z.literal('change'),
    source: z.string().min(1).max(EVENT_LIMITS.source),
    id: z.string().min(1).max(EVENT_LIMITS.id),
    entityRef,
    number: z.number().int().min(0).optional(),
    title: z.string().max(EVENT_LIMITS.title).optional(),
    author: z.string().max(EVENT_LIMITS.author).optional(),
    url: httpUrl.optional(),
    openedAt: isoDateTime,
    firstCommitAt: isoDateTime.optional(),
    firstReviewAt: isoDateTime.optional(),
    mergedAt: isoDateTime.optional(),
    closedAt: isoDateTime.optional(),
    mergeCommitSha: z
      .string()
      .trim()
      .min(1)
      .max(EVENT_LIMITS.commitSha)
      .optional(),
    draft: z.boolean().optional(),
    additions: lineCount.optional(),
    deletions: lineCount.optional(),
    commits: z.array(changeCommitSchema).max(EVENT_LIMITS.commits).default([]),
  })
  // A review or merge cannot precede the opening: such a value is a mistake of the
  // sender, refused with its field rather than shown as a negative stage.
  .refine(e => notBefore(e.openedAt, e.firstReviewAt), {
    error: 'firstReviewAt must not be before openedAt',
    path: ['firstReviewAt'],
  })
  .refine(e => notBefore(e.openedAt, e.mergedAt), {
    error: 'mergedAt must not be before openedAt',
    path: ['mergedAt'],
  })
  .refine(e => notBefore(e.openedAt, e.closedAt), {
    error: 'closedAt must not be before openedAt',
    path: ['closedAt'],
  });

/** What a flag change did: turned on or off, changed its rollout %, or its targeting. */
export const flagActions = ['on', 'off', 'rollout', 'targeting'] as const;

/** @public */
export type FlagAction = (typeof flagActions)[number];

/**
 * A feature-flag change in one environment: a release (or a rollback) decoupled
 * from deployment. `percentage` is the share of traffic the flag serves after the
 * change; a `rollout` must give it.
 */
export const flagEventSchema = z
  .object({
    kind: z.literal('flag'),
    source: z.string().min(1).max(EVENT_LIMITS.source),
    id: z.string().min(1).max(EVENT_LIMITS.id),
    entityRef,
    flagKey: z.string().trim().min(1).max(EVENT_LIMITS.flagKey),
    environment: z.string().min(1).max(EVENT_LIMITS.environment),
    action: z.enum(flagActions),
    percentage: z.number().min(0).max(100).optional(),
    at: isoDateTime,
    author: z.string().max(EVENT_LIMITS.author).optional(),
    url: httpUrl.optional(),
  })
  .refine(e => e.action !== 'rollout' || e.percentage !== undefined, {
    error: 'percentage is required when action is rollout',
    path: ['percentage'],
  });

export const deliveryEventSchema = z.discriminatedUnion('kind', [
  deploymentEventSchema,
  incidentEventSchema,
  changeEventSchema,
  flagEventSchema,
]);

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type DeploymentPhase = z.infer<typeof deploymentPhaseSchema>;
export type FlagEvent = z.infer<typeof flagEventSchema>;
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
