import { http, HttpResponse } from 'msw';
import { examplesOf, label } from './examples';

/**
 * A `GET /repos/{owner}/{repo}/commits/{ref}` response body, shaped like the example
 * in GitHub's REST API documentation ("Get a commit").
 */
export function commitResponse(options: {
  owner: string;
  repo: string;
  sha: string;
  date: string;
  message?: string;
  files?: string[];
}) {
  const { owner, repo, sha, date } = options;
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const person = {
    name: 'Monalisa Octocat',
    email: 'support@github.com',
    date,
  };
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id:
      'MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==',
    html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: person,
      committer: person,
      message: options.message ?? 'Fix all the bugs',
      tree: {
        url: `${api}/tree/6dcb09b5b57875f334f61aebed695e2e4193db5e`,
        sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      },
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
      },
    },
    author: null,
    committer: null,
    parents: [
      {
        url: `${api}/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e`,
        sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      },
    ],
    stats: { additions: 104, deletions: 4, total: 108 },
    files: (options.files ?? ['file1.txt']).map(filename => ({
      sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
      filename,
      status: 'modified',
      additions: 10,
      deletions: 2,
      changes: 12,
      blob_url: `https://github.com/${owner}/${repo}/blob/${sha}/${filename}`,
      raw_url: `https://github.com/${owner}/${repo}/raw/${sha}/${filename}`,
      contents_url: `${api}/contents/${filename}?ref=${sha}`,
      patch: '@@ -29,7 +29,7 @@\n.....',
    })),
  };
}

/**
 * An item of `GET /repos/{owner}/{repo}/issues`: GitHub's example issue (the REST API
 * returns the representation webhooks embed) with these fields. Pull requests, which
 * the endpoint lists too, carry `pull_request`.
 */
export function issueResponse(options: {
  owner: string;
  repo: string;
  number: number;
  title?: string;
  body?: string | null;
  labels: string[];
  createdAt: string;
  updatedAt?: string;
  /** Closed at this time; open without it. */
  closedAt?: string;
  pullRequest?: boolean;
}) {
  const { owner, repo, number, createdAt, closedAt } = options;
  const { issue } = examplesOf('issues')[15];
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const web = `https://github.com/${owner}/${repo}`;
  return {
    ...issue,
    url: `${api}/issues/${number}`,
    repository_url: api,
    labels_url: `${api}/issues/${number}/labels{/name}`,
    comments_url: `${api}/issues/${number}/comments`,
    events_url: `${api}/issues/${number}/events`,
    html_url: `${web}/${options.pullRequest ? 'pull' : 'issues'}/${number}`,
    id: 444500000 + number,
    number,
    title: options.title ?? issue.title,
    body: options.body === undefined ? issue.body : options.body,
    labels: options.labels.map(label),
    state: closedAt ? 'closed' : 'open',
    created_at: createdAt,
    updated_at: options.updatedAt ?? closedAt ?? createdAt,
    closed_at: closedAt ?? null,
    ...(options.pullRequest
      ? {
          pull_request: {
            url: `${api}/pulls/${number}`,
            html_url: `${web}/pull/${number}`,
            diff_url: `${web}/pull/${number}.diff`,
            patch_url: `${web}/pull/${number}.patch`,
            merged_at: null,
          },
        }
      : {}),
  };
}

/**
 * A fake of `GET {repositoryApiUrl}/issues` serving `pages` one per `page`
 * parameter, linked as GitHub links them (`Link: <…&page=2>; rel="next"`, the other
 * query parameters kept). Each request's query is pushed to `queries`.
 */
export function serveIssues(
  repositoryApiUrl: string,
  pages: unknown[][],
  queries: URLSearchParams[] = [],
) {
  return http.get(`${repositoryApiUrl}/issues`, ({ request }) => {
    const url = new URL(request.url);
    queries.push(url.searchParams);
    const page = Number(url.searchParams.get('page') ?? '1');
    const linkTo = (n: number) => {
      const target = new URL(url);
      target.searchParams.set('page', String(n));
      return target.toString();
    };
    const links =
      page < pages.length
        ? `<${linkTo(page + 1)}>; rel="next", <${linkTo(
            pages.length,
          )}>; rel="last"`
        : undefined;
    return HttpResponse.json(pages[page - 1] ?? [], {
      headers: links ? { link: links } : {},
    });
  });
}

