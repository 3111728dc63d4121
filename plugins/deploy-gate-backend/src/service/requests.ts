import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DEPLOY_KINDS } from '@internal/backstage-plugin-deploy-gate-common';
import { parseRequestPart } from '@internal/entity-scope';
import { z } from 'zod';

export const MAX_LIST_LIMIT = 500;
const DEFAULT_LIST_LIMIT = 50;

const required = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is longer than ${max} characters`);

/** `Component:default/Foo` -> `component:default/foo`; `foo` is a component. */
const entityRef = (defaultKind: string) =>
  required('entityRef', 300).transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ).toLowerCase();
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const optionalText = (field: string, max: number) =>
  required(field, max).optional();

export const decisionRequestSchema = z.object({
  entityRef: entityRef('component'),
  environment: required('environment', 100),
  version: optionalText('version', 200),
  commitSha: z
    .string({ error: 'commitSha must be a string' })
    .regex(/^[0-9a-f]{7,64}$/i, 'commitSha must be a hex commit id')
    .optional(),
  kind: z
    .enum(DEPLOY_KINDS, {
      error: `kind must be one of ${DEPLOY_KINDS.join(', ')}`,
    })
    .optional(),
  remediates: optionalText('remediates', 200),
  requestedBy: optionalText('requestedBy', 300),
  override: z
    .object(
      {
        reason: required('override.reason', 2000).describe(
          'why deploy although the gate denies',
        ),
      },
      { error: 'override must be an object: {reason}' },
    )
    .optional(),
});

export type ParsedDecisionRequest = z.infer<typeof decisionRequestSchema>;

export const listQuerySchema = z.object({
  entityRef: entityRef('component').optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_LIST_LIMIT, `limit must be at most ${MAX_LIST_LIMIT}`)
    .default(DEFAULT_LIST_LIMIT),
});

export const ownerSchema = z.object({ owner: entityRef('group') });

/** Parses a request part, or throws a 400 naming each bad field first. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  return parseRequestPart(schema, value ?? {});
}
