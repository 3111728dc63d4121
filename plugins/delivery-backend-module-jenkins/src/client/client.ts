import { LoggerService } from '@backstage/backend-plugin-api';
import Jenkins from 'jenkins';
import { STATUS_CODES } from 'node:http';
import { JenkinsInstanceConfig } from '../config';
import { JenkinsRequestError, RetryPolicy, withRetry } from './retry';

/** Reads one Jenkins instance's remote access API. */
export interface JenkinsClient {
  /**
   * `GET /job/<a>/job/<b>/api/json?tree=<tree>` for the job (or folder) with full
   * name `a/b`; throws a `JenkinsRequestError` once retries are used up.
   */
  getJob(jobFullName: string, tree: string): Promise<Record<string, unknown>>;
}

/** The part of the `jenkins` client used here; its published typings predate `tree`. */
interface JenkinsJobApi {
  job: {
    get(options: { name: string[]; tree: string }): Promise<unknown>;
  };
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const segmentsOf = (jobFullName: string) => jobFullName.split('/');

/** The path the client requests, for messages: `/job/a/job/b/api/json`. */
export function jobApiPath(jobFullName: string): string {
  return `${segmentsOf(jobFullName)
    .map(segment => `/job/${encodeURIComponent(segment)}`)
    .join('')}/api/json`;
}

/** What the `jenkins` client (papi underneath) rejects with. */
interface ClientError {
  message?: string;
  /** Set by the client for 404 answers, which lose `res`. */
  notFound?: boolean;
  isTimeout?: boolean;
  /** Node's socket error code, e.g. ECONNREFUSED. */
  code?: string;
  res?: {
    statusCode?: number;
    headers?: Record<string, string | string[] | undefined>;
  };
}

/** Node's codes for a connection that could not be made or was cut. */
const SOCKET_ERROR =
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/;

function toRequestError(
  error: unknown,
  path: string,
  timeoutMs: number,
): JenkinsRequestError {
  const e = (error ?? {}) as ClientError;
  const status = e.res?.statusCode ?? (e.notFound ? 404 : undefined);
  if (status) {
    const retryAfter = e.res?.headers?.['retry-after'];
    return new JenkinsRequestError(
      `GET ${path}: ${status} ${STATUS_CODES[status] ?? ''}`.trim(),
      {
        status,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      },
    );
  }
  if (e.isTimeout) {
    return new JenkinsRequestError(
      `GET ${path}: no answer within ${timeoutMs} ms`,
      { unreachable: true },
    );
  }
  // The client may wrap the socket error in a new Error, keeping only its message.
  const code = e.code ?? SOCKET_ERROR.exec(e.message ?? '')?.[1];
  if (code) {
    return new JenkinsRequestError(`GET ${path}: ${code}`, {
      unreachable: true,
    });
  }
  return new JenkinsRequestError(
    `GET ${path}: ${e.message ?? String(error)}`,
    {},
  );
}

/** Basic authentication with the user's API token, as the community plugin sends it. */
function headersOf(instance: JenkinsInstanceConfig): Record<string, string> {
  const { username, apiKey } = instance;
  return {
    ...(username && apiKey
      ? {
          Authorization: `Basic ${Buffer.from(`${username}:${apiKey}`).toString(
            'base64',
          )}`,
        }
      : {}),
    ...instance.extraRequestHeaders,
  };
}

/**
 * A client for one instance, over the `jenkins` npm client (as the community
 * Jenkins plugin uses). Requests that time out, or are answered 429 or 5xx, are
 * tried again after the `Retry-After` Jenkins (or a proxy in front of it) sends,
 * else after an exponential backoff.
 */
export function createJenkinsClient(
  instance: JenkinsInstanceConfig,
  options: {
    retry: RetryPolicy;
    logger: LoggerService;
    timeoutMs?: number;
  },
): JenkinsClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Jenkins({
    baseUrl: instance.baseUrl,
    headers: headersOf(instance),
    crumbIssuer: instance.crumbIssuer,
    // papi, under the client, aborts a request after this long.
    timeout: timeoutMs,
  } as ConstructorParameters<typeof Jenkins>[0]) as unknown as JenkinsJobApi;

  return {
    async getJob(jobFullName, tree) {
      const path = jobApiPath(jobFullName);
      return withRetry(
        async () => {
          let body: unknown;
          try {
            body = await client.job.get({
              name: segmentsOf(jobFullName),
              tree,
            });
          } catch (error) {
            throw toRequestError(error, path, timeoutMs);
          }
          // E.g. a single sign-on page answered 200 in front of Jenkins.
          if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) {
            throw new JenkinsRequestError(
              `GET ${path}: the answer is not Jenkins JSON`,
              {},
            );
          }
          return body as Record<string, unknown>;
        },
        options.retry,
        (error, waitMs) =>
          options.logger.warn(
            `Jenkins ${instance.name}: ${error.message}; retrying in ${waitMs} ms`,
          ),
      );
    },
  };
}