/** The commit GitHub's deployment_status example deployed. */
export const EXAMPLE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

/** Serves the example's commit (Codertocat/Hello-World), committed at 14:00 that day. */
export const serveExampleCommit = (message?: string) =>
  http.get(
    `https://api.github.com/repos/Codertocat/Hello-World/commits/${EXAMPLE_SHA}`,
    () =>
      HttpResponse.json(
        commitResponse({
          owner: 'Codertocat',
          repo: 'Hello-World',
          sha: EXAMPLE_SHA,
          date: '2019-05-15T14:00:00Z',
          message,
        }),
      ),
  );

/**
 * The page of `all` a request asks for (`per_page`, default 30; `page`), linked to the
 * next as GitHub links them (`Link: <…&page=2>; rel="next"`, the other query
 * parameters kept).
 */
function pageOf(request: Request, all: unknown[]) {
  const url = new URL(request.url);
  const perPage = Number(url.searchParams.get('per_page') ?? '30');
  const page = Number(url.searchParams.get('page') ?? '1');
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const linkTo = (n: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return target.toString();
  };
  return HttpResponse.json(all.slice((page - 1) * perPage, page * perPage), {
    headers:
      page < last
        ? {
            link: `<${linkTo(page + 1)}>; rel="next", <${linkTo(
              last,
            )}>; rel="last"`,
          }
        : {},
  });
}

/** A pull request of the fake API, and what it is made of. */
export interface FakePullRequest {
  number: number;
  title?: string;
  /** The author's login; `Codertocat` by default. */
  author?: string;
  createdAt: string;
  /** Default: the latest of createdAt, closedAt and mergedAt. */
  updatedAt?: string;
  /** Merged (and closed) at this time. */
  mergedAt?: string;
  /** Closed at this time (without mergedAt: closed unmerged); open without either. */
  closedAt?: string;
  mergeCommitSha?: string;
  draft?: boolean;
  additions?: number;
  deletions?: number;
  commits?: { sha: string; authoredAt: string; committedAt: string }[];
  reviews?: {
    id: number;
    login: string;
    state: string;
    submittedAt?: string;
    bot?: boolean;
  }[];
  /** Changed files; `[path, formerPath]` for a rename. */
  files?: (string | [string, string])[];
}

/** A user as GitHub's payloads and REST API embed one. */
export function githubUser(login: string, type: 'User' | 'Bot' = 'User') {
  const { user } = examplesOf('pull_request')[0].pull_request;
  return {
    ...user,
    login,
    url: `https://api.github.com/users/${login}`,
    html_url: `https://github.com/${login}`,
    type,
  };
}

/**
 * `GET /repos/{owner}/{repo}/pulls/{number}` (and the `pull_request` of a delivery):
 * GitHub's example pull request (#2 of Codertocat/Hello-World) with these fields.
 */
export function pullRequestResponse(
  owner: string,
  repo: string,
  pr: FakePullRequest,
) {
  const { pull_request: example } = examplesOf('pull_request')[0];
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const web = `https://github.com/${owner}/${repo}`;
  const closedAt = pr.closedAt ?? pr.mergedAt ?? null;
  return {
    ...example,
    url: `${api}/pulls/${pr.number}`,
    id: 279147000 + pr.number,
    html_url: `${web}/pull/${pr.number}`,
    number: pr.number,
    title: pr.title ?? example.title,
    user: githubUser(pr.author ?? 'Codertocat'),
    state: closedAt ? 'closed' : 'open',
    created_at: pr.createdAt,
    updated_at:
      pr.updatedAt ??
      [pr.createdAt, pr.closedAt, pr.mergedAt]
        .filter((t): t is string => !!t)
        .sort()
        .at(-1),
    closed_at: closedAt,
    merged_at: pr.mergedAt ?? null,
    merged: !!pr.mergedAt,
    // GitHub sets a test merge commit on open pull requests too.
    merge_commit_sha:
      pr.mergeCommitSha ?? 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
    draft: pr.draft ?? false,
    commits: pr.commits?.length ?? 0,
    additions: pr.additions ?? 0,
    deletions: pr.deletions ?? 0,
    changed_files: pr.files?.length ?? 0,
  };
}

