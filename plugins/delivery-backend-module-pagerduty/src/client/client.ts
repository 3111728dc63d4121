import { LoggerService } from '@backstage/backend-plugin-api';
import {
  fetchWithRateLimitRetry,
  parseRetryAfter,
  RateLimitRetry,
  SourceApiError,
  warnOfRateLimitWait,
} from '@internal/backstage-plugin-delivery-node';
import { api as pagerDutyApi } from '@pagerduty/pdjs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { PagerDutyApiConfig } from '../config';

/** PagerDuty's limits are per minute: when it names no wait, wait one. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Each request gives up after this long. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Incidents per page; PagerDuty's maximum. */
const PAGE_SIZE = 100;

/** PagerDuty refuses offsets past 10,000: a narrower range is needed then. */
const MAX_OFFSET = 10_000;

/** A failed REST call; the message names the call, never the token. */
export class PagerDutyApiError extends SourceApiError {
  override name = 'PagerDutyApiError';
}

/**
 * How long PagerDuty asks to wait after a 429: `Retry-After` (seconds or a date),
 * else its `ratelimit-reset` header (seconds until the limit resets), else a minute.
 */
export function rateLimitWaitMs(headers: {
  get(name: string): string | null;
}): number {
  const reset = Number(headers.get('ratelimit-reset') ?? NaN);
  return (
    parseRetryAfter(headers.get('retry-after')) ??
    (Number.isFinite(reset) && reset >= 0
      ? reset * 1000
      : DEFAULT_RATE_LIMIT_WAIT_MS)
  );
}

const pageSchema = z.object({
  more: z.boolean().nullish(),
  offset: z.number().nullish(),
  limit: z.number().nullish(),
});

const errorSchema = z.object({
  error: z.object({ message: z.string().nullish() }).nullish(),
});

/** The REST calls this module makes. Records are returned as PagerDuty sent them. */
export interface PagerDutyApi {
  /**
   * Incidents of the services created in `[since, until)`, every status, page by
   * page (offset pagination, following `more`).
   */
  listIncidents(query: {
    serviceIds: string[];
    since: DateTime;
    until: DateTime;
  }): AsyncGenerator<unknown[]>;
  getIncident(id: string): Promise<unknown>;
  listNotes(incidentId: string): Promise<unknown[]>;
  /** The first page (100) of an incident's alerts: enough to find a deployment. */
  listAlerts(incidentId: string): Promise<unknown[]>;
  /** Services whose name or integration keys match `query`, with their integrations. */
  searchServices(query: string): Promise<unknown[]>;
}

export interface PagerDutyApiOptions extends PagerDutyApiConfig {
  logger: LoggerService;
  /** Waits out 429s; without it a 429 fails the call (the webhook path). */
  retry?: RateLimitRetry;
  /**
   * The pause before each of the three retries @pagerduty/pdjs itself makes on a
   * 429; it cannot be turned off. Default: pdjs's own, 20 seconds.
   */
  pdjsRetryPauseMs?: number;
}

type Query = Record<string, string | string[]>;

/** What this module reads of pdjs's answer: a fetch Response with the parsed body. */
interface PdjsResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  data: unknown;
}

/**
 * A PagerDuty REST API v2 client on @pagerduty/pdjs. pdjs sends the key, the
 * versioned `Accept` header and array parameters (`service_ids[]`); this adds
 * failures as errors, a wait of the length PagerDuty names on 429, and paging.
 */
export function createPagerDutyApi(options: PagerDutyApiOptions): PagerDutyApi {
  const { token, baseUrl, logger, retry, pdjsRetryPauseMs } = options;

  async function get(path: string, queryParameters: Query = {}) {
    const send = async (): Promise<PdjsResponse> => {
      try {
        return await pagerDutyApi({
          token,
          url: `${baseUrl}${path}`,
          method: 'GET',
          queryParameters,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          ...(pdjsRetryPauseMs !== undefined
            ? { retryTimeout: pdjsRetryPauseMs }
            : {}),
        });
      } catch (error) {
        // pdjs rejects with the response itself when the body is not JSON.
        const status = (error as { status?: number }).status;
        if (typeof status === 'number') {
          throw new PagerDutyApiError(
            path,
            status,
            (error as { statusText?: string }).statusText ?? '',
          );
        }
        throw new Error(`GET ${path}: ${(error as Error).message ?? error}`);
      }
    };
    const response = await fetchWithRateLimitRetry(send, {
      retry,
      waitMs: answer => rateLimitWaitMs(answer.headers),
      onRetry: warnOfRateLimitWait(logger, 'PagerDuty', path),
    });
    if (!response.ok) {
      const body = errorSchema.safeParse(response.data);
      throw new PagerDutyApiError(
        path,
        response.status,
        (body.success && body.data.error?.message) || response.statusText,
      );
    }
    return response.data as Record<string, unknown>;
  }

  const listOf = (data: Record<string, unknown>, key: string, path: string) => {
    const list = data[key];
    if (!Array.isArray(list)) {
      throw new Error(`GET ${path}: the response has no ${key} list`);
    }
    return list as unknown[];
  };

  const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

  return {
    async *listIncidents({ serviceIds, since, until }) {
      const query: Query = {
        'service_ids[]': serviceIds,
        'statuses[]': ['triggered', 'acknowledged', 'resolved'],
        since: since.toUTC().toISO()!,
        until: until.toUTC().toISO()!,
        time_zone: 'UTC',
        limit: String(PAGE_SIZE),
      };
      for (let offset = 0; ; ) {
        const data = await get('/incidents', {
          ...query,
          offset: String(offset),
        });
        yield listOf(data, 'incidents', '/incidents');
        const page = pageSchema.parse(data);
        if (!page.more) return;
        offset = (page.offset ?? offset) + (page.limit ?? PAGE_SIZE);
        if (offset >= MAX_OFFSET) {
          throw new Error(
            `GET /incidents: more than ${MAX_OFFSET} incidents; shorten delivery.pagerduty.lookback`,
          );
        }
      }
    },

    async getIncident(id) {
      const path = incidentPath(id);
      const data = await get(path);
      if (!data.incident) {
        throw new Error(`GET ${path}: the response has no incident`);
      }
      return data.incident;
    },

    async listNotes(incidentId) {
      const path = `${incidentPath(incidentId)}/notes`;
      return listOf(await get(path), 'notes', path);
    },

    async listAlerts(incidentId) {
      const path = `${incidentPath(incidentId)}/alerts`;
      return listOf(
        await get(path, { limit: String(PAGE_SIZE) }),
        'alerts',
        path,
      );
    },

    async searchServices(query) {
      return listOf(
        await get('/services', { query, 'include[]': ['integrations'] }),
        'services',
        '/services',
      );
    },
  };
}
