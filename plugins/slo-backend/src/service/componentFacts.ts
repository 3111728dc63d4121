/*
 * POST /component-facts {entityRefs: [...]}: each component's objectives as facts in
 * one request, for batch readers (the maturity backend's SLO facts).
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ComponentSloFactsResponse,
  MAX_COMPONENT_FACTS_REFS,
  SloObjectiveFacts,
  ObjectiveReport,
  sloObjectivesReadPermission,
} from '@internal/backstage-plugin-slo-common';
import { SloMetricSource } from '@internal/backstage-plugin-slo-node';
import { parseEntityRefBatch } from '@internal/entity-scope';
import express from 'express';
import Router from 'express-promise-router';
import { NO_SOURCE } from './SloEvaluator';
import { SloService } from './SloService';

/**
 * An objective report as facts: measured when a source answers for it, alerting when
 * that source generates rules, and its complete compliance periods met, newest first.
 */
export const objectiveFactsOf =
  (sources: SloMetricSource[]) =>
  (report: ObjectiveReport): SloObjectiveFacts => {
    const hasMetricSource = report.source.type !== NO_SOURCE.type;
    const source = sources.find(s => s.id === report.source.id);
    return {
      id: report.id,
      hasMetricSource,
      alerting: hasMetricSource && typeof source?.rules === 'function',
      periodsMet: report.compliance
        .filter(p => !p.inProgress)
        .sort((a, b) => b.from.localeCompare(a.from))
        .map(p => p.met),
    };
  };

/** `POST /component-facts`. */
export function componentFactsRouter(
  service: Pick<SloService, 'authorize' | 'componentFacts'>,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/component-facts', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const refs = parseEntityRefBatch(req.body, MAX_COMPONENT_FACTS_REFS);
    await service.authorize(sloObjectivesReadPermission, credentials);
    const items = await service.componentFacts(refs, credentials);
    res.json({ items } satisfies ComponentSloFactsResponse);
  });
  return router;
}
