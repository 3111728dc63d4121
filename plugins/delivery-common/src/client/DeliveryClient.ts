import { ResponseError } from '@backstage/errors';
import type { CatalogDeliveryHealthResponse } from '../catalogHealth';
import type { LeadTimeBreakdown } from '../changes';
import type { FlagEvent, IncidentEvent } from '../events';
import type {
  ChangeFlow,
  DeliveryApi,
  DeploymentHealthRequest,
  DeploymentHealthResponse,
  EntityScorecard,
  EntityScorecardRequest,
  LeadTimeBreakdownRequest,
  ListChangesRequest,
  ListDeploymentsRequest,
  ListedChange,
  ListedDeployment,
  ListEventsRequest,
  ListFlagsRequest,
  Page,
  RolloutBurn,
  RolloutBurnRequest,
  Scorecards,
  ScorecardsRequest,
  SourceStatus,
  Timeline,
  TimelineRequest,
} from './types';

/**
 * The shape of Backstage's DiscoveryApi (frontend) and DiscoveryService (backend), so
 * that the client needs neither.
 */
export interface DeliveryDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The shape of Backstage's FetchApi: a fetch that carries the caller's identity. */
export interface DeliveryFetch {
  fetch: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** Talks to the delivery backend under `/api/delivery`. */
export class DeliveryClient implements DeliveryApi {
  constructor(
    private readonly options: {
      discoveryApi: DeliveryDiscovery;
      fetchApi: DeliveryFetch;
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

  listIncidents(request: ListEventsRequest): Promise<Page<IncidentEvent>> {
    return this.get('/incidents', { ...request });
  }

  getScorecards(request: ScorecardsRequest): Promise<Scorecards> {
    return this.get('/scorecards', { ...request });
  }

  getEntityScorecard(
    request: EntityScorecardRequest,
  ): Promise<EntityScorecard> {
    return this.get('/scorecards/entity', { ...request });
  }

  getLeadTimeBreakdown(
    request: LeadTimeBreakdownRequest,
  ): Promise<LeadTimeBreakdown> {
    return this.get('/lead-time-breakdown', { ...request });
  }

  getChangeFlow(request: LeadTimeBreakdownRequest): Promise<ChangeFlow> {
    return this.get('/change-flow', { ...request });
  }

  listChanges(request: ListChangesRequest): Promise<Page<ListedChange>> {
    return this.get('/changes', { ...request });
  }

  listFlags(request: ListFlagsRequest): Promise<Page<FlagEvent>> {
    return this.get('/flags', { ...request });
  }

  getDeploymentHealth(
    request: DeploymentHealthRequest,
  ): Promise<DeploymentHealthResponse> {
    return this.get('/deployment-health', { ...request });
  }

  getRolloutBurn(request: RolloutBurnRequest): Promise<RolloutBurn> {
    return this.get('/rollout-burn', { ...request });
  }

  async getSourceStatus(): Promise<SourceStatus[] | undefined> {
    const response = await this.fetch('/sources', {});
    // A backend without the route reports no freshness rather than failing the page.
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

  private async get<T>(path: string, query: Query): Promise<T> {
    const response = await this.fetch(path, query);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async fetch(path: string, query: Query): Promise<Response> {
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
