import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEventsReadPermission,
  deploymentVerdict,
  orderedPhases,
  parseWindow,
  rolloutKey,
  rolloutOutcome,
  rolloutStrategy,
  VerdictInput,
  VerdictThresholds,
} from '@internal/backstage-plugin-delivery-common';
import type {
  DeploymentHealth,
  DeploymentHealthRequest,
  DeploymentHealthResponse,
  DeploymentPhase,
  RolloutBurn,
  RolloutBurnRequest,
} from '@internal/backstage-plugin-delivery-common';
import {
  DeploymentImpact,
  MAX_BURN_SPAN_DAYS,
} from '@internal/backstage-plugin-slo-common';
import { groupBy } from '../database/chunks';
import {
  HealthDeployment,
  ProgressiveReads,
} from '../database/progressiveReads';
import { DeliveryService } from './DeliveryService';
import { resolveComponents } from './entityScope';
import { mapLimited } from './mapLimited';
import { SloBurnReader } from './sloBurnReader';

/** Newest production deployments given a verdict per request (the rest: `truncated`). */
export const MAX_HEALTH_DEPLOYMENTS = 200;

const DAY_MS = 86_400_000;

/** Components whose SLO figures are asked at once. */
const SLO_CONCURRENCY = 4;

/** `delivery.deploymentHealth`. */
export interface DeploymentHealthSettings extends VerdictThresholds {
  /** The span compared before and after each deployment (hours). */
  hours: number;
}

/**
 * Health verdicts of production deployments and the SLO burn of a rollout's phases:
 * events from the store, SLO figures from the SLO backend, verdicts from
 * delivery-common's `deploymentVerdict`.
 */
export class ProgressiveService {
  private readonly now: () => number;

