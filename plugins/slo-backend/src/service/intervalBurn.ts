/*
 * POST /interval-burn {entityRef, intervals: [{id, from, to}]}: the share of the error
 * budget each interval burned, e.g. each phase of a canary rollout (the delivery
 * backend's GET /rollout-burn asks it).
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  BurnInterval,
  intervalBurnOf,
  IntervalBurnResponse,
  planIntervalBurn,
  sloObjectivesReadPermission,
  StepCounts,
} from '@internal/backstage-plugin-slo-common';
import express from 'express';
import Router from 'express-promise-router';
import { intervalBurnBody, parse } from './requests';
import { hash, SloEvaluator } from './SloEvaluator';
import { SloService } from './SloService';

/**
 * Each interval's burn for every objective of the entity: one count series per
 * objective over the span of the intervals, at the step slo-common's
 * `planIntervalBurn` picks, each interval's share by `intervalBurnOf`. A failing
 * metric source is a 503 naming it (there is no last good answer to fall back on).
 */
export async function measureIntervalBurn(
  evaluator: SloEvaluator,
  entity: Entity,
  ref: string,
  intervals: BurnInterval[],
): Promise<IntervalBurnResponse> {
  const now = evaluator.evaluationTime();
  const plan = planIntervalBurn(intervals, now);
  const cacheKey = `interval-burn:v1:${ref}:${hash({
    plan,
    annotations: entity.metadata.annotations ?? {},
  })}`;
  const cached = (await evaluator.options.cache.get(cacheKey)) as
    | IntervalBurnResponse
    | undefined;
  if (cached) return cached;

  const definitions = await evaluator.loadDefinitions(entity);
  const source = evaluator.sourceFor(definitions);
  const { range } = plan;
  let objectives: Array<{
    objective: (typeof definitions.objectives)[number];
    points?: StepCounts[];
  }> = [];
  if (source) {
    try {
      objectives = await Promise.all(
        definitions.objectives.map(async objective => ({
          objective,
          points: range
            ? (
                await evaluator.series(source, objective, {
                  ...range,
                  stepMs: plan.stepMs,
                })
              ).points
            : undefined,
        })),
      );
    } catch (error) {
      throw new ServiceUnavailableError(
        `metric source ${source.id} failed: ${(error as Error).message}`,
      );
    }
  }
  const response: IntervalBurnResponse = {
    entityRef: ref,
    stepMs: plan.stepMs,
    intervals: intervalBurnOf({ intervals: plan.intervals, objectives }),
  };
  await evaluator.options.cache.set(cacheKey, response as any, {
    ttl: evaluator.options.config.cacheTtlMs,
  });
  return response;
}

/** `POST /interval-burn`. */
export function intervalBurnRouter(
  service: Pick<SloService, 'authorize' | 'intervalBurn'>,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  router.post('/interval-burn', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await service.authorize(sloObjectivesReadPermission, credentials);
    const body = parse(intervalBurnBody, req.body);
    res.json(
      await service.intervalBurn(body.entityRef, body.intervals, credentials),
    );
  });
  return router;
}
