import {
  ApiRef,
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DeployGateApi,
  GateDecisionRecord,
} from '@internal/backstage-plugin-delivery-react';

/**
 * The deploy gate's stored decisions (`GET /api/deploy-gate/decisions`) and the SLO
 * backend's freeze (`GET /api/slo/policy`), over HTTP: no import of either plugin.
 */
export class DeployGateClient implements DeployGateApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getDecisions(entityRef: string): Promise<GateDecisionRecord[]> {
    const body = await this.get<{ items: GateDecisionRecord[] }>(
      'deploy-gate',
      `/decisions?${new URLSearchParams({ entityRef, limit: '500' })}`,
    );
    return body.items;
  }

  async getFreeze(
    entityRef: string,
  ): Promise<{ frozen: boolean; since?: string }> {
    const body = await this.get<{
      frozen: boolean;
      frozenSince: string | null;
    }>('slo', `/policy?${new URLSearchParams({ entityRef })}`);
    return {
      frozen: body.frozen,
      ...(body.frozenSince ? { since: body.frozenSince } : {}),
    };
  }

  private async get<T>(pluginId: string, path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(pluginId);
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** The client's factory for both frontend systems (as `deliveryClientFactory`). */
export function deployGateClientFactory(api: ApiRef<DeployGateApi>) {
  return {
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: (deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) =>
      new DeployGateClient(deps),
  };
}
