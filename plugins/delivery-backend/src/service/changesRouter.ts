import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ChangesService } from './changes';
import { breakdownQuerySchema, changesQuerySchema } from './changesSchemas';
import { parse } from './requests';

/**
 * GET /lead-time-breakdown?entityRef&from&to, GET /change-flow?entityRef&from&to and
 * GET /changes?entityRef[&from&to][&deploymentSource&deploymentId][&state&limit&cursor].
 */
export function changesRouter(
  changes: ChangesService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/lead-time-breakdown', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await changes.breakdown(parse(breakdownQuerySchema, req.query), caller),
    );
  });

  router.get('/change-flow', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await changes.flow(parse(breakdownQuerySchema, req.query), caller),
    );
  });

  router.get('/changes', async (req, res) => {
    const caller = await credentials(req);
    res.json(await changes.list(parse(changesQuerySchema, req.query), caller));
  });

  return router;
}
