/*
 * The API refs the delivery frontend plugins share. The delivery client's ref is used by
 * the delivery plugin (which provides it) and the SLO plugin (deployment markers); the
 * seams are left open by one plugin and lit up by another (SLO, golden paths), so the
 * refs live here and no frontend plugin imports another.
 */
import {
  ApiRef,
  createApiRef,
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { DeploymentEvent } from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryApi,
  DeliveryClient,
} from '@internal/backstage-plugin-delivery-common/client';

/** The delivery backend's client (`DeliveryClient` of delivery-common/client). */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery.api',
});

/**
 * Seam for the SLO plugin: flags deployments made while the service's error budget was
 * exhausted. Register an API for {@link deploymentFlagsApiRef} to light it up; without
 * one, nothing is flagged.
 */
export interface DeploymentFlagsApi {
  /** Flags by deployment key (`source/id`); deployments without flags may be left out. */
  getFlags(request: {
    entityRef: string;
    deployments: Array<
      Pick<DeploymentEvent, 'source' | 'id' | 'environment' | 'startedAt'>
    >;
  }): Promise<Record<string, DeploymentFlags>>;
}

export interface DeploymentFlags {
  errorBudgetExhausted?: boolean;
  /** A production deployment made during a freeze without a passing gate decision. */
  freeze?: FreezeMark;
}

/**
 * Why a production deployment made during a freeze is marked:
 * - `overridden`: the deploy gate denied it and `by` overrode the denial (`reason`);
 * - `denied`: the gate's latest decision for it was deny, and it was deployed anyway;
 * - `not-gated`: no gate decision is recorded for that component, environment and
 *   version or commit.
 */
export type FreezeMark =
  | {
      kind: 'overridden';
      by: string;
      reason: string;
      decisionId: string;
      decidedAt: string;
    }
  | { kind: 'denied'; decisionId: string; decidedAt: string }
  | { kind: 'not-gated' };

/**
 * A stored deploy gate decision as `GET /api/deploy-gate/decisions` answers it (the
 * fields the marks read; the full wire type is deploy-gate-common's `StoredDecision`).
 */
export interface GateDecisionRecord {
  decisionId: string;
  createdAt: string;
  entityRef: string;
  environment: string;
  decision: 'allow' | 'warn' | 'deny';
  request: { version?: string; commitSha?: string };
  override?: { by: string; reason: string };
}

/**
 * The deploy gate and the error budget freeze as the timeline marks them: the gate's
 * stored decisions and the SLO backend's current freeze of a component.
 */
export interface DeployGateApi {
  /** The component's stored decisions, newest first (at most 500). */
  getDecisions(entityRef: string): Promise<GateDecisionRecord[]>;
  /** `GET /api/slo/policy`: whether the component is frozen and since when. */
  getFreeze(entityRef: string): Promise<{ frozen: boolean; since?: string }>;
}

/** Optional: deploy gate decisions and freezes; without it nothing is marked. */
export const deployGateApiRef = createApiRef<DeployGateApi>({
  id: 'plugin.delivery.deploy-gate',
});

/** Optional: deployments flagged by another plugin (the SLO plugin's error budget). */
export const deploymentFlagsApiRef = createApiRef<DeploymentFlagsApi>({
  id: 'plugin.delivery.deployment-flags',
});

/** A service's SLO status and error budget left, as the team scorecard shows it. */
export interface ServiceSloSummary {
  status: 'ok' | 'warning' | 'breached';
  errorBudgetRemaining: number;
}

/**
 * Seam for the SLO plugin: each service's SLO status and error budget left. Nothing is
 * shown while no plugin provides it.
 */
export interface ServiceSloApi {
  getSloSummaries(
    entityRefs: string[],
  ): Promise<Record<string, ServiceSloSummary>>;
}

/** Optional: SLO status per service, provided by the SLO plugin. */
export const serviceSloApiRef = createApiRef<ServiceSloApi>({
  id: 'plugin.delivery-scorecards.slo',
});

/** The template a service was started from and its version. */
export interface ServiceGoldenPath {
  template: string;
  version?: string;
  latestVersion?: string;
}

/**
 * Seam for the golden-path plugin: the template a service was started from and its
 * version. Nothing is shown while no plugin provides it.
 */
export interface GoldenPathApi {
  getGoldenPaths(
    entityRefs: string[],
  ): Promise<Record<string, ServiceGoldenPath>>;
}

/** Optional: golden-path template per service, provided by the golden-path plugin. */
export const goldenPathApiRef = createApiRef<GoldenPathApi>({
  id: 'plugin.delivery-scorecards.golden-path',
});

/**
 * How both frontend systems make the delivery backend's client for `api` (the
 * delivery plugin's ref or the scorecards plugin's): `createApiFactory(...)` in the
 * legacy system, `defineParams(...)` of an ApiBlueprint in the new one.
 */
export function deliveryClientFactory<T>(api: ApiRef<T>) {
  return {
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: (deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) =>
      new DeliveryClient(deps),
  };
}
