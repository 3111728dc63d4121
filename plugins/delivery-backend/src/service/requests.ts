import { parseRequestPart } from '@internal/entity-scope';
import { InputError } from '@backstage/errors';
import { toUtcIso } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { deploymentOutcomes } from '../database/deploymentFilters';

/** At most this many events per POST /events. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/** Longest window one /dora request may cover. */
const MAX_WINDOW_DAYS = 400;

const isoInstant = (field: string) =>
  z
    .string({ error: `${field} is required (ISO-8601 date-time)` })
    .refine(value => DateTime.fromISO(value, { setZone: true }).isValid, {
      message: `${field} must be an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z`,
    })
    .transform(value => toUtcIso(value));

const entityRef = z
  .string({ error: 'entityRef is required' })
  .min(1, 'entityRef is required');

/** The fields of a request over a required window [from, to): /dora and /timeline. */
export const windowFields = {
  entityRef,
  from: isoInstant('from'),
  to: isoInstant('to'),
};

/** The window must be non-empty and cover at most MAX_WINDOW_DAYS. */
export function checkWindow(
  q: { from: string; to: string },
  ctx: z.RefinementCtx,
) {
  if (!(q.from < q.to)) {
    ctx.addIssue({
      code: 'custom',
      message: 'from must be before to',
      path: ['from'],
    });
  }
  const days = DateTime.fromISO(q.to).diff(
    DateTime.fromISO(q.from),
    'days',
  ).days;
  if (!(days <= MAX_WINDOW_DAYS)) {
    ctx.addIssue({
      code: 'custom',
      message: `the window may cover at most ${MAX_WINDOW_DAYS} days`,
      path: ['to'],
    });
  }
}

const doraQuerySchema = z
  .object({ ...windowFields, interval: z.enum(['week']).optional() })
  .superRefine(checkWindow);

const listQuerySchema = z.object({
  entityRef,
  from: isoInstant('from').optional(),
  to: isoInstant('to').optional(),
  environment: z.string().min(1).max(100).optional(),
  // Deployments only: the table's filters, applied before paging.
  source: z.string().min(1).max(100).optional(),
  outcome: z.enum(deploymentOutcomes).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int()
    .min(1)
    .max(500)
    .default(50),
  cursor: z.string().max(500).optional(),
});

const incidentQuerySchema = z.object({
  entityRef,
  id: z
    .string({ error: 'id is required' })
    .trim()
    .min(1, 'id is required')
    .max(200, 'id is longer than 200 characters'),
});

const eventsBodySchema = z.object(
  {
    events: z
      .array(z.unknown(), { error: 'events must be an array' })
      .max(
        MAX_EVENTS_PER_REQUEST,
        `events may hold at most ${MAX_EVENTS_PER_REQUEST} events per request`,
      ),
  },
  { error: 'body must be a JSON object {"events":[...]}' },
);

/** Parses a request part, or throws a 400 naming each bad field. */
export const parse = parseRequestPart;

export const parseDoraQuery = (query: unknown) => parse(doraQuerySchema, query);
export const parseListQuery = (query: unknown) => parse(listQuerySchema, query);
export const parseIncidentQuery = (query: unknown) =>
  parse(incidentQuerySchema, query);
export const parseEventsBody = (body: unknown): unknown[] =>
  parse(eventsBodySchema, body).events;

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(position: { at: string; pk: number }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): { at: string; pk: number } {
  try {
    const { at, pk } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof at === 'string' && Number.isInteger(pk)) {
      return { at: toUtcIso(at), pk };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: not a cursor returned by this API');
}
