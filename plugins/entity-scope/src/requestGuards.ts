import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import type { z } from 'zod';

/**
 * Parses a request part (query, body) with its schema, or throws a 400 naming each bad
 * field: `limit: must be at most 500; entityRef: is required`.
 *
 * @public
 */
export function parseRequestPart<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue =>
          issue.path.length > 0
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        )
        .join('; '),
    );
  }
  return result.data;
}

/**
 * Throws a 403 naming the first permission the caller is not allowed; several
 * permissions are asked in one round trip.
 *
 * @public
 */
export async function authorizeOrThrow(
  permissions: PermissionsService,
  permission: BasicPermission | BasicPermission[],
  credentials: BackstageCredentials,
): Promise<void> {
  const asked = Array.isArray(permission) ? permission : [permission];
  const decisions = await permissions.authorize(
    asked.map(p => ({ permission: p })),
    { credentials },
  );
  const denied = asked.find(
    (_p, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (denied) {
    throw new NotAllowedError(`Not allowed: ${denied.name}`);
  }
}
