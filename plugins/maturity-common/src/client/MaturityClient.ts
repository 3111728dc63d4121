import { ResponseError } from '@backstage/errors';
import type {
  EntityMaturityResponse,
  MaturityHistoryResponse,
  MaturityInitiativesResponse,
  MaturityLevelsResponse,
  OrganisationMaturityResponse,
} from '../api';

/**
 * The shape of Backstage's DiscoveryApi (frontend) and DiscoveryService (backend), so
 * that the client needs neither.
 */
export interface MaturityDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The shape of Backstage's FetchApi: a fetch that carries the caller's identity. */
export interface MaturityFetch {
  fetch: typeof fetch;
}

/** What the maturity backend answers, as the frontend uses it. */
export interface MaturityApi {
  getEntity(entityRef: string): Promise<EntityMaturityResponse>;
  getHistory(
    entityRef: string,
    options?: { weeks?: number },
  ): Promise<MaturityHistoryResponse>;
  getOrganisation(): Promise<OrganisationMaturityResponse>;
  getInitiatives(): Promise<MaturityInitiativesResponse>;
  getLevels(entityRefs: string[]): Promise<MaturityLevelsResponse>;
}

/** Talks to the maturity backend under `/api/maturity`. */
export class MaturityClient implements MaturityApi {
  constructor(
    private readonly options: {
      discoveryApi: MaturityDiscovery;
      fetchApi: MaturityFetch;
    },
  ) {}

  getEntity(entityRef: string): Promise<EntityMaturityResponse> {
    return this.request('/entity', { entityRef });
  }

  getHistory(
    entityRef: string,
    options: { weeks?: number } = {},
  ): Promise<MaturityHistoryResponse> {
    return this.request('/history', { entityRef, weeks: options.weeks });
  }

  getOrganisation(): Promise<OrganisationMaturityResponse> {
    return this.request('/organisation', {});
  }

  getInitiatives(): Promise<MaturityInitiativesResponse> {
    return this.request('/initiatives', {});
  }

  async getLevels(entityRefs: string[]): Promise<MaturityLevelsResponse> {
    // Nothing to ask: spare the round trip (an empty catalog page).
    if (entityRefs.length === 0) return { items: {} };
    return this.request(
      '/levels',
      {},
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRefs }),
      },
    );
  }

  private async request<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('maturity');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const response = init
      ? await this.options.fetchApi.fetch(url, init)
      : await this.options.fetchApi.fetch(url);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
