import type { SetupServer } from 'msw/node';
import {
  commitRecord,
  deploymentRecord,
  diffRecord,
  fakeGitlab,
  FakeGitlabOptions,
  FakeProject,
  mergeRequestCommitRecord,
  mergeRequestRecord,
  noteRecord,
  pipelineRecord,
  projectRecord,
} from './gitlabApi';

/*
 * One project on a self-managed GitLab, used by the reader, handler, pull and
 * end-to-end tests: acme/shop (id 42) on https://gitlab.acme.test, whose main branch
 * has five commits and which deployed them to production and staging. The expected
 * values in the tests are worked out from these records by hand.
 */

export const INSTANCE = 'gitlab.acme.test';
export const API = 'https://gitlab.acme.test/api/v4';
export const TOKEN = 'glpat-acme-test';
export const WEB = 'https://gitlab.acme.test/acme/shop';

export const project = {
  instance: INSTANCE,
  id: 42,
  path: 'acme/shop',
  webUrl: WEB,
};

const sha = (digit: string) => digit.repeat(40);

/** The main branch, oldest first. */
export const history = [
  commitRecord({
    sha: sha('1'),
    committedAt: '2026-01-05T09:00:00+01:00',
    title: 'Add checkout',
    author: 'Ada',
  }),
  commitRecord({
    sha: sha('2'),
    committedAt: '2026-01-06T10:00:00Z',
    title: 'Fix cart rounding',
    author: 'Ada',
  }),
  commitRecord({
    sha: sha('3'),
    committedAt: '2026-01-06T15:30:00+02:00',
    title: 'Add coupon field',
    author: 'Grace',
  }),
  commitRecord({
    sha: sha('4'),
    committedAt: '2026-01-07T08:00:00Z',
    title: 'Validate coupons',
    author: 'Grace',
  }),
  commitRecord({
    sha: sha('5'),
    committedAt: '2026-01-07T09:30:00Z',
    title: 'Tune coupon cache',
    author: 'Linus',
  }),
];

export const [c1, c2, c3, c4, c5] = history;

const production = { id: 9, name: 'production' };
const staging = { id: 10, name: 'staging' };

/** The commit as the event stores it. */
export const stored = (
  commit: (typeof history)[number],
  committedAt: string,
) => ({
  sha: commit.id,
  committedAt,
  author: commit.author_name,
  message: commit.title,
});

export const deployments = {
  /** The first deployment to production: ships c2 alone. */
  first: deploymentRecord({
    id: 100,
    iid: 1,
    status: 'success',
    environment: production,
    sha: c2.id,
    createdAt: '2026-01-06T11:00:00Z',
    updatedAt: '2026-01-06T11:10:05Z',
    job: {
      id: 500,
      startedAt: '2026-01-06T11:05:00Z',
      finishedAt: '2026-01-06T11:10:00Z',
      commit: c2,
    },
  }),
  /** Ships c3 and c4 (after `first`, which deployed c2). */
  second: deploymentRecord({
    id: 101,
    iid: 2,
    status: 'success',
    environment: production,
    sha: c4.id,
    createdAt: '2026-01-07T09:00:00Z',
    updatedAt: '2026-01-07T09:12:05Z',
    job: {
      id: 501,
      startedAt: '2026-01-07T09:02:00Z',
      finishedAt: '2026-01-07T09:12:00Z',
      commit: c4,
    },
  }),
  /** Failed to ship c5 to production. */
  failed: deploymentRecord({
    id: 102,
    iid: 3,
    status: 'failed',
    environment: production,
    sha: c5.id,
    createdAt: '2026-01-07T09:40:00Z',
    updatedAt: '2026-01-07T09:45:05Z',
    job: {
      id: 502,
      startedAt: '2026-01-07T09:41:00Z',
      finishedAt: '2026-01-07T09:45:00Z',
      commit: c5,
    },
  }),
  /** Still shipping c5 to staging, its first staging deployment. */
  running: deploymentRecord({
    id: 103,
    iid: 4,
    status: 'running',
    environment: staging,
    sha: c5.id,
    createdAt: '2026-01-07T09:40:00Z',
    updatedAt: '2026-01-07T09:42:00Z',
    job: {
      id: 503,
      startedAt: '2026-01-07T09:42:00Z',
      finishedAt: null,
      commit: c5,
    },
  }),
  /** Waits for its job; not stored. */
  created: deploymentRecord({
    id: 104,
    iid: 5,
    status: 'created',
    environment: production,
    sha: c5.id,
    createdAt: '2026-01-07T09:50:00Z',
    updatedAt: '2026-01-07T09:50:00Z',
    job: { id: 504, startedAt: null, finishedAt: null, commit: c5 },
  }),
  /** Redeploys c4 to production after the failure: ships c4 again. */
  redeploy: deploymentRecord({
    id: 105,
    iid: 6,
    status: 'success',
    environment: production,
    sha: c4.id,
    createdAt: '2026-01-07T10:00:00Z',
    updatedAt: '2026-01-07T10:03:05Z',
    job: {
      id: 505,
      startedAt: '2026-01-07T10:01:00Z',
      finishedAt: '2026-01-07T10:03:00Z',
      commit: c4,
    },
  }),
};