/** An item of `GET /pulls/{number}/commits`, shaped like GitHub's documented example. */
export function pullRequestCommitResponse(
  owner: string,
  repo: string,
  commit: { sha: string; authoredAt: string; committedAt: string },
) {
  const { sha, authoredAt, committedAt } = commit;
  const { commit: detail, ...rest } = commitResponse({
    owner,
    repo,
    sha,
    date: committedAt,
  });
  const { files: _files, stats: _stats, ...listed } = rest;
  return {
    ...listed,
    commit: { ...detail, author: { ...detail.author, date: authoredAt } },
  };
}

/** An item of `GET /pulls/{number}/reviews`, shaped like GitHub's documented example. */
export function reviewResponse(
  owner: string,
  repo: string,
  number: number,
  review: NonNullable<FakePullRequest['reviews']>[number],
) {
  const web = `https://github.com/${owner}/${repo}/pull/${number}`;
  return {
    id: review.id,
    node_id: 'MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=',
    user: githubUser(review.login, review.bot ? 'Bot' : 'User'),
    body: 'Here is the body for the review.',
    state: review.state,
    html_url: `${web}#pullrequestreview-${review.id}`,
    pull_request_url: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
    _links: {
      html: { href: `${web}#pullrequestreview-${review.id}` },
      pull_request: {
        href: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
      },
    },
    ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
    commit_id: 'ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091',
    author_association: 'COLLABORATOR',
  };
}

/** An item of `GET /pulls/{number}/files`, shaped like GitHub's documented example. */
export function pullRequestFileResponse(file: string | [string, string]) {
  const [filename, previous] = typeof file === 'string' ? [file] : file;
  return {
    sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
    filename,
    status: previous ? 'renamed' : 'modified',
    additions: 103,
    deletions: 21,
    changes: 124,
    blob_url: `https://github.com/octocat/Hello-World/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/${filename}`,
    raw_url: `https://github.com/octocat/Hello-World/raw/6dcb09b5b57875f334f61aebed695e2e4193db5e/${filename}`,
    contents_url: `https://api.github.com/repos/octocat/Hello-World/contents/${filename}?ref=6dcb09b5b57875f334f61aebed695e2e4193db5e`,
    patch: '@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test',
    ...(previous ? { previous_filename: previous } : {}),
  };
}

/**
 * A fake of a repository's pull requests on GitHub's REST API: the list (most
 * recently updated first, paged), each pull request, and its commits, reviews and
 * files (paged as GitHub pages them). `prs` is read on every request, so a test may
 * change it. Each request's path and query is pushed to `requests`.
 */
export function servePullRequests(
  owner: string,
  repo: string,
  prs: FakePullRequest[],
  requests: string[] = [],
) {
  const api = `https://api.github.com/repos/${owner}/${repo}/pulls`;
  const log = (request: Request) => {
    const url = new URL(request.url);
    requests.push(`${url.pathname}${url.search}`);
  };
  const notFound = () =>
    HttpResponse.json({ message: 'Not Found' }, { status: 404 });
  const ofPullRequest = (
    path: string,
    items: (pr: FakePullRequest) => unknown[],
  ) =>
    http.get(`${api}/:number/${path}`, ({ request, params }) => {
      log(request);
      const pr = prs.find(p => p.number === Number(params.number));
      return pr ? pageOf(request, items(pr)) : notFound();
    });
  return [
    http.get(api, ({ request }) => {
      log(request);
      const listed = prs
        .map(pr => pullRequestResponse(owner, repo, pr))
        .sort((a, b) => b.updated_at!.localeCompare(a.updated_at!));
      return pageOf(request, listed);
    }),
    http.get(`${api}/:number`, ({ request, params }) => {
      log(request);
      const pr = prs.find(p => p.number === Number(params.number));
      return pr
        ? HttpResponse.json(pullRequestResponse(owner, repo, pr))
        : notFound();
    }),
    ofPullRequest('commits', pr =>
      (pr.commits ?? []).map(c => pullRequestCommitResponse(owner, repo, c)),
    ),
    ofPullRequest('reviews', pr =>
      (pr.reviews ?? []).map(r => reviewResponse(owner, repo, pr.number, r)),
    ),
    ofPullRequest('files', pr => (pr.files ?? []).map(pullRequestFileResponse)),
  ];
}
