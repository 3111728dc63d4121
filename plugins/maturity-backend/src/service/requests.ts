import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { parseRequestPart } from '@internal/entity-scope';
import { z } from 'zod';
import { DEFAULT_HISTORY_WEEKS } from './MaturityService';

/** Refs per `POST /levels`: a catalog page. */
export const MAX_LEVEL_REFS = 500;
export const MAX_HISTORY_WEEKS = 104;

/** An entity ref, lower-cased; a bare name is a component in `default`. */
const entityRef = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(300, 'is longer than 300 characters')
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultKind: 'component' }),
      ).toLowerCase();
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an entity ref, e.g. component:default/name',
      });
      return z.NEVER;
    }
  });

export const entityQuery = z.object({ entityRef });

export const historyQuery = z.object({
  entityRef,
  weeks: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_HISTORY_WEEKS, `must be at most ${MAX_HISTORY_WEEKS}`)
    .default(DEFAULT_HISTORY_WEEKS),
});

/** Parses a request part, or throws a 400 naming each bad field. */
export const parse = parseRequestPart;