const pipeline = (
  id: number,
  status: string,
  ref: string,
  commit: (typeof history)[number],
  times: [string, string, string | null],
) =>
  pipelineRecord({
    id,
    iid: id - 190,
    status,
    ref,
    sha: commit.id,
    createdAt: times[0],
    startedAt: times[1],
    finishedAt: times[2],
    updatedAt: times[2] ?? times[1],
    webUrl: `${WEB}/-/pipelines/${id}`,
  });

/** `deployments.second` as every reader maps it, before a component claims it. */
export const secondDeploymentMapped = {
  kind: 'deployment',
  source: 'gitlab',
  id: 'gitlab.acme.test/deployments/101',
  environment: 'production',
  status: 'success',
  startedAt: '2026-01-07T09:02:00.000Z',
  finishedAt: '2026-01-07T09:12:00.000Z',
  version: '44444444',
  url: `${WEB}/-/jobs/501`,
  // The API deployment's user.username.
  triggeredBy: 'root',
};

export const pipelines = {
  /** The first successful main pipeline: ships c2 alone. */
  first: pipeline(200, 'success', 'main', c2, [
    '2026-01-06T10:05:00Z',
    '2026-01-06T10:06:00Z',
    '2026-01-06T10:20:00Z',
  ]),
  failed: pipeline(201, 'failed', 'main', c3, [
    '2026-01-06T16:00:00Z',
    '2026-01-06T16:01:00Z',
    '2026-01-06T16:09:00Z',
  ]),
  /** Ships c3, c4 and c5: the failed pipeline in between shipped nothing. */
  second: pipeline(202, 'success', 'main', c5, [
    '2026-01-07T09:35:00Z',
    '2026-01-07T09:36:00Z',
    '2026-01-07T09:50:00Z',
  ]),
  /** On a feature branch: no rule maps it. */
  feature: pipeline(203, 'success', 'feature/coupons', c5, [
    '2026-01-07T09:36:00Z',
    '2026-01-07T09:37:00Z',
    '2026-01-07T09:48:00Z',
  ]),
};

/** The people of the merge requests: GitLab user ids and usernames. */
export const people = {
  ada: { id: 11, username: 'ada' },
  grace: { id: 12, username: 'grace' },
  linus: { id: 13, username: 'linus' },
};

const approval = (
  id: number,
  by: { id: number; username: string },
  at: string,
) =>
  noteRecord({
    id,
    author: by,
    body: 'approved this merge request',
    createdAt: at,
    system: true,
  });

/** Commits of source branches that never reached main as such (squashed, open, closed). */
export const branchCommits = {
  f1: mergeRequestCommitRecord({
    sha: sha('a'),
    committedAt: '2026-01-06T20:00:00+01:00',
    title: 'Validate coupon codes',
  }),
  f2: mergeRequestCommitRecord({
    sha: sha('b'),
    committedAt: '2026-01-07T07:30:00Z',
    title: 'Check coupon expiry',
  }),
  f3: mergeRequestCommitRecord({
    sha: sha('c'),
    committedAt: '2026-01-07T11:00:00Z',
    title: 'Cache coupons',
  }),
  f4: mergeRequestCommitRecord({
    sha: sha('d'),
    committedAt: '2026-01-05T09:30:00Z',
    title: 'Fix typo',
  }),
};

