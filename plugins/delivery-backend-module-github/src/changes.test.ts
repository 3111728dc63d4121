/*
 * GitHub pull requests end to end: GitHub's example `pull_request` and
 * `pull_request_review` deliveries, signed as GitHub signs them, POSTed to the events
 * backend's real webhook endpoint, through this module (commits, reviews and files
 * read from a faked GitHub API) into the real delivery backend and its store, read back
 * through GET /api/delivery/changes; the deployment that ships a change gives its
 * stages; and the scheduled pull, on SQLite and PostgreSQL.
 */
import type { ListedChange } from '@internal/backstage-plugin-delivery-common';
import {
  annotatedComponent,
  eventually,
  invalidStoredEvents,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from './__testUtils__/examples';
import {
  EXAMPLE_SHA,
  FakePullRequest,
  githubUser,
  serveExampleCommit,
  servePullRequests,
} from './__testUtils__/githubApi';
import {
  databases,
  githubHeaders,
  helloWorld,
  PULL_TASK_ID,
  useGithubBackend,
} from './__testUtils__/scenario';

const SECRET = 'changes-secret';
const API = 'https://api.github.com/repos';

/** A monorepo: web and api claim folders, billing one no change here touches. */
const shop = (name: string, paths: string) =>
  annotatedComponent(name, {
    'github.com/project-slug': 'acme/shop',
    'delivery.acme-portal.io/paths': paths,
  });
const entities = [
  helloWorld,
  shop('web', 'apps/web'),
  shop('api', 'services/api'),
  shop('billing', 'services/billing'),
];

/*
 * Pull request #2 of GitHub's examples (Codertocat/Hello-World, by Codertocat, opened
 * 2019-05-15T15:20:33Z). Its work began at 09:00:00Z that day; octocat reviews it at
 * 15:20:40Z, it is merged at 15:20:50Z as the commit GitHub's deployment_status
 * example deploys (f95f852…), and that deployment finishes at 15:20:55Z.
 */
const pr2 = (): FakePullRequest => ({
  number: 2,
  title: 'Update the README with new information.',
  createdAt: '2019-05-15T15:20:33Z',
  additions: 1,
  deletions: 1,
  commits: [
    {
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      authoredAt: '2019-05-15T09:00:00Z',
      committedAt: '2019-05-15T15:00:00Z',
    },
  ],
  reviews: [],
});
const octocatReview = {
  id: 237895672,
  login: 'octocat',
  state: 'APPROVED',
  submittedAt: '2019-05-15T15:20:40Z',
};

/** Pull request #7 of acme/shop, touching web and api (the api file renamed away). */
const pr7: FakePullRequest = {
  number: 7,
  title: 'Share the client',
  author: 'monalisa',
  createdAt: '2026-11-02T09:00:00Z',
  mergedAt: '2026-11-02T15:00:00Z',
  mergeCommitSha: '7777777777777777777777777777777777777777',
  commits: [
    {
      sha: '7000000000000000000000000000000000000001',
      authoredAt: '2026-11-01T16:00:00Z',
      committedAt: '2026-11-02T08:00:00Z',
    },
  ],
  reviews: [],
  files: [
    'apps/web/src/api.ts',
    ['libs/client/index.ts', 'services/api/client.ts'],
  ],
};

/** Pull request #8 of acme/shop, changing only CI: no component's paths. */
const pr8: FakePullRequest = {
  number: 8,
  title: 'Cache the CI dependencies',
  createdAt: '2026-11-04T09:00:00Z',
  commits: [],
  reviews: [],
  files: ['.github/workflows/ci.yml'],
};

/** Pull request #3 of Codertocat/Hello-World, which only the pull brings. */
const pr3: FakePullRequest = {
  number: 3,
  title: 'Pulled, not delivered',
  createdAt: '2026-11-03T09:00:00Z',
  commits: [],
  reviews: [],
};

const repositoryOf = (owner: string, name: string) => {
  const { repository } = examplesOf('pull_request')[0];
  return {
    ...repository,
    name,
    full_name: `${owner}/${name}`,
    owner: { ...repository.owner, login: owner },
    html_url: `https://github.com/${owner}/${name}`,
  };
};

/** Hello-World's pull requests on the fake API; each database's run starts afresh. */
const helloWorldPrs: FakePullRequest[] = [];

const github = setupServer(
  ...servePullRequests('Codertocat', 'Hello-World', helloWorldPrs),
  ...servePullRequests('acme', 'shop', [pr7, pr8]),
  serveExampleCommit(),
);

describe.each(databases.eachSupportedId())(
  'GitHub pull requests on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const suite = useGithubBackend({
      databaseId,
      api: github,
      entities,
      secret: SECRET,
      token: 'ghp_changes',
      github: {},
      scheduler,
    });

    afterEach(() => github.resetHandlers());

    const deliver = (event: string, payload: unknown) => {
      const body = JSON.stringify(payload);
      return suite.post(
        'github',
        body,
        githubHeaders(event, body, { secret: SECRET }),
      );
    };

    const changesOf = async (name: string): Promise<ListedChange[]> =>
      (
        await suite.read(
          `/changes?entityRef=component:default/${name}&limit=500`,
        )
      ).items;

    /** The change `id` of `name` once stored and `ready`: handling may lag the 202. */
    const changeOf = (
      name: string,
      id: string,
      ready: (change: ListedChange) => boolean = () => true,
    ) =>
      eventually(async () =>
        (await changesOf(name)).find(c => c.id === id && ready(c)),
      );

    /** GitHub's example of `action`, on the pull request as it stands then. */
    const pullRequestDelivery = (
      index: number,
      pullRequest: Record<string, unknown> = {},
    ) => {
      const payload = examplesOf('pull_request')[index];
      Object.assign(payload.pull_request, pullRequest);
      return payload;
    };

    const id = 'Codertocat/Hello-World/pulls/2@component:default/hello-world';

    it('follows a pull request from opening through review and merge to the deployment that ships it', async () => {
      const pr = pr2();
      helloWorldPrs.splice(0, helloWorldPrs.length, pr, pr3);
      // Opened (GitHub's "opened" example): no review yet.
      expect(
        (await deliver('pull_request', pullRequestDelivery(0))).status,
      ).toBe(202);
      expect(await changeOf('hello-world', id)).toEqual({
        source: 'github',
        id,
        entityRef: 'component:default/hello-world',
        number: 2,
        title: 'Update the README with new information.',
        author: 'Codertocat',
        url: 'https://github.com/Codertocat/Hello-World/pull/2',
        openedAt: '2019-05-15T15:20:33.000Z',
        firstCommitAt: '2019-05-15T09:00:00.000Z',
        draft: false,
        additions: 1,
        deletions: 1,
        state: 'open',
        reviewed: false,
      });

      // Reviewed by octocat (GitHub's "submitted" example, whose reviewer is the
      // author: made octocat's). The API lists the review too.
      pr.reviews = [octocatReview];
      const review = examplesOf('pull_request_review')[2];
      review.review.user = githubUser('octocat') as never;
      review.review.id = octocatReview.id;
      review.review.submitted_at = octocatReview.submittedAt;
      expect((await deliver('pull_request_review', review)).status).toBe(202);
      await changeOf('hello-world', id, c => !!c.firstReviewAt);

      // Merged as the commit the deployment_status example deploys.
      pr.mergedAt = '2019-05-15T15:20:50Z';
      pr.mergeCommitSha = EXAMPLE_SHA;
      const merged = pullRequestDelivery(3, {
        merged: true,
        merged_at: '2019-05-15T15:20:50Z',
        closed_at: '2019-05-15T15:20:50Z',
        merge_commit_sha: EXAMPLE_SHA,
      });
      expect((await deliver('pull_request', merged)).status).toBe(202);
      expect(
        await changeOf('hello-world', id, c => c.state === 'awaiting-deploy'),
      ).toMatchObject({
        firstReviewAt: '2019-05-15T15:20:40.000Z',
        mergedAt: '2019-05-15T15:20:50.000Z',
        closedAt: '2019-05-15T15:20:50.000Z',
        mergeCommitSha: EXAMPLE_SHA,
        reviewed: true,
      });

      // GitHub's deployment_status example: production, finished 15:20:55Z.
      const status = examplesOf('deployment_status')[0];
      expect((await deliver('deployment_status', status)).status).toBe(202);
      const deployed = await changeOf(
        'hello-world',
        id,
        c => c.state === 'deployed',
      );
      expect(deployed.deployment).toEqual({
        source: 'github',
        id: `Codertocat/Hello-World/deployments/${status.deployment.id}`,
        environment: 'production',
        finishedAt: '2019-05-15T15:20:55.000Z',
        version: 'f95f852',
        url: 'https://github.com/Codertocat/Hello-World/deployments',
      });
      // coding: 09:00:00 to the opening 15:20:33 = 6 h 20 min 33 s = 22,833 s;
      // pickup: 15:20:33 to the review 15:20:40 = 7 s; review: to the merge
      // 15:20:50 = 10 s; deploy: to the deployment's finish 15:20:55 = 5 s.
      expect(deployed.stages).toEqual({
        coding: 22833 / 3600,
        pickup: 7 / 3600,
        review: 10 / 3600,
        deploy: 5 / 3600,
      });
      // Every delivery updated the one change.
      expect(
        (await changesOf('hello-world')).filter(c => c.number === 2),
      ).toHaveLength(1);
    });

    it('stores a monorepo change once for each component whose paths its files touch', async () => {
      const payload = pullRequestDelivery(3, {
        number: 7,
        title: 'Share the client',
        user: githubUser('monalisa'),
        html_url: 'https://github.com/acme/shop/pull/7',
        created_at: '2026-11-02T09:00:00Z',
        merged: true,
        merged_at: '2026-11-02T15:00:00Z',
        closed_at: '2026-11-02T15:00:00Z',
        merge_commit_sha: '7777777777777777777777777777777777777777',
      });
      payload.repository = repositoryOf('acme', 'shop') as never;
      expect((await deliver('pull_request', payload)).status).toBe(202);

      for (const name of ['web', 'api']) {
        expect(
          await changeOf(name, `acme/shop/pulls/7@component:default/${name}`),
        ).toMatchObject({
          entityRef: `component:default/${name}`,
          number: 7,
          author: 'monalisa',
          firstCommitAt: '2026-11-01T16:00:00.000Z',
          mergedAt: '2026-11-02T15:00:00.000Z',
          state: 'awaiting-deploy',
          reviewed: false,
        });
      }
      expect(await changesOf('billing')).toEqual([]);
      expect(await invalidStoredEvents(suite.deliveryDb)).toEqual([]);
    });

    it('reports a monorepo change touching no component unmatched rather than crediting a guess', async () => {
      const payload = pullRequestDelivery(0, {
        number: 8,
        title: 'Cache the CI dependencies',
        html_url: 'https://github.com/acme/shop/pull/8',
        created_at: '2026-11-04T09:00:00Z',
      });
      payload.repository = repositoryOf('acme', 'shop') as never;
      expect((await deliver('pull_request', payload)).status).toBe(202);

      const unmatched = await eventually(async () =>
        (
          await suite.read('/unmatched')
        ).items.find(
          (item: { key: string }) => item.key === 'acme/shop pull requests',
        ),
      );
      expect(unmatched).toMatchObject({
        source: 'github',
        reason:
          'pull request #8 of acme/shop: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/web, component:default/api, component:default/billing; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
      });
      for (const name of ['web', 'api', 'billing']) {
        expect((await changesOf(name)).filter(c => c.number === 8)).toEqual([]);
      }
    });

    it('schedules a pull that stores the pull requests webhooks missed', async () => {
      helloWorldPrs.splice(0, helloWorldPrs.length, {
        ...pr3,
        updatedAt: new Date().toISOString(), // within the 7-day lookback
      });
      github.use(
        http.get(`${API}/codertocat/hello-world`, () =>
          HttpResponse.json(repositoryOf('Codertocat', 'Hello-World')),
        ),
        http.get(`${API}/acme/shop`, () =>
          HttpResponse.json(repositoryOf('acme', 'shop')),
        ),
        http.get(`${API}/:owner/:repo/deployments`, () =>
          HttpResponse.json([]),
        ),
        http.get(`${API}/:owner/:repo/actions/workflows`, () =>
          HttpResponse.json({ total_count: 0, workflows: [] }),
        ),
        http.get(`${API}/:owner/:repo/issues`, () => HttpResponse.json([])),
      );
      await scheduledTask(scheduler, PULL_TASK_ID).fn(
        new AbortController().signal,
      );
      expect(
        await changeOf(
          'hello-world',
          'Codertocat/Hello-World/pulls/3@component:default/hello-world',
        ),
      ).toMatchObject({
        number: 3,
        title: 'Pulled, not delivered',
        openedAt: '2026-11-03T09:00:00.000Z',
        state: 'open',
      });
      // Both repositories pulled in full: the source is fresh.
      expect(
        (await suite.read('/sources')).items.find(
          (s: { source: string }) => s.source === 'github',
        ),
      ).toMatchObject({ stale: false, failing: [] });
    });
  },
);
