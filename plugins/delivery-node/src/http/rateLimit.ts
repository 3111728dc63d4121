/**
 * Waiting out rate limits (429) the way the source asks, shared by every source
 * module's API client.
 */

/** How a rate-limited request waits and tries again. */
export interface RateLimitRetry {
  /** Attempts per request, the first included. */
  attempts: number;
  /** A longer wait than this is not worth it: the request fails instead. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** For a scheduled pull, which can wait. */
export const DEFAULT_RATE_LIMIT_RETRY: RateLimitRetry = {
  attempts: 3,
  maxWaitMs: 120_000,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

/** For a webhook delivery, whose sender waits for the answer: no waiting. */
export const NO_RATE_LIMIT_RETRY: RateLimitRetry = {
  attempts: 1,
  maxWaitMs: 0,
  sleep: async () => {},
};

/**
 * `Retry-After` in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110,
 * 10.2.3; a date in the past is 0). Undefined when absent or neither.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only a date with a weekday or month name: Date.parse takes any digits too.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What {@link fetchWithRateLimitRetry} reads of an answer: a fetch Response fits. */
export interface RateLimitedAnswer {
  status: number;
  headers: { get(name: string): string | null };
}

/**
 * Sends a request and, while it is answered 429 and attempts remain, waits as long
 * as the answer asks (`waitMs`, default its `Retry-After`, else `fallbackMs`) and
 * sends it again. A wait longer than `retry.maxWaitMs`, or the last attempt, returns
 * the 429 to the caller, who fails the request as usual.
 */
export async function fetchWithRateLimitRetry<R extends RateLimitedAnswer>(
  send: () => Promise<R>,
  options: {
    retry?: RateLimitRetry;
    /** When a 429 names no wait. Default a minute. */
    fallbackMs?: number;
    /** Reads the wait from an answer; default `Retry-After`, else `fallbackMs`. */
    waitMs?: (answer: R) => number;
    /** Called before each wait, e.g. to log it. */
    onRetry?: (waitMs: number) => void;
    /** Frees the waited-out answer (read its body) so its connection is reused. */
    discard?: (answer: R) => Promise<unknown>;
  } = {},
): Promise<R> {
  const retry = options.retry ?? NO_RATE_LIMIT_RETRY;
  const waitMs =
    options.waitMs ??
    ((answer: R) =>
      parseRetryAfter(answer.headers.get('retry-after')) ??
      options.fallbackMs ??
      60_000);
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    if (answer.status !== 429 || attempt >= retry.attempts) return answer;
    const wait = waitMs(answer);
    if (wait > retry.maxWaitMs) return answer;
    options.onRetry?.(wait);
    await options.discard?.(answer).catch(() => undefined);
    await retry.sleep(wait);
  }
}
/** A GET a source's API refused; the message names the call, never the credentials. */
export class SourceApiError extends Error {
  constructor(readonly path: string, readonly status: number, detail: string) {
    super(`GET ${path}: ${status}${detail ? ` ${detail}` : ''}`);
    this.name = 'SourceApiError';
  }
}

/** Logs each rate-limit wait of a GET: an `onRetry` for fetchWithRateLimitRetry. */
export const warnOfRateLimitWait =
  (logger: { warn(message: string): void }, source: string, path: string) =>
  (waitMs: number) =>
    logger.warn(
      `${source} rate limit on GET ${path}; retrying in ${waitMs} ms`,
    );
