/*
 * POST /decision-counts {entityRefs, since?}: how many decisions the gate took per
 * component in one request, for batch readers (the maturity backend's deploy-gate facts).
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  DecisionCountsResponse,
  deployGateDecisionsReadPermission,
  MAX_DECISION_COUNT_REFS,
} from '@internal/backstage-plugin-deploy-gate-common';
import { parseEntityRefBatch } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DecisionStore } from '../database/DecisionStore';
import { GateService } from './GateService';
import { parseInput } from './requests';

const DEFAULT_DAYS = 30;

const sinceSchema = z.object({
  since: z.iso
    .datetime({
      offset: true,
      error: 'since must be an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z',
    })
    .optional(),
});

/** `POST /decision-counts`. */
export function decisionCountsRouter(options: {
  gate: Pick<GateService, 'authorize'>;
  decisions: Pick<DecisionStore, 'countSince'>;
  httpAuth: HttpAuthService;
  now?: () => number;
}): express.Router {
  const router = Router();
  router.post('/decision-counts', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (
      !(await options.gate.authorize(
        deployGateDecisionsReadPermission,
        credentials,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${deployGateDecisionsReadPermission.name}`,
      );
    }
    const refs = parseEntityRefBatch(req.body, MAX_DECISION_COUNT_REFS);
    const query = parseInput(sinceSchema, { since: req.body.since });
    const since = query.since
      ? new Date(query.since)
      : new Date((options.now ?? Date.now)() - DEFAULT_DAYS * 86_400_000);
    const counts = await options.decisions.countSince(refs, since);
    res.json({
      since: since.toISOString(),
      items: Object.fromEntries(counts),
    } satisfies DecisionCountsResponse);
  });
  return router;
}
