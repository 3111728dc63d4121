/*
 * What stands between the network and the store: the body size limit, the per-caller
 * rate limit on ingestion, and the translation of database outages into 503s a client
 * can retry on.
 */
import { ServiceUnavailableError } from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** 413: the body is larger than `delivery.ingestion.bodyLimit`. */
export class PayloadTooLargeError extends Error {
  readonly name = 'PayloadTooLargeError';
  readonly statusCode = 413;
  constructor(limit: string) {
    super(
      `body: larger than the limit of ${limit} (delivery.ingestion.bodyLimit); send fewer events per request`,
    );
  }
}

/** 429: the caller sent more than `delivery.ingestion.rateLimit` allows. */
export class TooManyRequestsError extends Error {
  readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
  constructor(
    readonly retryAfterSeconds: number,
    requests: number,
    windowSeconds: number,
  ) {
    super(
      `rate limit: at most ${requests} POST /events requests per ${windowSeconds} s per caller (delivery.ingestion.rateLimit); retry after ${retryAfterSeconds} s`,
    );
  }
}

export interface RateLimit {
  /** Requests a caller may send per window; 0 turns the limit off. */
  requests: number;
  windowMs: number;
}

/**
 * A token bucket per caller: `requests` tokens, refilled evenly over the window, so a
 * caller may burst up to the limit and then keeps the average rate. Per process: with
 * N replicas behind a round-robin balancer a caller gets up to N times the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key`; when none is left, says how many seconds until one is. */
  take(
    key: string,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const { requests, windowMs } = this.limit;
    if (requests <= 0) return { allowed: true };
    const now = this.now();
    const perMs = requests / windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: requests, at: now };
    bucket.tokens = Math.min(
      requests,
      bucket.tokens + (now - bucket.at) * perMs,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.forgetIdle(now);
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(
        1,
        Math.ceil((1 - bucket.tokens) / perMs / 1000),
      ),
    };
  }

  /** Full buckets carry no state: drop them so the map does not grow with callers. */
  private forgetIdle(now: number) {
    if (this.buckets.size < 10_000) return;
    for (const [key, bucket] of this.buckets) {
      if (
        bucket.tokens +
          (now - bucket.at) * (this.limit.requests / this.limit.windowMs) >=
        this.limit.requests
      ) {
        this.buckets.delete(key);
      }
    }
  }
}

/** Whom a rate limit counts: the user, or the service (plugin or external-access subject). */
export function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return `user:${principal.userEntityRef}`;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return 'anonymous';
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes that mean "the database is not there right now":
// 08 connection exceptions, 57P01-03 shutdown / starting up, 53 insufficient resources,
// 40001 / 40P01 serialization failure and deadlock (the transaction was rolled back).
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53...|40001|40P01)$/;
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /Knex: Timeout acquiring a connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /Client was closed and is not queryable/i,
];

/**
 * Whether an error says the database is unreachable or rolled the transaction back
 * for reasons of its own: a retry later may succeed, so the answer is 503, not 500.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof e.code === 'string') {
    if (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_NODE_CODES.has(e.code)) {
      return true;
    }
  }
  if (e.name === 'KnexTimeoutError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return TRANSIENT_MESSAGES.some(pattern => pattern.test(message));
}

/** Transaction conflicts worth retrying at once, inside the request. */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40001' || code === '40P01';
}

/** The 503 a client sees; the cause (SQL, host names) stays in the server's log. */
export function databaseUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `the delivery database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} s (events are stored idempotently: re-sending a batch is safe)`,
  );
}
