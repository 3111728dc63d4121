import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Calls another plugin's backend with a service token on behalf of the maturity
 * backend's credentials: what every fact provider does to reach its domain.
 */
export class PluginBackendClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      pluginId: string;
      /** A slow source fails the batch rather than holding the run. Default 30 s. */
      timeoutMs?: number;
    },
  ) {}

  /** `POST <plugin base URL><path>` with a JSON body; throws on a non-2xx answer. */
  async post<T>(
    path: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<T> {
    return this.request(path, credentials, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** `GET <plugin base URL><path>?<query>`; throws on a non-2xx answer. */
  async get<T>(
    path: string,
    query: URLSearchParams,
    credentials: BackstageCredentials,
  ): Promise<T> {
    return this.request(`${path}?${query}`, credentials, { method: 'GET' });
  }

  private async request<T>(
    path: string,
    credentials: BackstageCredentials,
    init: RequestInit,
  ): Promise<T> {
    const { discovery, auth, pluginId } = this.options;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl(pluginId),
      auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
