import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CatalogDeliveryHealthResponse,
  DeliveryApi,
  ListedDeployment,
  DeploymentFlagsApi,
  ListDeploymentsRequest,
  Page,
  SourceStatus,
  Timeline,
  TimelineRequest,
} from './types';

/** @public */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery.api',
});

/**
 * Optional: deployments flagged by another plugin (the SLO plugin's error budget).
 *
 * @public
 */
export const deploymentFlagsApiRef = createApiRef<DeploymentFlagsApi>({
  id: 'plugin.delivery.deployment-flags',
});

/** Talks to the delivery backend under `/api/delivery`. @public */
export class DeliveryClient implements DeliveryApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getTimeline(request: TimelineRequest): Promise<Timeline> {
    return this.get('/timeline', { ...request });
  }

  listDeployments(
    request: ListDeploymentsRequest,
  ): Promise<Page<ListedDeployment>> {
    return this.get('/deployments', { ...request });
  }

  async getSourceStatus(): Promise<SourceStatus[] | undefined> {
    const response = await this.fetch('/sources', {});
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as { items?: SourceStatus[] };
    return body.items ?? [];
  }

  async getCatalogHealth(
    entityRefs: string[],
  ): Promise<CatalogDeliveryHealthResponse> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('delivery');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/catalog-health`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRefs }),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CatalogDeliveryHealthResponse;
  }

  private async get<T>(
    path: string,
    query: Record<string, string | number | undefined>,
  ): Promise<T> {
    const response = await this.fetch(path, query);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async fetch(
    path: string,
    query: Record<string, string | number | undefined>,
  ): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('delivery');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return this.options.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
  }
}
