import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { PolicySnapshot } from '@internal/backstage-plugin-deploy-gate-common';
import {
  PolicyResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';

/** The SLO backend's policy of one component, and how many objectives it evaluated. */
export interface LivePolicy {
  snapshot: PolicySnapshot;
  objectives: number;
}

/**
 * Reads the error budget policy from the SLO backend (`GET /api/slo/policy` for the
 * verdict, `GET /api/slo/status` for budget left and staleness) with the gate's own
 * service token. Throws when the SLO backend does not answer within the timeout or
 * answers an error.
 */
export class SloPolicyClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs: number;
    },
  ) {}

  async fetch(entityRef: string): Promise<LivePolicy> {
    const { discovery, auth, timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('slo'),
      auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'slo',
      }),
    ]);
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(
        `${baseUrl}${path}?entityRef=${encodeURIComponent(entityRef)}`,
        { headers: { Authorization: `Bearer ${token}` }, signal },
      );
      if (!response.ok) {
        throw new Error(
          `SLO backend ${path} answered ${response.status} ${response.statusText}`,
        );
      }
      return (await response.json()) as T;
    };
    // The verdict is required; budget left and staleness only add to it.
    const [policy, status] = await Promise.all([
      get<PolicyResponse>('/policy'),
      get<StatusResponse>('/status').catch(() => undefined),
    ]);
    return {
      snapshot: toSnapshot(policy, status, new Date().toISOString()),
      objectives: policy.objectives?.length ?? 0,
    };
  }
}

/** The gate's view of the SLO backend's answers (pure, for the tests). */
export function toSnapshot(
  policy: PolicyResponse,
  status: StatusResponse | undefined,
  asOf: string,
): PolicySnapshot {
  const objectives = policy.objectives ?? [];
  const remaining = (status?.components ?? [])
    .map(c => c.worstBudgetRemaining)
    .filter((r): r is number => typeof r === 'number');
  return {
    frozen: policy.frozen,
    ...(policy.frozenSince ? { since: policy.frozenSince } : {}),
    ...(remaining.length > 0
      ? { budgetRemaining: Math.min(...remaining) }
      : {}),
    stale: status?.stale ?? false,
    asOf,
    exhausted: objectives
      .filter(o => o.state === 'exhausted')
      .map(o => ({ entityRef: o.entityRef, objectiveId: o.id })),
    objectivesWithFigures: objectives.filter(o => o.state !== 'unknown').length,
  };
}
