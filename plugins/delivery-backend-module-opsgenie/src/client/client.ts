import { LoggerService } from '@backstage/backend-plugin-api';
import {
  fetchWithRateLimitRetry,
  parseRetryAfter,
  RateLimitRetry,
  SourceApiError,
  warnOfRateLimitWait,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { OpsgenieApiConfig } from '../config';

/** Opsgenie's limits are per minute: when it names no wait, wait one. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** A failed call; the message names the call, never the key. */
export class OpsgenieApiError extends SourceApiError {
  override name = 'OpsgenieApiError';
}

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else a minute. */
export function rateLimitWaitMs(headers: Headers): number {
  return (
    parseRetryAfter(headers.get('retry-after')) ?? DEFAULT_RATE_LIMIT_WAIT_MS
  );
}

// The envelopes of Opsgenie's answers: `data`, and `paging` on lists.
const listSchema = z.object({
  data: z.array(z.object({ updatedAt: z.string() }).passthrough()),
  paging: z.object({ next: z.string().nullish() }).nullish(),
});
const itemSchema = z.object({ data: z.unknown() });
const errorSchema = z.object({ message: z.string().nullish() });

/** Alerts per page; Opsgenie's maximum. */
const PAGE_SIZE = 100;
/** Opsgenie serves `offset + limit` up to 20,000. */
const MAX_OFFSET = 20_000;

/** The Alert API calls this module makes. */
export interface OpsgenieApi {
  /**
   * Alerts matching `query` updated at or after `since`, newest update first,
   * page by page; paging stops at the first older one.
   */
  listAlerts(query: string, since: DateTime): AsyncGenerator<unknown[]>;
  /** One alert with its description and details, which lists leave out. */
  getAlert(id: string): Promise<unknown>;
}

export interface OpsgenieApiOptions extends OpsgenieApiConfig {
  logger: LoggerService;
  /** Waits out 429s; without it a 429 fails the call. */
  retry?: RateLimitRetry;
  fetch?: typeof fetch;
}

/** An Opsgenie REST API client on fetch (the official node SDK is deprecated). */
export function createOpsgenieApi(options: OpsgenieApiOptions): OpsgenieApi {
  const { apiKey, baseUrl, logger, retry } = options;

  async function get(path: string, params: Record<string, string> = {}) {
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries(params)) {
      url.searchParams.set(key, value);
    }
    // Looked up per call: test tools and proxies patch the global later.
    const send = async () => {
      try {
        return await (options.fetch ?? globalThis.fetch)(url, {
          headers: {
            Authorization: `GenieKey ${apiKey}`,
            Accept: 'application/json',
          },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new Error(`GET ${path}: ${(error as Error).message ?? error}`);
      }
    };
    const response = await fetchWithRateLimitRetry(send, {
      retry,
      waitMs: answer => rateLimitWaitMs(answer.headers),
      onRetry: warnOfRateLimitWait(logger, 'Opsgenie', path),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = errorSchema.safeParse(body);
      throw new OpsgenieApiError(
        path,
        response.status,
        (error.success && error.data.message) || response.statusText,
      );
    }
    return body;
  }

  return {
    async *listAlerts(query, since) {
      const sinceMillis = since.toMillis();
      for (let offset = 0; ; ) {
        const body = listSchema.safeParse(
          await get('/v2/alerts', {
            query,
            offset: String(offset),
            limit: String(PAGE_SIZE),
            sort: 'updatedAt',
            order: 'desc',
          }),
        );
        if (!body.success) {
          throw new Error(
            'GET /v2/alerts: the response is not a list of alerts',
          );
        }
        const alerts = body.data.data;
        const recent = alerts.filter(
          alert => Date.parse(alert.updatedAt) >= sinceMillis,
        );
        if (recent.length > 0) yield recent;
        const more = alerts.length > 0 && !!body.data.paging?.next;
        if (recent.length < alerts.length || !more) return;
        offset += alerts.length;
        if (offset + PAGE_SIZE > MAX_OFFSET) {
          throw new Error(
            `GET /v2/alerts: more than ${MAX_OFFSET} alerts match '${query}' since ${since.toISO()}`,
          );
        }
      }
    },

    async getAlert(id) {
      const path = `/v2/alerts/${encodeURIComponent(id)}`;
      const body = itemSchema.safeParse(
        await get(path, { identifierType: 'id' }),
      );
      if (!body.success || !body.data.data) {
        throw new Error(`GET ${path}: the response has no alert`);
      }
      return body.data.data;
    },
  };
}
