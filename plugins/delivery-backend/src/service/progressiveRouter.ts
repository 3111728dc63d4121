import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ProgressiveService } from './progressive';
import { checkWindow, parse, windowFields } from './requests';

/** GET /deployment-health: entityRef, from, to. */
export const deploymentHealthQuerySchema = z
  .object({ ...windowFields })
  .superRefine(checkWindow);

const required = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is longer than ${max} characters`);

/** GET /rollout-burn: entityRef, and the deployment's source and id. */
export const rolloutBurnQuerySchema = z.object({
  entityRef: windowFields.entityRef,
  source: required('source', 100),
  id: required('id', 200),
});

/**
 * GET /deployment-health?entityRef&from&to (a verdict per production deployment) and
 * GET /rollout-burn?entityRef&source&id (the SLO burn of each phase of a rollout).
 */
export function progressiveRouter(
  progressive: ProgressiveService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/deployment-health', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await progressive.deploymentHealth(
        parse(deploymentHealthQuerySchema, req.query),
        caller,
      ),
    );
  });

  router.get('/rollout-burn', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await progressive.rolloutBurn(
        parse(rolloutBurnQuerySchema, req.query),
        caller,
      ),
    );
  });

  return router;
}
