import { http, HttpResponse } from 'msw';
import {
  clone,
  commitExample,
  commitListItemExample,
  deploymentExample,
  mergeRequestCommitsExample,
  mergeRequestDiffsExample,
  mergeRequestExample,
  mergeRequestNoteExample,
  pipelineExample,
  projectExample,
} from './fixtures';

/*
 * A fake GitLab REST API (v4) on a real base URL, answering with the shapes of
 * GitLab's documented examples (./fixtures.ts) and paginating as GitLab does:
 * `page`/`per_page` parameters, `x-page`, `x-per-page`, `x-next-page` (empty on the
 * last page), `x-prev-page`, `x-total`, `x-total-pages` and `link` headers; the
 * Commits API omits `x-total` and `x-total-pages`, as documented.
 * See https://docs.gitlab.com/api/rest/#offset-based-pagination.
 */

type Json = Record<string, unknown>;

/** A project's records, as the fake serves them. */
export interface FakeProject {
  project: ReturnType<typeof projectRecord>;
  deployments?: ReturnType<typeof deploymentRecord>[];
  pipelines?: ReturnType<typeof pipelineRecord>[];
  /** The default branch's history, oldest first. */
  commits?: ReturnType<typeof commitRecord>[];
  mergeRequests?: FakeMergeRequest[];
}

/** A merge request and what its sub-resources answer. */
export interface FakeMergeRequest {
  mergeRequest: ReturnType<typeof mergeRequestRecord>;
  /** Its commits, newest first as GitLab lists them. */
  commits?: ReturnType<typeof mergeRequestCommitRecord>[];
  /** Its notes, in any order (the fake sorts them as asked). */
  notes?: ReturnType<typeof noteRecord>[];
  diffs?: ReturnType<typeof diffRecord>[];
}

export interface FakeGitlabOptions {
  /** e.g. `https://gitlab.acme.test/api/v4` */
  apiBaseUrl: string;
  token: string;
  projects: FakeProject[];
  /** The largest page served, whatever `per_page` asks (GitLab's is 100). */
  maxPerPage?: number;
  /** Every request received, in order. */
  requests?: URL[];
}

/** A project like the Projects API's example, at `webUrl`. */
export function projectRecord(options: {
  id: number;
  path: string;
  webUrl: string;
}) {
  const name = options.path.split('/').pop()!;
  return {
    ...clone(projectExample),
    id: options.id,
    name,
    path: name,
    path_with_namespace: options.path,
    name_with_namespace: options.path.replace('/', ' / '),
    web_url: options.webUrl,
    http_url_to_repo: `${options.webUrl}.git`,
    readme_url: `${options.webUrl}/blob/master/README.md`,
  };
}

/** A commit like the Commits API's list example. */
export function commitRecord(options: {
  sha: string;
  committedAt: string;
  title: string;
  author?: string;
}) {
  return {
    ...clone(commitListItemExample),
    id: options.sha,
    short_id: options.sha.slice(0, 11),
    title: options.title,
    message: options.title,
    author_name: options.author ?? commitListItemExample.author_name,
    authored_date: options.committedAt,
    committed_date: options.committedAt,
    created_at: options.committedAt,
  };
}

/** A deployment like the Deployments API's "Get a specific deployment" example. */
export function deploymentRecord(options: {
  id: number;
  iid: number;
  status: string;
  environment: { id: number; name: string };
  sha: string;
  ref?: string;
  tag?: boolean;
  createdAt: string;
  updatedAt: string;
  /** The job that ran it; none for a deployment made through the API. */
  job?: {
    id: number;
    startedAt: string | null;
    finishedAt: string | null;
    commit: ReturnType<typeof commitRecord>;
  };
}) {
  const example = clone(deploymentExample);
  const ref = options.ref ?? 'main';
  const { job } = options;
  return {
    ...example,
    id: options.id,
    iid: options.iid,
    ref,
    sha: options.sha,
    created_at: options.createdAt,
    updated_at: options.updatedAt,
    status: options.status,
    environment: { ...example.environment, ...options.environment },
    deployable: job
      ? {
          ...example.deployable,
          id: job.id,
          status: options.status,
          ref,
          tag: options.tag ?? false,
          started_at: job.startedAt,
          finished_at: job.finishedAt,
          commit: {
            id: job.commit.id,
            short_id: job.commit.id.slice(0, 8),
            title: job.commit.title,
            author_name: job.commit.author_name,
            author_email: job.commit.author_email,
            created_at: job.commit.created_at,
            message: job.commit.message,
          },
          pipeline: {
            ...example.deployable.pipeline,
            ref,
            sha: options.sha,
          },
        }
      : null,
  };
}

