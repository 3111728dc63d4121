import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { parse } from './requests';
import { ScorecardsService } from './scorecards';
import {
  entityScorecardQuerySchema,
  scorecardsQuerySchema,
} from './scorecardsSchemas';

/**
 * GET /scorecards?from&to[&parent][&system][&team] and
 * GET /scorecards/entity?entityRef&from&to.
 */
export function scorecardsRouter(
  scorecards: ScorecardsService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/', async (req, res) => {
    const caller = await credentials(req);
    const query = parse(scorecardsQuerySchema, req.query);
    if (query.team && query.parent) {
      throw new InputError('team and parent cannot be combined');
    }
    res.json(await scorecards.scorecards(query, caller));
  });

  router.get('/entity', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await scorecards.entityScorecard(
        parse(entityScorecardQuerySchema, req.query),
        caller,
      ),
    );
  });

  return router;
}
