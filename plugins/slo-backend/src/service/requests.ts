import { parseRequestPart } from '@internal/entity-scope';
import {
  MAX_BURN_INTERVALS,
  MAX_BURN_SPAN_DAYS,
} from '@internal/backstage-plugin-slo-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

/** At most this many deployments per /deployment-impact request. */
export const MAX_DEPLOYMENTS = 50;

const entityRef = z
  .string({ error: 'entityRef is required' })
  .trim()
  .min(1, 'entityRef is required')
  .max(300, 'entityRef is too long');

const isoInstant = (field: string) =>
  z
    .string({ error: `${field} must be an ISO-8601 date-time` })
    .refine(value => DateTime.fromISO(value, { setZone: true }).isValid, {
      message: `${field} must be an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z`,
    })
    .transform(value => DateTime.fromISO(value).toMillis());

export const objectivesQuery = z.object({
  entityRef,
  /** Evaluate at a past instant instead of now (not cached as "last good"). */
  at: isoInstant('at')
    .refine(at => at <= Date.now(), { message: 'at must not be in the future' })
    .optional(),
});

export const entityQuery = z.object({ entityRef });

export const rulesQuery = z.object({
  entityRef,
  format: z
    .enum(['json', 'yaml'], { error: 'format must be json or yaml' })
    .optional(),
});

/** `/policy` also answers `?system=` as the golden-path URL policy asks. */
export const policyQuery = z
  .object({ entityRef: entityRef.optional(), system: entityRef.optional() })
  .refine(q => !!(q.entityRef ?? q.system), {
    message: 'entityRef is required (or system)',
    path: ['entityRef'],
  });

export interface DeploymentRef {
  id: string;
  finishedAt: number;
}

export const deploymentImpactQuery = z.object({
  entityRef,
  deployments: z
    .string({ error: 'deployments is required: <id>@<ISO time>,...' })
    .min(1, 'deployments is required: <id>@<ISO time>,...')
    .transform((value, ctx): DeploymentRef[] => {
      const items = value
        .split(',')
        .map(item => item.trim())
        .filter(Boolean);
      if (items.length > MAX_DEPLOYMENTS) {
        ctx.addIssue({
          code: 'custom',
          message: `at most ${MAX_DEPLOYMENTS} deployments per request`,
        });
        return z.NEVER;
      }
      const parsed: DeploymentRef[] = [];
      for (const item of items) {
        const at = item.lastIndexOf('@');
        const id = at > 0 ? item.slice(0, at) : '';
        const time =
          at > 0
            ? DateTime.fromISO(item.slice(at + 1), { setZone: true })
            : undefined;
        if (!id || !time?.isValid) {
          ctx.addIssue({
            code: 'custom',
            message: `"${item}" is not <id>@<ISO time>, e.g. d1@2026-01-05T10:00:00Z`,
          });
          return z.NEVER;
        }
        parsed.push({ id, finishedAt: time.toMillis() });
      }
      return parsed;
    }),
  hours: z.coerce
    .number({ error: 'hours must be a number' })
    .positive('hours must be above 0')
    .max(48, 'hours must be at most 48')
    .optional(),
});

const DAY_MS = 86_400_000;

/**
 * `POST /interval-burn`: 1 to MAX_BURN_INTERVALS intervals, each with an id and
 * from < to, all within MAX_BURN_SPAN_DAYS of each other.
 */
export const intervalBurnBody = z.object(
  {
    entityRef,
    intervals: z
      .array(
        z
          .object(
            {
              id: z
                .string({ error: 'id is required' })
                .min(1, 'id is required')
                .max(200, 'id is longer than 200 characters'),
              from: isoInstant('from'),
              to: isoInstant('to'),
            },
            { error: 'each interval is an object {id, from, to}' },
          )
          .refine(i => i.from < i.to, {
            message: 'to must be after from',
            path: ['to'],
          }),
        { error: 'intervals must be an array of {id, from, to}' },
      )
      .min(1, 'intervals must hold at least one interval')
      .max(
        MAX_BURN_INTERVALS,
        `intervals may hold at most ${MAX_BURN_INTERVALS} intervals`,
      )
      .refine(
        intervals =>
          Math.max(...intervals.map(i => i.to)) -
            Math.min(...intervals.map(i => i.from)) <=
          MAX_BURN_SPAN_DAYS * DAY_MS,
        {
          message: `intervals must lie within ${MAX_BURN_SPAN_DAYS} days of each other`,
        },
      ),
  },
  { error: 'body must be a JSON object {"entityRef", "intervals": [...]}' },
);

/** Parses a request part, or throws a 400 naming each bad field. */
export const parse = parseRequestPart;
