import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DoraScorecardsApi,
  EntityScorecard,
  GoldenPathApi,
  IncidentEvent,
  ListedDeployment,
  ListEventsRequest,
  Page,
  Scorecards,
  ScorecardsRequest,
  ServiceSloApi,
  SourceStatus,
} from './types';

/** @public */
export const doraScorecardsApiRef = createApiRef<DoraScorecardsApi>({
  id: 'plugin.delivery-scorecards.api',
});

/** Optional: SLO status per service, provided by the SLO plugin. @public */
export const serviceSloApiRef = createApiRef<ServiceSloApi>({
  id: 'plugin.delivery-scorecards.slo',
});

/** Optional: golden-path template per service, provided by the golden-path plugin. @public */
export const goldenPathApiRef = createApiRef<GoldenPathApi>({
  id: 'plugin.delivery-scorecards.golden-path',
});

type Query = Record<string, string | number | undefined>;

/** Talks to the delivery backend under `/api/delivery`. @public */
export class DoraScorecardsClient implements DoraScorecardsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getScorecards(request: ScorecardsRequest): Promise<Scorecards> {
    return this.get('/scorecards', { ...request });
  }

  getEntityScorecard(request: {
    entityRef: string;
    from: string;
    to: string;
  }): Promise<EntityScorecard> {
    return this.get('/scorecards/entity', { ...request });
  }

  listDeployments(request: ListEventsRequest): Promise<Page<ListedDeployment>> {
    return this.get('/deployments', { ...request });
  }

  listIncidents(request: ListEventsRequest): Promise<Page<IncidentEvent>> {
    return this.get('/incidents', { ...request });
  }

  async getSourceStatus(): Promise<SourceStatus[] | undefined> {
    const response = await this.fetch('/sources', {});
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as { items?: SourceStatus[] };
    return body.items ?? [];
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
