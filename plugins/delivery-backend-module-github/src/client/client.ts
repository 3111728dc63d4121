import { parseRetryAfter } from '@internal/backstage-plugin-delivery-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/** An Octokit for a repository's host, or undefined when no token serves it. */
export type GithubClientFactory = (
  repositoryUrl: string,
) => Promise<Octokit | undefined>;

export interface RateLimitRetry {
  /** Attempts per request, the first included. */
  attempts: number;
  /** Longer waits than this are not worth it: the request fails instead. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RateLimitRetry = {
  attempts: 3,
  maxWaitMs: 120_000,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

/**
 * Creates Octokit clients through the `integrations.github` entry serving a
 * repository's host, with its token or GitHub App installation token. Without a
 * token there is no client: anonymous calls would exhaust GitHub's 60-per-hour
 * limit. With `retry`, rate-limited requests wait as long as GitHub says and try
 * again; the webhook path passes none, as GitHub stops waiting for the answer
 * after ten seconds.
 */
export function createGithubClientFactory(options: {
  config: Config;
  logger: LoggerService;
  retry?: RateLimitRetry;
  /** Each request fails after this long without an answer; default 30 s. */
  requestTimeoutMs?: number;
}): GithubClientFactory {
  const { logger, retry } = options;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  // Octokit sets no timeout of its own: a GitHub (or proxy) that accepts the
  // connection and never answers would hold a pull until its task times out.
  const timedFetch: typeof fetch = async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(input, {
        ...init,
        signal: init?.signal
          ? AbortSignal.any([init.signal, timeout])
          : timeout,
      });
    } catch (error) {
      if (timeout.aborted) {
        throw new Error(`GitHub did not answer within ${timeoutMs} ms`);
      }
      throw error;
    }
  };
  const integrations = ScmIntegrations.fromConfig(options.config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return async repositoryUrl => {
    const integration = integrations.github.byUrl(repositoryUrl);
    if (!integration) return undefined;
    const { token } = await credentials.getCredentials({ url: repositoryUrl });
    if (!token) return undefined;
    const octokit = new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
      request: { fetch: timedFetch },
      // Octokit logs failed requests to the console; callers report failures.
      log: {
        debug: message => logger.debug(message),
        info: message => logger.debug(message),
        warn: message => logger.warn(message),
        error: message => logger.debug(message),
      },
    });
    if (retry) {
      octokit.hook.wrap('request', async (request, endpoint) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await request(endpoint);
          } catch (error) {
            const waitMs = rateLimitWaitMs(error);
            if (
              waitMs === undefined ||
              waitMs > retry.maxWaitMs ||
              attempt >= retry.attempts
            ) {
              throw error;
            }
            logger.warn(
              `GitHub rate limit on ${endpoint.method} ${endpoint.url}; retrying in ${waitMs} ms`,
            );
            await retry.sleep(waitMs);
          }
        }
      });
    }
    return octokit;
  };
}

/**
 * How long GitHub asks to wait, for a rate-limited answer: 429, or 403 with no
 * requests remaining (its primary limit). `retry-after` is in seconds or an HTTP date,
 * `x-ratelimit-reset` an epoch second.
 */
export function rateLimitWaitMs(
  error: unknown,
  now: number = Date.now(),
): number | undefined {
  const { status, response } = error as {
    status?: number;
    response?: { headers?: Record<string, string | number | undefined> };
  };
  const headers = response?.headers ?? {};
  const limited =
    status === 429 ||
    (status === 403 && String(headers['x-ratelimit-remaining']) === '0');
  if (!limited) return undefined;
  const retryAfter = parseRetryAfter(headers['retry-after']?.toString(), now);
  if (retryAfter !== undefined) return retryAfter;
  if (headers['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now);
  }
  // GitHub's advice when it names no time: wait at least a minute.
  return 60_000;
}