  constructor(
    private readonly options: {
      reads: Pick<
        ProgressiveReads,
        'productionDeployments' | 'failureEvidence' | 'rollout'
      >;
      catalog: CatalogService;
      service: Pick<DeliveryService, 'authorize'>;
      slo: Pick<SloBurnReader, 'deploymentImpact' | 'intervalBurn'>;
      health: DeploymentHealthSettings;
      /** Clock, for tests. */
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  private async scope(entityRef: string, credentials: BackstageCredentials) {
    await this.options.service.authorize(
      deliveryEventsReadPermission,
      credentials,
    );
    return resolveComponents(entityRef, this.options.catalog, credentials);
  }

  /**
   * `GET /deployment-health`: a verdict for each production deployment of the
   * entity's components finished in [from, to), newest first, at most
   * `MAX_HEALTH_DEPLOYMENTS`.
   */
  async deploymentHealth(
    request: DeploymentHealthRequest,
    credentials: BackstageCredentials,
  ): Promise<DeploymentHealthResponse> {
    const entityRefs = await this.scope(request.entityRef, credentials);
    const { reads, health } = this.options;
    const window = parseWindow(request.from, request.to);
    const [deployments, evidence] = await Promise.all([
      reads.productionDeployments({
        entityRefs,
        ...window,
        limit: MAX_HEALTH_DEPLOYMENTS,
      }),
      reads.failureEvidence({ entityRefs, ...window }),
    ]);
    const { impacts, sloAvailable } = await this.impactsOf(deployments.items);
    return {
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      hours: health.hours,
      sloAvailable,
      truncated: deployments.truncated,
      items: deployments.items.map((deployment): DeploymentHealth => {
        const found = evidence.get(
          rolloutKey(deployment.source, deployment.id),
        );
        const verdict = deploymentVerdict(
          {
            hours: health.hours,
            burn: burnOf(impacts.get(deployment), health.hours),
            incidentIds: found?.incidentIds ?? [],
            rolledBackBy: found?.rolledBackBy ?? [],
            outcome: rolloutOutcome(deployment.phases),
          },
          health,
        );
        return {
          source: deployment.source,
          id: deployment.id,
          entityRef: deployment.entityRef,
          environment: deployment.environment,
          finishedAt: deployment.finishedAt,
          verdict: verdict.verdict,
          reasons: verdict.reasons,
          consumedAfter: verdict.consumedAfter,
          consumedBefore: verdict.consumedBefore,
          objectiveId: verdict.objectiveId,
          incidentIds: found?.incidentIds ?? [],
        };
      }),
    };
  }

  /**
   * The SLO backend's impact of each deployment, asked per component (a few at a
   * time) under keys of our own (ids may hold the commas the query separates on).
   * `sloAvailable` is false when any request got no answer.
   */
  private async impactsOf(deployments: HealthDeployment[]) {
    const impacts = new Map<HealthDeployment, DeploymentImpact>();
    let sloAvailable = true;
    const byComponent = [...groupBy(deployments, d => d.entityRef)];
    await mapLimited(byComponent, SLO_CONCURRENCY, async ([ref, ofRef]) => {
      const answer = await this.options.slo.deploymentImpact(
        ref,
        ofRef.map((d, index) => ({
          id: `d${index}`,
          finishedAt: d.finishedAt,
        })),
        this.options.health.hours,
      );
      if (!answer) {
        sloAvailable = false;
        return;
      }
      for (const impact of answer) {
        const deployment = ofRef[Number(impact.deploymentId.slice(1))];
        if (deployment) impacts.set(deployment, impact);
      }
    });
    return { impacts, sloAvailable };
  }

  /**
   * `GET /rollout-burn`: each phase of one deployment's rollout with the budget
   * burned while it ran (a running phase: until now). Phases that have not started
   * (pending) or took no time have no figure. 404 for a deployment the entity's
   * components do not have, or one without phases.
   */
  async rolloutBurn(
    request: RolloutBurnRequest,
    credentials: BackstageCredentials,
  ): Promise<RolloutBurn> {
    const entityRefs = await this.scope(request.entityRef, credentials);
    const rollout = await this.options.reads.rollout({
      entityRefs,
      source: request.source,
      id: request.id,
    });
    if (!rollout) {
      throw new NotFoundError(
        `id: no deployment ${request.id} from ${request.source} of ${request.entityRef}`,
      );
    }
    const phases = orderedPhases(rollout.phases);
    const strategy = rolloutStrategy(phases);
    const outcome = rolloutOutcome(phases);
    if (!strategy || !outcome) {
      throw new NotFoundError(
        `id: deployment ${request.id} from ${request.source} has no rollout phases`,
      );
    }
    // A phase still running is measured until now, and no phase beyond the span the
    // SLO backend measures at once from the rollout's start.
    const until = Math.min(
      this.now(),
      Date.parse(phases[0].startedAt) + MAX_BURN_SPAN_DAYS * DAY_MS,
    );
    const intervals = phases.flatMap((phase, index) => {
      const interval = intervalOf(phase, until);
      return interval ? [{ id: String(index), ...interval }] : [];
    });
    const burns =
      intervals.length > 0
        ? await this.options.slo.intervalBurn(rollout.entityRef, intervals)
        : [];
    const byId = new Map((burns ?? []).map(burn => [burn.id, burn]));
    return {
      entityRef: rollout.entityRef,
      source: rollout.source,
      id: rollout.id,
      strategy,
      outcome,
      sloAvailable: burns !== undefined,
      phases: phases.map((phase, index) => {
        const burn = byId.get(String(index));
        return {
          ...phase,
          consumed: burn?.consumed ?? null,
          objectiveId: burn?.objectiveId ?? null,
        };
      }),
    };
  }
}

/**
 * The span a phase ran, up to `until` (epoch ms): until its end, or while it runs
 * until `until`; none for a pending phase or one that took no time.
 */
function intervalOf(
  phase: DeploymentPhase,
  until: number,
): { from: string; to: string } | undefined {
  if (phase.status === 'pending') return undefined;
  const from = Date.parse(phase.startedAt);
  const to = Math.min(
    phase.finishedAt ? Date.parse(phase.finishedAt) : until,
    until,
  );
  return to > from
    ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() }
    : undefined;
}

/** The verdict's view of one deployment's impact; undefined without an answer. */
function burnOf(
  impact: DeploymentImpact | undefined,
  hours: number,
): VerdictInput['burn'] {
  if (!impact) return undefined;
  return {
    objectives:
      impact.objectives ??
      (impact.objectiveId
        ? [
            {
              objectiveId: impact.objectiveId,
              consumedBefore: impact.consumedBefore,
              consumedAfter: impact.consumedAfter,
            },
          ]
        : []),
    afterHours: impact.afterHours ?? hours,
  };
}
