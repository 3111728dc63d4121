import { ArgocdInstance } from '../config';
import {
  Application,
  applicationListSchema,
  applicationSchema,
  applicationTreeSchema,
  ResourceNode,
  resourceNodeSchema,
  resourceResponseSchema,
  RevisionMetadata,
  revisionMetadataSchema,
  sessionSchema,
} from './types';
import { z } from 'zod';
import {
  DEFAULT_RATE_LIMIT_RETRY,
  fetchWithRateLimitRetry,
  NO_RATE_LIMIT_RETRY,
  parseRetryAfter,
  RateLimitRetry,
} from '@internal/backstage-plugin-delivery-node';

/** How rate-limited (429) requests are retried. */
export type RetryPolicy = RateLimitRetry;
export const DEFAULT_RETRY = DEFAULT_RATE_LIMIT_RETRY;
/** For webhook handling, which must answer quickly: no waiting. */
export const NO_RETRY = NO_RATE_LIMIT_RETRY;

/** When a 429 names no time. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

/** A failed request, described for a platform engineer; never carries a credential. */
export class ArgocdRequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ArgocdRequestError';
  }
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date. */
export function retryAfterMs(
  header: string | null,
  now: number = Date.now(),
): number {
  return parseRetryAfter(header, now) ?? DEFAULT_RETRY_AFTER_MS;
}

export interface ApplicationQuery {
  selector?: string;
  project?: string;
  /** Apps-in-any-namespace: the namespace the Application lives in. */
  namespace?: string;
}

export interface ArgocdClient {
  readonly instance: ArgocdInstance;
  /** The application, or undefined when Argo CD answers 404 or 403 (it hides apps a token may not read). */
  getApplication(
    name: string,
    namespace?: string,
  ): Promise<Application | undefined>;
  /** Applications matching the query; items that fail validation are listed apart. */
  listApplications(
    query: ApplicationQuery,
  ): Promise<{ items: Application[]; invalid: string[] }>;
  getRevisionMetadata(
    app: { name: string; namespace: string; project?: string },
    revision: string,
    sourceIndex?: number,
  ): Promise<RevisionMetadata>;
  /** The application's resources and their children (ReplicaSets, AnalysisRuns, …). */
  getResourceTree(app: AppRef): Promise<ResourceNode[]>;
  /**
   * The live object of one of the application's resources (`.../resource`), parsed
   * from its JSON; undefined when Argo CD answers 404 (it is gone).
   */
  getResource(app: AppRef, resource: ResourceRef): Promise<unknown>;
}

/** An application, as the resource calls address it. */
export interface AppRef {
  name: string;
  namespace: string;
  project?: string;
}

/** A resource of an application's tree. */
export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Reads an unwanted (small, error) body so the connection can be reused. */
async function discard(response: Response): Promise<void> {
  await response.text().catch(() => undefined);
}

function describeFailure(error: unknown): string {
  const { cause, name, message } = error as Error & {
    cause?: { code?: string };
  };
  if (name === 'TimeoutError') return 'timed out';
  return cause?.code ? `${message} (${cause.code})` : message;
}

/**
 * A small client of the Argo CD REST API (there is no maintained JS one): bearer
 * token auth (an API token, or a session token obtained with a username and
 * password and renewed once on 401), 429 retried after `Retry-After`, and typed,
 * validated answers.
 */
