import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { deployGateDecisionsReadPermission } from '@internal/backstage-plugin-deploy-gate-common';
import express from 'express';
import Router from 'express-promise-router';
import { DecisionStore } from '../database/DecisionStore';
import { decisionCountsRouter } from './decisionCounts';
import { GateService } from './GateService';
import { decisionRequestSchema, listQuerySchema, parseInput } from './requests';

export interface RouterOptions {
  gate: GateService;
  decisions: DecisionStore;
  httpAuth: HttpAuthService;
}

/** The deploy gate's HTTP API (`/api/deploy-gate/...`); answers follow deploy-gate-common's api.ts. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { gate, decisions, httpAuth } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  // Pipelines ask with a service token (external access), people with their own.
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.post('/decisions', async (req, res) => {
    const credentials = await caller(req);
    const input = parseInput(decisionRequestSchema, req.body);
    res.json(await gate.decide(input, credentials, { request: req }));
  });

  router.get('/decisions', async (req, res) => {
    const credentials = await caller(req);
    if (
      !(await gate.authorize(deployGateDecisionsReadPermission, credentials))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${deployGateDecisionsReadPermission.name}`,
      );
    }
    const query = parseInput(listQuerySchema, req.query);
    res.json({ items: await decisions.list(query) });
  });

  router.use(decisionCountsRouter(options));

  return router;
}