/** A pipeline like the Pipelines API's "Get a single pipeline" example. */
export function pipelineRecord(options: {
  id: number;
  iid: number;
  status: string;
  ref: string;
  sha: string;
  source?: string;
  name?: string | null;
  tag?: boolean;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  webUrl: string;
}) {
  return {
    ...clone(pipelineExample),
    id: options.id,
    iid: options.iid,
    name: options.name ?? pipelineExample.name,
    sha: options.sha,
    ref: options.ref,
    status: options.status,
    source: options.source ?? 'push',
    created_at: options.createdAt,
    updated_at: options.updatedAt,
    web_url: options.webUrl,
    tag: options.tag ?? false,
    started_at: options.startedAt,
    finished_at: options.finishedAt,
  };
}

/** A merge request like the Merge requests API's "Get single MR" example. */
export function mergeRequestRecord(options: {
  id: number;
  iid: number;
  title: string;
  state: 'opened' | 'closed' | 'merged';
  author: { id: number; username: string };
  createdAt: string;
  updatedAt: string;
  mergedAt?: string;
  closedAt?: string;
  mergeCommitSha?: string;
  squash?: boolean;
  squashCommitSha?: string;
  draft?: boolean;
  /** `changes_count`; default the number of diffs served. */
  changesCount?: string | null;
  webUrl: string;
}) {
  const example = clone(mergeRequestExample);
  return {
    ...example,
    id: options.id,
    iid: options.iid,
    project_id: 0,
    title: options.title,
    state: options.state,
    created_at: options.createdAt,
    updated_at: options.updatedAt,
    merged_at: options.mergedAt ?? null,
    closed_at: options.closedAt ?? null,
    author: {
      ...example.author,
      id: options.author.id,
      username: options.author.username,
      name: options.author.username,
    },
    draft: options.draft ?? false,
    work_in_progress: options.draft ?? false,
    squash: options.squash ?? false,
    merge_commit_sha: options.mergeCommitSha ?? null,
    squash_commit_sha: options.squashCommitSha ?? null,
    changes_count: options.changesCount ?? null,
    web_url: options.webUrl,
    references: {
      short: `!${options.iid}`,
      relative: `!${options.iid}`,
      full: `!${options.iid}`,
    },
    reference: `!${options.iid}`,
  };
}

/** A commit like the "Get single merge request commits" example's. */
export function mergeRequestCommitRecord(options: {
  sha: string;
  committedAt: string;
  title: string;
}) {
  return {
    ...clone(mergeRequestCommitsExample[0]),
    id: options.sha,
    short_id: options.sha.slice(0, 11),
    title: options.title,
    message: options.title,
    authored_date: options.committedAt,
    committed_date: options.committedAt,
    created_at: options.committedAt,
  };
}

/** A note like the "Get single merge request note" example; `system` for GitLab's own notes. */
export function noteRecord(options: {
  id: number;
  author: { id: number; username: string };
  body: string;
  createdAt: string;
  system?: boolean;
}) {
  const example = clone(mergeRequestNoteExample);
  return {
    ...example,
    id: options.id,
    body: options.body,
    author: {
      ...example.author,
      id: options.author.id,
      username: options.author.username,
      name: options.author.username,
    },
    created_at: options.createdAt,
    updated_at: options.createdAt,
    system: options.system ?? false,
  };
}

/** A changed file like the "List merge request diffs" example's. */
export function diffRecord(options: {
  path: string;
  oldPath?: string;
  diff: string;
  tooLarge?: boolean;
}) {
  return {
    ...clone(mergeRequestDiffsExample[0]),
    old_path: options.oldPath ?? options.path,
    new_path: options.path,
    renamed_file: !!options.oldPath && options.oldPath !== options.path,
    diff: options.diff,
    ...(options.tooLarge ? { too_large: true, collapsed: true } : {}),
  };
}

/** The fields "List project pipelines" shows of a pipeline. */
const pipelineListItem = (pipeline: ReturnType<typeof pipelineRecord>) => ({
  id: pipeline.id,
  iid: pipeline.iid,
  project_id: pipeline.project_id,
  status: pipeline.status,
  source: pipeline.source,
  ref: pipeline.ref,
  sha: pipeline.sha,
  name: pipeline.name,
  web_url: pipeline.web_url,
  created_at: pipeline.created_at,
  updated_at: pipeline.updated_at,
});

