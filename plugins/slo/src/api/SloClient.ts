import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CatalogSloHealthResponse,
  DeploymentImpactResponse,
  ObjectivesResponse,
  PolicyResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import { DeploymentRef, SloApi, SloDocument } from './types';

/** @public */
export const sloApiRef = createApiRef<SloApi>({ id: 'plugin.slo.api' });

type Query = Record<string, string | undefined>;

/** `<id>@<iso>,...` as `/deployment-impact` reads it. */
export function formatDeploymentsParam(deployments: DeploymentRef[]): string {
  return deployments.map(d => `${d.id}@${d.at}`).join(',');
}

/** Talks to the SLO backend under `/api/slo`. @public */
export class SloClient implements SloApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getObjectives(request: { entityRef: string }): Promise<ObjectivesResponse> {
    return this.get('/objectives', request);
  }

  getStatus(request: { entityRef: string }): Promise<StatusResponse> {
    return this.get('/status', request);
  }

  getPolicy(request: { entityRef: string }): Promise<PolicyResponse> {
    return this.get('/policy', request);
  }

  getDeploymentImpact(request: {
    entityRef: string;
    deployments: DeploymentRef[];
  }): Promise<DeploymentImpactResponse> {
    return this.get('/deployment-impact', {
      entityRef: request.entityRef,
      deployments: formatDeploymentsParam(request.deployments),
    });
  }

  async getDocument(request: {
    entityRef: string;
    document: 'openslo' | 'rules';
  }): Promise<SloDocument> {
    const response = await this.options.fetchApi.fetch(
      await this.url(`/${request.document}`, {
        entityRef: request.entityRef,
        // /rules answers JSON unless asked for the rules file as Prometheus reads it.
        format: request.document === 'rules' ? 'yaml' : undefined,
      }),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return {
      text: await response.text(),
      contentType: response.headers.get('content-type') ?? 'text/plain',
    };
  }

  async getCatalogHealth(
    entityRefs: string[],
  ): Promise<CatalogSloHealthResponse> {
    const response = await this.options.fetchApi.fetch(
      await this.url('/catalog-health', {}),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRefs }),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CatalogSloHealthResponse;
  }

  private async get<T>(path: string, query: Query): Promise<T> {
    const response = await this.options.fetchApi.fetch(
      await this.url(path, query),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async url(path: string, query: Query): Promise<string> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('slo');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, value);
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}
