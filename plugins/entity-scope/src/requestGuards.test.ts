import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { z } from 'zod';
import { authorizeOrThrow, parseRequestPart } from './requestGuards';

describe('parseRequestPart', () => {
  const schema = z.object({
    limit: z.coerce.number().max(500, 'must be at most 500'),
    entityRef: z.string({ error: 'is required' }),
  });

  it('answers the parsed value', () => {
    expect(
      parseRequestPart(schema, { limit: '20', entityRef: 'component:a' }),
    ).toEqual({ limit: 20, entityRef: 'component:a' });
  });

  it('throws a 400 naming each bad field', () => {
    expect(() => parseRequestPart(schema, { limit: '600' })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'limit: must be at most 500; entityRef: is required',
      }),
    );
  });

  it('names no field for a problem with the whole value', () => {
    expect(() =>
      parseRequestPart(z.array(z.string(), { error: 'must be a list' }), 3),
    ).toThrow('must be a list');
  });
});

describe('authorizeOrThrow', () => {
  const permission = createPermission({
    name: 'delivery.dora.read',
    attributes: { action: 'read' },
  });

  const permissionsAnswering = (
    result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  ) =>
    mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result })),
    });

  it.each([
    [AuthorizeResult.ALLOW, { allowed: true }],
    [
      AuthorizeResult.DENY,
      {
        allowed: false,
        name: 'NotAllowedError',
        message: 'Not allowed: delivery.dora.read',
      },
    ],
  ])('answers %s as %o', async (result, expected) => {
    const outcome = await authorizeOrThrow(
      permissionsAnswering(result),
      permission,
      mockCredentials.user(),
    ).then(
      () => ({ allowed: true }),
      (error: Error) => ({
        allowed: false,
        name: error.name,
        message: error.message,
      }),
    );
    expect(outcome).toEqual(expected);
  });
});
