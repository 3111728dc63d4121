import { LoggerService } from '@backstage/backend-plugin-api';
import { Commits, Deployments, Pipelines, Projects } from '@gitbeaker/rest';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { RateLimitRetry } from '@internal/backstage-plugin-delivery-node';
import { createGitlabRequester } from './requester';
import {
  ApiCommit,
  apiCommitSchema,
  ApiDeployment,
  ApiDiff,
  apiDiffSchema,
  ApiMergeRequest,
  apiMergeRequestSchema,
  ApiNote,
  apiNoteSchema,
  apiDeploymentSchema,
  ApiPipeline,
  ApiPipelineDetail,
  apiPipelineDetailSchema,
  apiPipelineSchema,
  ApiProject,
  apiProjectSchema,
} from './schemas';

/** GitLab's largest page. */
const PER_PAGE = 100;

/** Older successful pipelines read at most, looking for the previous one of a rule. */
const MAX_PIPELINE_PAGES = 5;

/** A list read up to a cap: `complete` is false when the cap cut it short. */
export interface CappedList<T> {
  items: T[];
  complete: boolean;
}

const isoSeconds = (time: DateTime | string) =>
  (typeof time === 'string' ? DateTime.fromISO(time) : time)
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;

const projectPath = (projectId: number | string) =>
  `projects/${encodeURIComponent(String(projectId))}`;

const mergeRequestPath = (projectId: number, iid: number) =>
  `${projectPath(projectId)}/merge_requests/${iid}`;

/**
 * The GitLab REST API of one instance, as this module reads it: single records
 * through gitbeaker's resources, lists page by page following GitLab's `x-next-page`
 * header (the deployment and pipeline lists offer no keyset pagination), so a
 * reader can stop early. Answers are validated (see `schemas.ts`).
 */
export class GitlabApi {
  readonly #projects: Projects;
  readonly #deployments: Deployments;
  readonly #pipelines: Pipelines;
  readonly #commits: Commits;

  constructor(options: {
    apiBaseUrl: string;
    token: string;
    retry: RateLimitRetry;
    logger: LoggerService;
  }) {
    const resourceOptions = {
      // The requester sends to apiBaseUrl; gitbeaker only needs a host to start from.
      host: new URL(options.apiBaseUrl).origin,
      token: options.token,
      requesterFn: createGitlabRequester(options),
      // The requester times each attempt out itself; gitbeaker's timeout would also
      // cut the wait for a rate limit short.
      queryTimeout: null,
    };
    this.#projects = new Projects(resourceOptions);
    this.#deployments = new Deployments(resourceOptions);
    this.#pipelines = new Pipelines(resourceOptions);
    this.#commits = new Commits(resourceOptions);
  }

  /** `GET /projects/:id`, by numeric id or `group/project` path. */
  async project(idOrPath: number | string): Promise<ApiProject> {
    return apiProjectSchema.parse(await this.#projects.show(idOrPath));
  }

  /** `GET /projects/:id/deployments/:deployment_id` */
  async deployment(
    projectId: number,
    deploymentId: number,
  ): Promise<ApiDeployment> {
    return apiDeploymentSchema.parse(
      await this.#deployments.show(projectId, deploymentId),
    );
  }

  /** Deployments updated after `since`, oldest update first. */
  deploymentsUpdatedSince(
    projectId: number,
    since: DateTime,
  ): AsyncGenerator<ApiDeployment> {
    // GitLab refuses an updated_after filter unless ordered by updated_at.
    return this.#pages(
      `${projectPath(projectId)}/deployments`,
      { updatedAfter: isoSeconds(since), orderBy: 'updated_at', sort: 'asc' },
      apiDeploymentSchema,
    );
  }

