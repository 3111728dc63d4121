import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type {
  DeploymentImpact,
  DeploymentImpactResponse,
  IntervalBurn,
  IntervalBurnResponse,
} from '@internal/backstage-plugin-slo-common';

/** Deployments per `GET /api/slo/deployment-impact` (the SLO backend's own limit). */
export const IMPACT_BATCH = 50;

/**
 * The SLO backend's figures the delivery backend's verdicts read: the budget burned
 * around deployments (`GET /api/slo/deployment-impact`) and over a rollout's phases
 * (`POST /api/slo/interval-burn`), asked with the delivery backend's own service
 * token. Undefined when the SLO backend is not there, refuses, fails or is slower than
 * the timeout: the caller says "no SLO figures", never "healthy".
 */
export class SloBurnReader {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs: number;
    },
  ) {}

  /**
   * Each deployment's impact, in the order given (ids must not hold commas: the
   * caller passes keys of its own), `hours` before and after, in batches of
   * `IMPACT_BATCH` sharing one timeout.
   */
  async deploymentImpact(
    entityRef: string,
    deployments: Array<{ id: string; finishedAt: string }>,
    hours: number,
  ): Promise<DeploymentImpact[] | undefined> {
    return this.guarded(async call => {
      const impacts: DeploymentImpact[] = [];
      for (let i = 0; i < deployments.length; i += IMPACT_BATCH) {
        const query = new URLSearchParams({
          entityRef,
          deployments: deployments
            .slice(i, i + IMPACT_BATCH)
            .map(d => `${d.id}@${d.finishedAt}`)
            .join(','),
          hours: String(hours),
        });
        const body = await call<DeploymentImpactResponse>(
          `/deployment-impact?${query}`,
          { method: 'GET' },
        );
        impacts.push(...body.impacts);
      }
      return impacts;
    });
  }

  /** The budget each interval burned, in the order given. */
  async intervalBurn(
    entityRef: string,
    intervals: Array<{ id: string; from: string; to: string }>,
  ): Promise<IntervalBurn[] | undefined> {
    return this.guarded(async call => {
      const body = await call<IntervalBurnResponse>('/interval-burn', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRef, intervals }),
      });
      return body.intervals;
    });
  }

  private async guarded<T>(
    work: (
      call: <R>(path: string, init: RequestInit) => Promise<R>,
    ) => Promise<T>,
  ): Promise<T | undefined> {
    const { discovery, auth, timeoutMs } = this.options;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const [baseUrl, { token }] = await Promise.all([
        discovery.getBaseUrl('slo'),
        auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'slo',
        }),
      ]);
      return await work(async <R>(path: string, init: RequestInit) => {
        const response = await fetch(`${baseUrl}${path}`, {
          ...init,
          headers: { ...init.headers, Authorization: `Bearer ${token}` },
          signal,
        });
        if (!response.ok) {
          throw new Error(`SLO backend ${path} answered ${response.status}`);
        }
        return (await response.json()) as R;
      });
    } catch {
      return undefined;
    }
  }
}