const time = (value: unknown) => Date.parse(String(value));

const message = (status: number, text: string) =>
  HttpResponse.json({ message: text }, { status });

/** One page of `items` with GitLab's pagination headers. */
function paginated(
  url: URL,
  items: unknown[],
  options: { maxPerPage: number; totals: boolean },
) {
  const perPage = Math.min(
    Number(url.searchParams.get('per_page') ?? 20),
    options.maxPerPage,
  );
  const page = Number(url.searchParams.get('page') ?? 1);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (n: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    target.searchParams.set('per_page', String(perPage));
    return target.toString();
  };
  const links = [
    ...(page < pages ? [`<${linkTo(page + 1)}>; rel="next"`] : []),
    ...(page > 1 ? [`<${linkTo(page - 1)}>; rel="prev"`] : []),
    `<${linkTo(1)}>; rel="first"`,
    ...(options.totals ? [`<${linkTo(pages)}>; rel="last"`] : []),
  ];
  return HttpResponse.json(
    items.slice((page - 1) * perPage, page * perPage) as Json[],
    {
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-next-page': page < pages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
        ...(options.totals
          ? { 'x-total': String(items.length), 'x-total-pages': String(pages) }
          : {}),
        link: links.join(', '),
      },
    },
  );
}

function sortBy<T extends Json>(
  items: T[],
  key: string,
  direction: string,
): T[] {
  const value = (item: T) =>
    key.endsWith('_at') ? time(item[key]) : Number(item[key]);
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  return direction === 'desc' ? sorted.reverse() : sorted;
}

/** When a deployment finished, as GitLab's `finished_at` filters see it. */
const deploymentFinishedAt = (d: ReturnType<typeof deploymentRecord>) =>
  d.deployable?.finished_at ?? d.updated_at;