  /**
   * The latest successful deployment to `environment` that finished before `before`
   * (GitLab accepts `finished_before` only with `order_by=finished_at` and
   * `status=success`).
   */
  async lastSuccessfulDeploymentBefore(
    projectId: number,
    environment: string,
    before: string,
  ): Promise<ApiDeployment | undefined> {
    const { items } = await this.#page(
      `${projectPath(projectId)}/deployments`,
      {
        environment,
        status: 'success',
        finishedBefore: isoSeconds(before),
        orderBy: 'finished_at',
        sort: 'desc',
        perPage: 1,
      },
      apiDeploymentSchema,
      1,
    );
    return items[0];
  }

  /** Pipelines updated after `since`, oldest update first. */
  pipelinesUpdatedSince(
    projectId: number,
    since: DateTime,
  ): AsyncGenerator<ApiPipeline> {
    return this.#pages(
      `${projectPath(projectId)}/pipelines`,
      { updatedAfter: isoSeconds(since), orderBy: 'updated_at', sort: 'asc' },
      apiPipelineSchema,
    );
  }

  /** `GET /projects/:id/pipelines/:pipeline_id` */
  async pipeline(
    projectId: number,
    pipelineId: number,
  ): Promise<ApiPipelineDetail> {
    return apiPipelineDetailSchema.parse(
      await this.#pipelines.show(projectId, pipelineId),
    );
  }

  /**
   * The newest successful pipeline on `ref` older than pipeline `beforeId` that
   * `accept`s, among the newest few pages.
   */
  async lastSuccessfulPipelineBefore(
    projectId: number,
    ref: string,
    beforeId: number,
    accept: (pipeline: ApiPipeline) => boolean,
  ): Promise<ApiPipeline | undefined> {
    const pipelines = this.#pages(
      `${projectPath(projectId)}/pipelines`,
      { ref, status: 'success', orderBy: 'id', sort: 'desc' },
      apiPipelineSchema,
      MAX_PIPELINE_PAGES,
    );
    for await (const pipeline of pipelines) {
      if (pipeline.id < beforeId && accept(pipeline)) return pipeline;
    }
    return undefined;
  }

  /** `GET /projects/:id/repository/commits/:sha` */
  async commit(projectId: number, sha: string): Promise<ApiCommit> {
    return apiCommitSchema.parse(await this.#commits.show(projectId, sha));
  }

  /**
   * The commits reachable from `to` but not from `from` (git's `from..to`), newest
   * first, at most `max`: what a deployment of `to` shipped after one of `from`.
   */
  async commitsBetween(
    projectId: number,
    from: string,
    to: string,
    max: number,
  ): Promise<ApiCommit[]> {
    const commits: ApiCommit[] = [];
    const range = this.#pages(
      `${projectPath(projectId)}/repository/commits`,
      { refName: `${from}..${to}` },
      apiCommitSchema,
    );
    for await (const commit of range) {
      commits.push(commit);
      if (commits.length >= max) break;
    }
    return commits;
  }

  /** `GET /projects/:id/merge_requests/:merge_request_iid` */
  async mergeRequest(projectId: number, iid: number): Promise<ApiMergeRequest> {
    const response = await this.#projects.requester.get(
      mergeRequestPath(projectId, iid),
    );
    return apiMergeRequestSchema.parse(response.body);
  }

  /** Merge requests of every state updated after `since`, oldest update first. */
  mergeRequestsUpdatedSince(
    projectId: number,
    since: DateTime,
  ): AsyncGenerator<ApiMergeRequest> {
    return this.#pages(
      `${projectPath(projectId)}/merge_requests`,
      {
        state: 'all',
        updatedAfter: isoSeconds(since),
        orderBy: 'updated_at',
        sort: 'asc',
      },
      apiMergeRequestSchema,
    );
  }

  /** The merge request's commits (newest first, as GitLab lists them), at most `max`. */
  async mergeRequestCommits(
    projectId: number,
    iid: number,
    max: number,
  ): Promise<CappedList<ApiCommit>> {
    return this.#capped(
      this.#pages(
        `${mergeRequestPath(projectId, iid)}/commits`,
        {},
        apiCommitSchema,
      ),
      max,
    );
  }

  /**
   * The merge request's notes, system notes (approvals among them) included, oldest
   * first, so that a reader looking for the first review can stop there.
   */
  mergeRequestNotes(
    projectId: number,
    iid: number,
    maxPages: number,
  ): AsyncGenerator<ApiNote> {
    return this.#pages(
      `${mergeRequestPath(projectId, iid)}/notes`,
      { orderBy: 'created_at', sort: 'asc' },
      apiNoteSchema,
      maxPages,
    );
  }

  /** The files the merge request changes, with their diffs, at most `max` (GitLab 15.7+). */
  async mergeRequestDiffs(
    projectId: number,
    iid: number,
    max: number,
  ): Promise<CappedList<ApiDiff>> {
    return this.#capped(
      this.#pages(
        `${mergeRequestPath(projectId, iid)}/diffs`,
        {},
        apiDiffSchema,
      ),
      max,
    );
  }

  /** The first `max` items of a list, and whether that was all of it. */
  async #capped<T>(
    items: AsyncGenerator<T>,
    max: number,
  ): Promise<CappedList<T>> {
    const read: T[] = [];
    for await (const item of items) {
      if (read.length >= max) return { items: read, complete: false };
      read.push(item);
    }
    return { items: read, complete: true };
  }

  /** Every item of a list, page after page, at most `maxPages` pages. */
  async *#pages<T>(
    endpoint: string,
    params: Record<string, string | number>,
    schema: z.ZodType<T>,
    maxPages = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<T> {
    let page: number | undefined = 1;
    for (let read = 0; page !== undefined && read < maxPages; read++) {
      const result: { items: T[]; next?: number } = await this.#page(
        endpoint,
        { perPage: PER_PAGE, ...params },
        schema,
        page,
      );
      yield* result.items;
      page = result.next;
    }
  }

  /** One page of a list and the number of the next, from `x-next-page` (empty on the last). */
  async #page<T>(
    endpoint: string,
    params: Record<string, string | number>,
    schema: z.ZodType<T>,
    page: number,
  ): Promise<{ items: T[]; next?: number }> {
    // Any resource's requester serves any endpoint of the instance.
    const response = await this.#projects.requester.get(endpoint, {
      searchParams: { ...params, page },
    });
    const next = Number.parseInt(response.headers['x-next-page'] ?? '', 10);
    return {
      items: z.array(schema).parse(response.body),
      next: Number.isInteger(next) && next > page ? next : undefined,
    };
  }
}
