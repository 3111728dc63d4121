import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  CountSeriesData,
  DeploymentImpact,
  deploymentImpactOf,
  DeploymentImpactResponse,
  objectiveImpact,
  SloObjective,
  windowBounds,
} from '@internal/backstage-plugin-slo-common';
import { DateTime } from 'luxon';
import { DeploymentRef } from './requests';
import { floorTo, HOUR_MS, MINUTE_MS, SloEvaluator } from './SloEvaluator';

/**
 * `GET /deployment-impact`: budget consumed in the hours after each deployment
 * against the same span before it (per objective, the after-span cut short by now),
 * and whether the budget was exhausted when it finished (the window ending at the
 * deployment, to the hour). The figures are slo-common's `objectiveImpact` and
 * `deploymentImpactOf`.
 */
export async function measureDeploymentImpact(
  evaluator: SloEvaluator,
  entity: Entity,
  ref: string,
  deployments: DeploymentRef[],
  hours: number,
): Promise<DeploymentImpactResponse> {
  const cacheKey = `impact:v2:${ref}:${hours}:${deployments
    .map(d => `${d.id}@${d.finishedAt}`)
    .join(',')}`;
  const cached = (await evaluator.options.cache.get(cacheKey)) as
    | DeploymentImpactResponse
    | undefined;
  if (cached) return cached;

  const definitions = await evaluator.loadDefinitions(entity);
  const source = evaluator.sourceFor(definitions);
  const now = evaluator.evaluationTime();
  const spanMs = hours * HOUR_MS;
  const perObjective: Array<{
    objective: SloObjective;
    around: Map<string, CountSeriesData>;
    history?: CountSeriesData;
  }> = [];
  if (source && deployments.length > 0) {
    try {
      for (const objective of definitions.objectives) {
        const around = new Map<string, CountSeriesData>();
        await Promise.all(
          deployments.map(async deployment => {
            const at = floorTo(deployment.finishedAt, 5 * MINUTE_MS);
            const from = at - spanMs;
            const to = Math.min(at + spanMs, now);
            if (to <= from) return;
            around.set(
              deployment.id,
              await evaluator.series(source, objective, {
                from,
                to,
                stepMs: 5 * MINUTE_MS,
              }),
            );
          }),
        );
        // One hourly series covering every deployment's window, for the frozen check.
        const starts = deployments.map(d =>
          windowBounds(
            objective.window,
            DateTime.fromMillis(d.finishedAt),
          ).start.toMillis(),
        );
        const historyFrom = floorTo(Math.min(...starts), HOUR_MS);
        const historyTo = Math.min(
          now,
          floorTo(Math.max(...deployments.map(d => d.finishedAt)), HOUR_MS) +
            HOUR_MS,
        );
        const history =
          historyTo > historyFrom
            ? await evaluator.series(source, objective, {
                from: historyFrom,
                to: historyTo,
                stepMs: HOUR_MS,
              })
            : undefined;
        perObjective.push({ objective, around, history });
      }
    } catch (error) {
      throw new ServiceUnavailableError(
        `metric source ${source.id} failed: ${(error as Error).message}`,
      );
    }
  }

  const { config } = evaluator.options;
  const impacts: DeploymentImpact[] = deployments.map(deployment => {
    const at = floorTo(deployment.finishedAt, 5 * MINUTE_MS);
    return deploymentImpactOf({
      deploymentId: deployment.id,
      finishedAt: deployment.finishedAt,
      at,
      hours,
      now,
      freezeWhenExhausted: config.errorBudgetPolicy.freezeWhenExhausted,
      objectives: perObjective.map(({ objective, around, history }) =>
        objectiveImpact({
          objective,
          at,
          finishedAt: deployment.finishedAt,
          spanMs,
          now,
          around: around.get(deployment.id)?.points,
          history: history?.points,
          minAllowedBadEvents: config.lowTrafficMinBadEvents,
        }),
      ),
    });
  });
  const response: DeploymentImpactResponse = { entityRef: ref, impacts };
  await evaluator.options.cache.set(cacheKey, response as any, {
    ttl: evaluator.options.config.cacheTtlMs,
  });
  return response;
}
