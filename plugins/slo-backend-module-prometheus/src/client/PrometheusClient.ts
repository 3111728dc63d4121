/**
 * A small client for the two Prometheus HTTP API endpoints the SLO module needs:
 * `/api/v1/query` (instant) and `/api/v1/query_range`. Works against Prometheus,
 * Thanos Query and Mimir/Cortex (same API under their base URL).
 *
 * Queries are POSTed form-encoded (long selectors do not hit URL limits), every
 * request has a client-side timeout, and errors name the instance, the HTTP status and
 * Prometheus' own error text, never the credentials.
 */

export interface PrometheusClientOptions {
  /** Instance name from config, used in error messages. */
  name: string;
  /** e.g. `http://prometheus:9090` or `https://mimir.example.com/prometheus`. */
  baseUrl: string;
  /** Sent with every request (auth, `X-Scope-OrgID`, ...). */
  headers?: Record<string, string>;
  /** Server-side `timeout` parameter; the client gives up 5 s later. */
  queryTimeoutMs: number;
  /**
   * Thanos: `partial_response=false` makes a query fail instead of answering with
   * data from only some stores. Left out of the request when undefined.
   */
  partialResponse?: boolean;
  /**
   * Queries in flight at once; more wait in line (a cold cache evaluates many
   * objectives at once, and Mimir answers 429 beyond its per-tenant limit). Default 8.
   */
  maxConcurrentQueries?: number;
  /** How much longer than queryTimeoutMs the client waits. Default 5 s. */
  clientTimeoutGraceMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** One series of a range query: labels and `[unix seconds, "value"]` samples. */
export interface PrometheusMatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export interface PrometheusVectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusAnswer<T> {
  data: T;
  /** Prometheus/Thanos warnings (e.g. a store that did not answer). */
  warnings: string[];
}

/** A failed query: the instance, what went wrong and, when there was one, the status. */
export class PrometheusQueryError extends Error {
  constructor(
    message: string,
    readonly instance: string,
    readonly status?: number,
    readonly errorType?: string,
    /** Seconds, from a Retry-After header (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** Grace on top of the server-side timeout before the client aborts. */
const CLIENT_TIMEOUT_GRACE_MS = 5_000;
export const DEFAULT_MAX_CONCURRENT_QUERIES = 8;

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in order. */
class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
const MAX_QUERY_IN_MESSAGE = 300;

function shorten(query: string): string {
  return query.length > MAX_QUERY_IN_MESSAGE
    ? `${query.slice(0, MAX_QUERY_IN_MESSAGE)}...`
    : query;
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly options: PrometheusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
    this.limit = new ConcurrencyLimit(
      Math.max(
        1,
        options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES,
      ),
    );
  }

  get name(): string {
    return this.options.name;
  }

  /** Instant query evaluated at `timeMs`. */
  async query(
    query: string,
    timeMs: number,
  ): Promise<PrometheusAnswer<PrometheusVectorSample[]>> {
    const answer = await this.post<{ resultType: string; result: unknown }>(
      '/api/v1/query',
      query,
      { time: seconds(timeMs) },
    );
    return {
      data: this.expect<PrometheusVectorSample[]>(answer.data, 'vector', query),
      warnings: answer.warnings,
    };
  }

  /** Range query: evaluated at start, start + step, ... up to end (inclusive). */
  async queryRange(
    query: string,
    startMs: number,
    endMs: number,
    stepMs: number,
  ): Promise<PrometheusAnswer<PrometheusMatrixSeries[]>> {
    const answer = await this.post<{ resultType: string; result: unknown }>(
      '/api/v1/query_range',
      query,
      { start: seconds(startMs), end: seconds(endMs), step: seconds(stepMs) },
    );
    return {
      data: this.expect<PrometheusMatrixSeries[]>(answer.data, 'matrix', query),
      warnings: answer.warnings,
    };
  }

  /**
   * Values of `label` among the series matching `match` in [startMs, endMs]
   * (`/api/v1/label/<label>/values`), e.g. the `le` buckets of a histogram.
   */
  async labelValues(
    label: string,
    match: string,
    startMs: number,
    endMs: number,
  ): Promise<string[]> {
    const answer = await this.limit.run(() =>
      this.send<unknown>(
        `/api/v1/label/${encodeURIComponent(label)}/values`,
        match,
        { start: seconds(startMs), end: seconds(endMs) },
        'GET',
      ),
    );
    if (!Array.isArray(answer.data)) {
      throw new PrometheusQueryError(
        `Prometheus "${
          this.name
        }" answered malformed label values for ${shorten(match)}`,
        this.name,
      );
    }
    return answer.data.map(String);
  }

  private expect<T>(
    data: { resultType: string; result: unknown },
    resultType: string,
    query: string,
  ): T {
    if (data?.resultType !== resultType || !Array.isArray(data.result)) {
      throw new PrometheusQueryError(
        `Prometheus "${this.name}" answered a ${
          data?.resultType ?? 'malformed'
        } result where a ${resultType} was expected, for ${shorten(query)}`,
        this.name,
      );
    }
    return data.result as T;
  }

  private post<T>(
    path: string,
    query: string,
    params: Record<string, string>,
  ): Promise<PrometheusAnswer<T>> {
    return this.limit.run(() => this.send<T>(path, query, params));
  }

  /**
   * POST of a query (form body), or GET of a metadata endpoint with the selector as
   * `match[]` (the label values endpoint takes no POST).
   */
  private async send<T>(
    path: string,
    query: string,
    params: Record<string, string>,
    method: 'POST' | 'GET' = 'POST',
  ): Promise<PrometheusAnswer<T>> {
    const { queryTimeoutMs, partialResponse, headers } = this.options;
    const body = new URLSearchParams({
      [method === 'POST' ? 'query' : 'match[]']: query,
      ...params,
      timeout: `${Math.max(1, Math.ceil(queryTimeoutMs / 1000))}s`,
    });
    if (partialResponse !== undefined) {
      body.set('partial_response', String(partialResponse));
    }
    const url =
      method === 'POST'
        ? `${this.baseUrl}${path}`
        : `${this.baseUrl}${path}?${body}`;
    const where = `Prometheus "${this.name}" (${this.baseUrl})`;
    const timeoutMs =
      queryTimeoutMs +
      (this.options.clientTimeoutGraceMs ?? CLIENT_TIMEOUT_GRACE_MS);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          ...headers,
          ...(method === 'POST'
            ? { 'Content-Type': 'application/x-www-form-urlencoded' }
            : {}),
          Accept: 'application/json',
        },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new PrometheusQueryError(
          `${where} did not answer within ${timeoutMs / 1000}s for ${shorten(
            query,
          )}`,
          this.name,
          undefined,
          'timeout',
        );
      }
      const cause = (e as { cause?: { code?: string; message?: string } })
        .cause;
      throw new PrometheusQueryError(
        `${where} is unreachable: ${
          cause?.code ?? cause?.message ?? e.message
        }`,
        this.name,
      );
    }

    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok || json?.status !== 'success') {
      const retryAfter = Number(response.headers.get('retry-after'));
      const reason =
        typeof json?.error === 'string'
          ? `${json.errorType ? `${json.errorType}: ` : ''}${json.error}`
          : text.trim().slice(0, 200) || response.statusText;
      let hint = '';
      if (response.status === 429) {
        hint = ' (rate limited: too many queries)';
      } else if (response.status === 401 || response.status === 403) {
        hint = ' (check the instance headers or bearerToken)';
      }
      throw new PrometheusQueryError(
        `${where} answered ${response.status} ${
          response.statusText
        }${hint}: ${reason}; query: ${shorten(query)}`,
        this.name,
        response.status,
        json?.errorType,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    const warnings: string[] = Array.isArray(json.warnings)
      ? json.warnings.map(String)
      : [];
    return { data: json.data as T, warnings };
  }
}