export function createArgocdClient(options: {
  instance: ArgocdInstance;
  retry?: RetryPolicy;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
}): ArgocdClient {
  const { instance } = options;
  const retry = options.retry ?? NO_RETRY;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const credentials = instance.credentials;
  let sessionToken: Promise<string> | undefined;

  const call = async (
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; bearer?: string } = {},
  ): Promise<Response> => {
    const url = `${instance.url}${path}`;
    const send = async () => {
      try {
        return await fetch(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(init.body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
            ...(init.bearer ? { Authorization: `Bearer ${init.bearer}` } : {}),
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new ArgocdRequestError(
          `${method} ${url}: ${describeFailure(error)}`,
        );
      }
    };
    return fetchWithRateLimitRetry(send, {
      retry,
      waitMs: response => retryAfterMs(response.headers.get('retry-after')),
      discard,
    });
  };

  const login = async (): Promise<string> => {
    if (!credentials || !('username' in credentials)) {
      throw new ArgocdRequestError(`no credentials for ${instance.name}`);
    }
    const response = await call('POST', '/api/v1/session', {
      body: { username: credentials.username, password: credentials.password },
    });
    if (!response.ok) {
      throw new ArgocdRequestError(
        `POST ${instance.url}/api/v1/session: ${response.status} ${response.statusText}`,
        response.status,
      );
    }
    return sessionSchema.parse(await response.json()).token;
  };

  const bearer = async (renew = false): Promise<string | undefined> => {
    if (!credentials) return undefined;
    if ('token' in credentials) return credentials.token;
    if (renew || !sessionToken) {
      sessionToken = login();
      // A failed login is not remembered: the next request tries again.
      sessionToken.catch(() => {
        sessionToken = undefined;
      });
    }
    return sessionToken;
  };

  /** GETs a path; undefined for the statuses in `absent`. */
  const get = async <T>(
    path: string,
    schema: z.ZodType<T>,
    absent: number[] = [],
  ): Promise<T | undefined> => {
    let response = await call('GET', path, { bearer: await bearer() });
    if (response.status === 401 && credentials && 'username' in credentials) {
      // The session token expired: log in again, once.
      await discard(response);
      response = await call('GET', path, { bearer: await bearer(true) });
    }
    if (absent.includes(response.status)) {
      await discard(response);
      return undefined;
    }
    if (!response.ok) {
      await discard(response);
      throw new ArgocdRequestError(
        `GET ${instance.url}${path}: ${response.status} ${response.statusText}`,
        response.status,
      );
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ArgocdRequestError(
        `GET ${instance.url}${path}: unexpected answer (${parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')})`,
      );
    }
    return parsed.data;
  };

  const query = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) search.append(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  };

  return {
    instance,
    async getApplication(name, namespace) {
      return get(
        `/api/v1/applications/${encodeURIComponent(name)}${query({
          appNamespace: namespace,
        })}`,
        applicationSchema,
        [403, 404],
      );
    },
    async listApplications({ selector, project, namespace }) {
      const list = await get(
        `/api/v1/applications${query({
          selector,
          // The legacy name, which every version reads (newer ones also `projects`);
          // the module checks the project of each answer itself as well.
          project,
          appNamespace: namespace,
        })}`,
        applicationListSchema,
      );
      const items: Application[] = [];
      const invalid: string[] = [];
      for (const item of list?.items ?? []) {
        const parsed = applicationSchema.safeParse(item);
        if (parsed.success) {
          items.push(parsed.data);
        } else {
          const name = (item as { metadata?: { name?: unknown } })?.metadata
            ?.name;
          invalid.push(
            `${
              typeof name === 'string' ? name : '(unnamed)'
            }: ${parsed.error.issues
              .map(i => `${i.path.join('.')}: ${i.message}`)
              .join('; ')}`,
          );
        }
      }
      return { items, invalid };
    },
    async getResourceTree(app) {
      const tree = await get(
        `/api/v1/applications/${encodeURIComponent(
          app.name,
        )}/resource-tree${query({
          appNamespace: app.namespace,
          project: app.project,
        })}`,
        applicationTreeSchema,
      );
      // A node Argo CD writes in a shape this module does not read is skipped.
      return (tree?.nodes ?? []).flatMap(node => {
        const parsed = resourceNodeSchema.safeParse(node);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async getResource(app, resource) {
      const path = `/api/v1/applications/${encodeURIComponent(
        app.name,
      )}/resource${query({
        namespace: resource.namespace,
        resourceName: resource.name,
        version: resource.version,
        group: resource.group,
        kind: resource.kind,
        appNamespace: app.namespace,
        project: app.project,
      })}`;
      const answer = await get(path, resourceResponseSchema, [404]);
      if (!answer) return undefined;
      try {
        return JSON.parse(answer.manifest);
      } catch {
        throw new ArgocdRequestError(
          `GET ${instance.url}${path}: the manifest is not JSON`,
        );
      }
    },
    async getRevisionMetadata(app, revision, sourceIndex) {
      const metadata = await get(
        `/api/v1/applications/${encodeURIComponent(
          app.name,
        )}/revisions/${encodeURIComponent(revision)}/metadata${query({
          appNamespace: app.namespace,
          project: app.project,
          sourceIndex:
            sourceIndex === undefined ? undefined : String(sourceIndex),
        })}`,
        revisionMetadataSchema,
      );
      return metadata!;
    },
  };
}
