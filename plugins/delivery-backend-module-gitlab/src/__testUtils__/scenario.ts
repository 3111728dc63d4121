import type { SetupServer } from 'msw/node';
import {
  commitRecord,
  deploymentRecord,
  fakeGitlab,
  FakeGitlabOptions,
  FakeProject,
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

export const shop: FakeProject = {
  project: projectRecord({ id: 42, path: 'acme/shop', webUrl: WEB }),
  deployments: Object.values(deployments),
  pipelines: Object.values(pipelines),
  commits: history,
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
      projects: [shop],
      requests,
      ...options,
    }),
  );
  return requests;
}