/** acme/shop's merge requests; the expected events are worked out in the tests. */
export const mergeRequests = {
  /**
   * Fast-forwarded as c3; reviewed by linus' comment (15:00 UTC), then approved;
   * deployed by `second`.
   */
  coupon: {
    mergeRequest: mergeRequestRecord({
      id: 611,
      iid: 11,
      title: 'Add coupon field',
      state: 'merged',
      author: people.grace,
      createdAt: '2026-01-06T14:00:00Z',
      updatedAt: '2026-01-06T17:00:05Z',
      mergedAt: '2026-01-06T17:00:00Z',
      webUrl: `${WEB}/-/merge_requests/11`,
    }),
    commits: [
      mergeRequestCommitRecord({
        sha: c3.id,
        committedAt: c3.committed_date,
        title: c3.title,
      }),
    ],
    notes: [
      noteRecord({
        id: 9001,
        author: people.grace,
        body: 'added 1 commit',
        createdAt: '2026-01-06T14:00:30Z',
        system: true,
      }),
      noteRecord({
        id: 9002,
        author: people.grace,
        body: 'Ready for review',
        createdAt: '2026-01-06T14:05:00Z',
      }),
      noteRecord({
        id: 9003,
        author: people.linus,
        body: 'Why a new field?',
        createdAt: '2026-01-06T16:00:00+01:00',
      }),
      approval(9004, people.linus, '2026-01-06T16:00:00Z'),
    ],
    diffs: [
      diffRecord({
        path: 'services/shop/coupon.ts',
        diff: "@@ -1,2 +1,3 @@\n export const a = 1;\n-export const coupon = '';\n+export const coupon = 'SPRING';\n+export const field = true;",
      }),
    ],
  },
  /**
   * Squashed into c4; its branch commits began before it was opened; approved
   * without a comment; deployed by `second`.
   */
  validation: {
    mergeRequest: mergeRequestRecord({
      id: 612,
      iid: 12,
      title: 'Validate coupons',
      state: 'merged',
      author: people.grace,
      createdAt: '2026-01-06T21:00:00Z',
      updatedAt: '2026-01-07T08:00:05Z',
      mergedAt: '2026-01-07T08:00:00Z',
      squash: true,
      squashCommitSha: c4.id,
      webUrl: `${WEB}/-/merge_requests/12`,
    }),
    commits: [branchCommits.f2, branchCommits.f1],
    notes: [
      noteRecord({
        id: 9011,
        author: people.linus,
        body: 'mentioned in merge request !13',
        createdAt: '2026-01-06T22:00:00Z',
        system: true,
      }),
      approval(9012, people.linus, '2026-01-07T07:45:00Z'),
      noteRecord({
        id: 9013,
        author: people.grace,
        body: 'Thanks!',
        createdAt: '2026-01-07T07:50:00Z',
      }),
    ],
    diffs: [
      diffRecord({
        path: 'services/shop/coupons/validate.ts',
        oldPath: 'src/coupon.ts',
        diff: '@@ -3,1 +3,3 @@\n-check()\n+validate()\n+expiry()\n+log()',
      }),
      diffRecord({
        path: 'services/shop/coupons/validate.test.ts',
        diff: '@@ -0,0 +1,2 @@\n+it()\n+expect()\n\\ No newline at end of file',
      }),
    ],
  },
  /** An open draft; only its author commented. */
  cache: {
    mergeRequest: mergeRequestRecord({
      id: 613,
      iid: 13,
      title: 'Draft: Cache coupons',
      state: 'opened',
      author: people.linus,
      createdAt: '2026-01-07T11:30:00Z',
      updatedAt: '2026-01-07T11:45:00Z',
      draft: true,
      webUrl: `${WEB}/-/merge_requests/13`,
    }),
    commits: [branchCommits.f3],
    notes: [
      noteRecord({
        id: 9021,
        author: people.linus,
        body: 'Still measuring',
        createdAt: '2026-01-07T11:45:00Z',
      }),
    ],
    diffs: [diffRecord({ path: 'services/shop/cache.ts', diff: '@@\n+x' })],
  },
  /** Closed without merging. */
  typo: {
    mergeRequest: mergeRequestRecord({
      id: 614,
      iid: 14,
      title: 'Fix typo',
      state: 'closed',
      author: people.ada,
      createdAt: '2026-01-05T10:00:00Z',
      updatedAt: '2026-01-05T12:00:00Z',
      closedAt: '2026-01-05T12:00:00Z',
      webUrl: `${WEB}/-/merge_requests/14`,
    }),
    commits: [branchCommits.f4],
    notes: [],
    diffs: [diffRecord({ path: 'README.md', diff: '@@\n-teh\n+the' })],
  },
};

export const shop: FakeProject = {
  project: projectRecord({ id: 42, path: 'acme/shop', webUrl: WEB }),
  deployments: Object.values(deployments),
  pipelines: Object.values(pipelines),
  commits: history,
  mergeRequests: Object.values(mergeRequests),
};

/**
 * acme/monorepo (id 43): the cart (`services/cart`) and web (`apps/web`)
 * components live in it, each annotated with its paths.
 */
export const MONOREPO_WEB = 'https://gitlab.acme.test/acme/monorepo';

