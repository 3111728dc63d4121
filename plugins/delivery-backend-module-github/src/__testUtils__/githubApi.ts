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
