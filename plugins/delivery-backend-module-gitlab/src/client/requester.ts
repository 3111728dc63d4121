import { LoggerService } from '@backstage/backend-plugin-api';
import { createRequesterFn } from '@gitbeaker/requester-utils';
import {
  DEFAULT_RATE_LIMIT_RETRY,
  fetchWithRateLimitRetry,
  parseRetryAfter,
  RateLimitRetry,
} from '@internal/backstage-plugin-delivery-node';

/** A pull waits out a rate limit up to three times, the first request aside. */
export const DEFAULT_RETRY: RateLimitRetry = {
  ...DEFAULT_RATE_LIMIT_RETRY,
  attempts: 4,
};

/** A request GitLab answered with an error, or that never got an answer. */
export class GitlabApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'GitlabApiError';
  }
}

/**
 * How long GitLab asks a rate-limited client to wait: `Retry-After` (seconds, or an
 * HTTP date), else `RateLimit-Reset` (epoch seconds), else a minute.
 */
export function retryAfterMs(
  headers: { get(name: string): string | null },
  now: number = Date.now(),
) {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(headers.get('ratelimit-reset') ?? Number.NaN);
  if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return 60_000;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('application/json') ? response.json() : response.text();
}

/** `404 Not Found (404 Project Not Found)`: the status and GitLab's own message. */
async function describeFailure(response: Response): Promise<string> {
  const status = `${response.status} ${response.statusText}`.trim();
  let detail = '';
  try {
    const body = await readBody(response);
    const message =
      typeof body === 'object' && body !== null
        ? (body as { message?: unknown; error?: unknown }).message ??
          (body as { error?: unknown }).error
        : body;
    detail = typeof message === 'string' ? message : JSON.stringify(message);
  } catch {
    // no readable body
  }
  return detail && detail !== status
    ? `${status} (${detail.slice(0, 200)})`
    : status;
}

/**
 * A gitbeaker requester for one GitLab instance. It replaces gitbeaker's default,
 * which retries a 429 ten times within a quarter of a second and never reads
 * `Retry-After`: this one waits as long as GitLab asks (up to `retry.maxWaitMs`),
 * sends requests to the integration's `apiBaseUrl` (so self-managed instances under
 * a relative path work) and names the request in its errors, without the token.
 */
export function createGitlabRequester(options: {
  apiBaseUrl: string;
  retry: RateLimitRetry;
  logger: LoggerService;
  timeoutMs?: number;
}) {
  const { retry, logger, timeoutMs = 30_000 } = options;
  const base = options.apiBaseUrl.replace(/\/*$/, '/');

  return createRequesterFn(
    async (_resource, requestOptions) => requestOptions,
    async (endpoint, requestOptions = {}) => {
      const {
        method = 'GET',
        headers,
        body,
        searchParams,
      } = requestOptions as {
        method?: string;
        headers?: Record<string, string>;
        body?: string | FormData;
        searchParams?: string;
      };
      const url = new URL(endpoint, base);
      if (searchParams) url.search = searchParams;
      const what = `${method} ${url.pathname}`;

      const response = await fetchWithRateLimitRetry(
        async () => {
          try {
            return await fetch(url, {
              method,
              headers,
              body,
              signal: AbortSignal.timeout(timeoutMs),
            });
          } catch (error) {
            throw new GitlabApiError(`${what}: ${(error as Error).message}`);
          }
        },
        {
          retry,
          waitMs: answer => retryAfterMs(answer.headers),
          onRetry: waitMs =>
            logger.warn(
              `GitLab rate limit on ${what}; retrying in ${waitMs} ms`,
            ),
          // Drain the answer so its connection is freed.
          discard: answer => answer.arrayBuffer(),
        },
      );
      if (response.ok) {
        return {
          body: (await readBody(response)) as never,
          headers: Object.fromEntries(response.headers.entries()),
          status: response.status,
        };
      }
      throw new GitlabApiError(
        `${what}: ${await describeFailure(response)}`,
        response.status,
      );
    },
  );
}
