import { parseRetryAfter } from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';

/** Why a request to Jenkins failed, without anything secret in the message. */
export class JenkinsRequestError extends Error {
  readonly name = 'JenkinsRequestError';
  /** HTTP status, absent when no answer came. */
  readonly status?: number;
  /** The `Retry-After` header of the answer, as sent. */
  readonly retryAfter?: string;
  /** No answer in time, or no connection: Jenkins (or the way to it) is down. */
  readonly unreachable: boolean;

  constructor(
    message: string,
    details: { status?: number; retryAfter?: string; unreachable?: boolean },
  ) {
    super(message);
    this.status = details.status;
    this.retryAfter = details.retryAfter;
    this.unreachable = details.unreachable ?? false;
  }

  /** Worth trying again: rate limited, a server error, or no answer. */
  get transient(): boolean {
    return (
      this.unreachable ||
      this.status === 429 ||
      (this.status !== undefined && this.status >= 500)
    );
  }

  /** Nothing else on this instance will work either: unreachable or credentials refused. */
  get instanceWide(): boolean {
    return this.unreachable || this.status === 401 || this.status === 403;
  }
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** Wait before the second attempt when Jenkins names none; doubled for each further one. */
  baseDelayMs: number;
  /** Longer waits than this are not worth it: the request fails instead. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1000,
  maxWaitMs: 60_000,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

/**
 * How long to wait before attempt `attempt + 1` after `error`, or undefined to give
 * up: the error is not transient, the attempts are used up, or Jenkins asks for a
 * longer wait than the policy allows.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  now: DateTime = DateTime.utc(),
): number | undefined {
  if (!(error instanceof JenkinsRequestError) || !error.transient) {
    return undefined;
  }
  if (attempt >= policy.attempts) return undefined;
  const wait =
    parseRetryAfter(error.retryAfter, now.toMillis()) ??
    policy.baseDelayMs * 2 ** (attempt - 1);
  return wait > policy.maxWaitMs ? undefined : wait;
}

/** Runs `request` until it succeeds or `retryDelayMs` gives up. */
export async function withRetry<T>(
  request: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: JenkinsRequestError, waitMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const waitMs = retryDelayMs(error, attempt, policy);
      if (waitMs === undefined) throw error;
      onRetry(error as JenkinsRequestError, waitMs);
      await policy.sleep(waitMs);
    }
  }
}
