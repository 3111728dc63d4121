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
