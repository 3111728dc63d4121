import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRefBatch } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { MaturityService } from './MaturityService';
import { entityQuery, historyQuery, MAX_LEVEL_REFS, parse } from './requests';

export interface RouterOptions {
  service: MaturityService;
  httpAuth: HttpAuthService;
}

/** The maturity HTTP API (`/api/maturity/...`); answers follow maturity-common's api.ts. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  // Authenticate first (401 before any 400); the catalog decides what the caller sees.
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/entity', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(entityQuery, req.query);
    res.json(await service.entity(query.entityRef, credentials));
  });

  router.get('/history', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(historyQuery, req.query);
    res.json(await service.history(query.entityRef, query.weeks, credentials));
  });

  router.get('/organisation', async (req, res) => {
    res.json(await service.organisation(await caller(req)));
  });

  router.get('/initiatives', async (req, res) => {
    res.json(await service.initiatives(await caller(req)));
  });

  router.post('/levels', async (req, res) => {
    const credentials = await caller(req);
    const refs = parseEntityRefBatch(req.body, MAX_LEVEL_REFS);
    res.json(await service.levelsOf(refs, credentials));
  });

  return router;
}
