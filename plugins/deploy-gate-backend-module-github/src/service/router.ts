import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { deployGateDecisionsReadPermission } from '@internal/backstage-plugin-deploy-gate-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ReviewStore } from '../database/ReviewStore';
import { Reviewer } from '../review/Reviewer';

const overrideSchema = z.object({
  reason: z
    .string({ error: 'reason is required' })
    .trim()
    .min(1, 'reason is required')
    .max(2000, 'reason is longer than 2000 characters'),
});

const limitSchema = z.coerce
  .number({ error: 'limit must be a number' })
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(500, 'limit must be at most 500')
  .default(50);

function parse<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = [field, ...issue.path].filter(Boolean).join('.');
  throw new InputError(`${name}: ${issue.message}`);
}

/**
 * `GET /sources` (the GitHub callback status), `GET /github/reviews` and
 * `POST /github/reviews/:id/override`, under `/api/deploy-gate`.
 */
export async function createGithubRouter(options: {
  store: ReviewStore;
  reviewer: Reviewer;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { store, reviewer, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: [await store.sourceStatus()] });
  });

  router.get('/github/reviews', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: deployGateDecisionsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${deployGateDecisionsReadPermission.name}`,
      );
    }
    const limit = parse(limitSchema, req.query.limit, 'limit');
    res.json({ items: await store.list(limit) });
  });

  router.post('/github/reviews/:id/override', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const id = parse(
      z.coerce.number({ error: 'must be a number' }).int().min(1),
      req.params.id,
      'id',
    );
    const { reason } = parse(overrideSchema, req.body ?? {});
    res.json(await reviewer.override(id, reason, credentials, req));
  });

  return router;
}