export const monorepoMergeRequests = {
  /** Touches both components: one change event each. */
  totals: {
    mergeRequest: mergeRequestRecord({
      id: 621,
      iid: 21,
      title: 'Show cart totals',
      state: 'merged',
      author: people.ada,
      createdAt: '2026-01-07T09:00:00Z',
      updatedAt: '2026-01-07T12:00:05Z',
      mergedAt: '2026-01-07T12:00:00Z',
      mergeCommitSha: sha('e'),
      webUrl: `${MONOREPO_WEB}/-/merge_requests/21`,
    }),
    commits: [
      mergeRequestCommitRecord({
        sha: sha('f'),
        committedAt: '2026-01-07T08:00:00Z',
        title: 'Show cart totals',
      }),
    ],
    notes: [
      noteRecord({
        id: 9031,
        author: people.grace,
        body: 'LGTM',
        createdAt: '2026-01-07T10:00:00Z',
      }),
    ],
    diffs: [
      diffRecord({ path: 'services/cart/total.ts', diff: '@@\n+total()' }),
      diffRecord({
        path: 'apps/web/cart.tsx',
        diff: '@@\n-<Cart />\n+<Cart total />',
      }),
    ],
  },
  /** Touches neither component's paths: reported unmatched. */
  docs: {
    mergeRequest: mergeRequestRecord({
      id: 622,
      iid: 22,
      title: 'Fix docs typo',
      state: 'opened',
      author: people.ada,
      createdAt: '2026-01-07T13:00:00Z',
      updatedAt: '2026-01-07T13:00:00Z',
      webUrl: `${MONOREPO_WEB}/-/merge_requests/22`,
    }),
    commits: [],
    notes: [],
    diffs: [diffRecord({ path: 'docs/intro.md', diff: '@@\n-teh\n+the' })],
  },
};

export const monorepo: FakeProject = {
  project: projectRecord({
    id: 43,
    path: 'acme/monorepo',
    webUrl: MONOREPO_WEB,
  }),
  mergeRequests: Object.values(monorepoMergeRequests),
};

/** Serves the fake instance (shop unless `options` say) on `server`; returns its request log. */
export function serveGitlab(
  server: SetupServer,
  options: Partial<FakeGitlabOptions> = {},
): URL[] {
  const requests: URL[] = [];
  server.use(
    ...fakeGitlab({
      apiBaseUrl: API,
      token: TOKEN,
      projects: [shop, monorepo],
      requests,
      ...options,
    }),
  );
  return requests;
}

/*
 * acme/shop's merge requests as every reader maps them, before a component claims
 * them (the id is then suffixed with the component).
 */
const change = (id: number, iid: number) => ({
  kind: 'change',
  source: 'gitlab',
  id: `gitlab.acme.test/merge_requests/${id}`,
  number: iid,
  url: `${WEB}/-/merge_requests/${iid}`,
});

export const mappedChanges = {
  coupon: {
    ...change(611, 11),
    title: 'Add coupon field',
    author: 'grace',
    openedAt: '2026-01-06T14:00:00.000Z',
    // Its only commit, c3 (13:30 UTC).
    firstCommitAt: '2026-01-06T15:30:00.000+02:00',
    // linus' comment at 15:00 UTC; grace's own notes before it do not count.
    firstReviewAt: '2026-01-06T16:00:00.000+01:00',
    mergedAt: '2026-01-06T17:00:00.000Z',
    draft: false,
    // One line replaced, one added.
    additions: 2,
    deletions: 1,
    commits: [{ sha: c3.id, committedAt: '2026-01-06T15:30:00.000+02:00' }],
  },
  validation: {
    ...change(612, 12),
    title: 'Validate coupons',
    author: 'grace',
    openedAt: '2026-01-06T21:00:00.000Z',
    // f1, 19:00 UTC: committed before the merge request was opened.
    firstCommitAt: '2026-01-06T20:00:00.000+01:00',
    // linus' approval; his earlier system note (a mention) is no review.
    firstReviewAt: '2026-01-07T07:45:00.000Z',
    mergedAt: '2026-01-07T08:00:00.000Z',
    // Squashed: the squash commit is what reached main.
    mergeCommitSha: c4.id,
    draft: false,
    // validate.ts +3 -1 (renamed from src/coupon.ts), validate.test.ts +2.
    additions: 5,
    deletions: 1,
    commits: [
      { sha: branchCommits.f2.id, committedAt: '2026-01-07T07:30:00.000Z' },
      {
        sha: branchCommits.f1.id,
        committedAt: '2026-01-06T20:00:00.000+01:00',
      },
    ],
  },
  cache: {
    ...change(613, 13),
    title: 'Draft: Cache coupons',
    author: 'linus',
    openedAt: '2026-01-07T11:30:00.000Z',
    firstCommitAt: '2026-01-07T11:00:00.000Z',
    draft: true,
    additions: 1,
    deletions: 0,
    commits: [
      { sha: branchCommits.f3.id, committedAt: '2026-01-07T11:00:00.000Z' },
    ],
  },
  typo: {
    ...change(614, 14),
    title: 'Fix typo',
    author: 'ada',
    openedAt: '2026-01-05T10:00:00.000Z',
    firstCommitAt: '2026-01-05T09:30:00.000Z',
    closedAt: '2026-01-05T12:00:00.000Z',
    draft: false,
    additions: 1,
    deletions: 1,
    commits: [
      { sha: branchCommits.f4.id, committedAt: '2026-01-05T09:30:00.000Z' },
    ],
  },
};