/** The msw handlers of a fake GitLab instance. */
export function fakeGitlab(options: FakeGitlabOptions) {
  const base = options.apiBaseUrl.replace(/\/$/, '');
  const maxPerPage = options.maxPerPage ?? 100;

  const find = (id: string) => {
    const key = decodeURIComponent(id).toLowerCase();
    return options.projects.find(
      p =>
        String(p.project.id) === key ||
        p.project.path_with_namespace.toLowerCase() === key,
    );
  };

  /** Checks the token and finds the project, or answers as GitLab does. */
  const withProject =
    (answer: (project: FakeProject, url: URL, params: Json) => Response) =>
    ({ request, params }: { request: Request; params: Json }) => {
      const url = new URL(request.url);
      options.requests?.push(url);
      if (request.headers.get('private-token') !== options.token) {
        return message(401, '401 Unauthorized');
      }
      const project = find(String(params.id));
      if (!project) return message(404, '404 Project Not Found');
      return answer(project, url, params);
    };

  /** The merge request `iid` of the project, or GitLab's 404. */
  const withMergeRequest = (
    answer: (mergeRequest: FakeMergeRequest, url: URL) => Response,
  ) =>
    withProject(({ mergeRequests = [] }, url, params) => {
      const found = mergeRequests.find(
        m => String(m.mergeRequest.iid) === params.iid,
      );
      return found ? answer(found, url) : message(404, '404 Not found');
    });

  function mergeRequestHandlers() {
    const path = `${base}/projects/:id/merge_requests/:iid`;
    return [
      http.get(
        path,
        withMergeRequest(({ mergeRequest, diffs = [] }) =>
          HttpResponse.json({
            ...mergeRequest,
            changes_count: mergeRequest.changes_count ?? String(diffs.length),
          }),
        ),
      ),
      http.get(
        `${path}/commits`,
        withMergeRequest(({ commits = [] }, url) =>
          paginated(url, commits, { maxPerPage, totals: true }),
        ),
      ),
      http.get(
        `${path}/notes`,
        withMergeRequest(({ notes = [] }, url) =>
          paginated(
            url,
            sortBy(
              notes,
              url.searchParams.get('order_by') ?? 'created_at',
              url.searchParams.get('sort') ?? 'desc',
            ),
            { maxPerPage, totals: true },
          ),
        ),
      ),
      http.get(
        `${path}/diffs`,
        withMergeRequest(({ diffs = [] }, url) =>
          paginated(url, diffs, { maxPerPage, totals: true }),
        ),
      ),
    ];
  }

  return [
    http.get(
      `${base}/projects/:id`,
      withProject(({ project }) => HttpResponse.json(project)),
    ),

    http.get(
      `${base}/projects/:id/deployments`,
      withProject(({ deployments = [] }, url) => {
        const q = url.searchParams;
        const orderBy = q.get('order_by') ?? 'id';
        if (
          (q.has('updated_after') || q.has('updated_before')) &&
          orderBy !== 'updated_at'
        ) {
          return message(
            400,
            '400 Bad request - `updated_at` filter and `updated_at` sorting must be paired',
          );
        }
        if (
          (q.has('finished_before') || q.has('finished_after')) &&
          (orderBy !== 'finished_at' || q.get('status') !== 'success')
        ) {
          return message(
            400,
            '400 Bad request - `finished_at` filter requires `finished_at` sorting and `success` status',
          );
        }
        let items = deployments.filter(
          d =>
            (!q.has('updated_after') ||
              time(d.updated_at) > time(q.get('updated_after'))) &&
            (!q.has('environment') ||
              d.environment.name === q.get('environment')) &&
            (!q.has('status') || d.status === q.get('status')) &&
            (!q.has('finished_before') ||
              time(deploymentFinishedAt(d)) < time(q.get('finished_before'))),
        );
        items =
          orderBy === 'finished_at'
            ? [...items].sort(
                (a, b) =>
                  time(deploymentFinishedAt(a)) - time(deploymentFinishedAt(b)),
              )
            : sortBy(items, orderBy, 'asc');
        if (q.get('sort') === 'desc') items.reverse();
        return paginated(url, items, { maxPerPage, totals: true });
      }),
    ),

    http.get(
      `${base}/projects/:id/deployments/:deploymentId`,
      withProject(({ deployments = [] }, _url, params) => {
        const found = deployments.find(
          d => String(d.id) === params.deploymentId,
        );
        return found
          ? HttpResponse.json(found)
          : message(404, '404 Deployment Not Found');
      }),
    ),

    http.get(
      `${base}/projects/:id/pipelines`,
      withProject(({ pipelines = [] }, url) => {
        const q = url.searchParams;
        const items = sortBy(
          pipelines
            .filter(
              p =>
                (!q.has('updated_after') ||
                  time(p.updated_at) > time(q.get('updated_after'))) &&
                (!q.has('ref') || p.ref === q.get('ref')) &&
                (!q.has('status') || p.status === q.get('status')),
            )
            .map(pipelineListItem),
          q.get('order_by') ?? 'id',
          q.get('sort') ?? 'desc',
        );
        return paginated(url, items, { maxPerPage, totals: true });
      }),
    ),

    http.get(
      `${base}/projects/:id/pipelines/:pipelineId`,
      withProject(({ pipelines = [] }, _url, params) => {
        const found = pipelines.find(p => String(p.id) === params.pipelineId);
        return found ? HttpResponse.json(found) : message(404, '404 Not found');
      }),
    ),

    http.get(
      `${base}/projects/:id/merge_requests`,
      withProject(({ mergeRequests = [] }, url) => {
        const q = url.searchParams;
        const items = sortBy(
          mergeRequests
            .map(m => m.mergeRequest)
            .filter(
              m =>
                (!q.has('updated_after') ||
                  time(m.updated_at) >= time(q.get('updated_after'))) &&
                (q.get('state') ?? 'all') === 'all',
            )
            // The list leaves out what only "Get single MR" answers.
            .map(({ changes_count: _, ...listed }) => listed),
          q.get('order_by') ?? 'created_at',
          q.get('sort') ?? 'desc',
        );
        return paginated(url, items, { maxPerPage, totals: true });
      }),
    ),

    ...mergeRequestHandlers(),

    http.get(
      `${base}/projects/:id/repository/commits`,
      withProject(({ commits = [] }, url) => {
        const [from, to] = (url.searchParams.get('ref_name') ?? '').split('..');
        const index = (sha: string) => commits.findIndex(c => c.id === sha);
        if (to === undefined || index(from) < 0 || index(to) < 0) {
          return message(404, '404 Commit Not Found');
        }
        // `from..to` on a linear history: after `from`, up to `to`, newest first.
        const range = commits.slice(index(from) + 1, index(to) + 1).reverse();
        return paginated(url, range, { maxPerPage, totals: false });
      }),
    ),

    http.get(
      `${base}/projects/:id/repository/commits/:sha`,
      withProject(({ commits = [] }, _url, params) => {
        const found = commits.find(c => c.id === params.sha);
        return found
          ? HttpResponse.json({
              ...clone(commitExample),
              ...found,
              short_id: found.id.slice(0, 11),
            })
          : message(404, '404 Commit Not Found');
      }),
    ),
  ];
}
