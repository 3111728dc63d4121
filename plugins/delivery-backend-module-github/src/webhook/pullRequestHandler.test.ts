import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { changeEventSchema } from '@internal/backstage-plugin-delivery-common';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from '../__testUtils__/examples';
import {
  FakePullRequest,
  githubUser,
  servePullRequests,
} from '../__testUtils__/githubApi';
import { repoComponent } from '../__testUtils__/repoComponents';
import { createGithubClientFactory } from '../client/client';
import { PULL_REQUEST_READ_LIMITS } from '../client/pullRequests';
import { RepoComponent } from '../matching/repositories';
import { createPullRequestHandler } from './pullRequestHandler';

const server = setupServer();
registerMswTestHooks(server);

const PULLS = 'https://api.github.com/repos/Codertocat/Hello-World/pulls';

/*
 * Pull request #2 of GitHub's examples (opened 2019-05-15T15:20:33Z by Codertocat),
 * merged at 2019-05-16T10:00:00Z, with two commits and three reviews on the fake API.
 */
const pr2 = (): FakePullRequest => ({
  number: 2,
  title: 'Update the README with new information.',
  createdAt: '2019-05-15T15:20:33Z',
  mergedAt: '2019-05-16T10:00:00Z',
  mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
  additions: 1,
  deletions: 1,
  commits: [
    {
      sha: '1111111111111111111111111111111111111111',
      authoredAt: '2019-05-14T07:00:00Z',
      committedAt: '2019-05-15T15:00:00Z',
    },
    {
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      authoredAt: '2019-05-15T10:00:00Z',
      committedAt: '2019-05-15T15:00:01Z',
    },
  ],
  reviews: [
    {
      id: 1,
      login: 'Codertocat',
      state: 'COMMENTED',
      submittedAt: '2019-05-15T15:20:38Z',
    },
    {
      id: 2,
      login: 'octocat',
      state: 'CHANGES_REQUESTED',
      submittedAt: '2019-05-15T17:45:00Z',
    },
    {
      id: 3,
      login: 'monalisa',
      state: 'APPROVED',
      submittedAt: '2019-05-16T09:00:00Z',
    },
  ],
  files: ['README.md'],
});

/** GitHub's "closed" example, merged as pr2 is. */
function mergedDelivery() {
  const payload = examplesOf('pull_request')[3];
  Object.assign(payload.pull_request, {
    merged: true,
    merged_at: '2019-05-16T10:00:00Z',
    closed_at: '2019-05-16T10:00:00Z',
  });
  return payload;
}

function setup(
  options: {
    components?: RepoComponent[];
    prs?: FakePullRequest[];
    token?: boolean;
  } = {},
) {
  const requests: string[] = [];
  const prs = options.prs ?? [pr2()];
  server.use(...servePullRequests('Codertocat', 'Hello-World', prs, requests));
  const sink = mockDeliveryEventSink();
  const logger = mockServices.logger.mock();
  const handler = createPullRequestHandler({
    sink,
    componentsOf: async () =>
      options.components ?? [repoComponent('hello-world')],
    clientFor: createGithubClientFactory({
      config: new ConfigReader(
        options.token === false
          ? {}
          : {
              integrations: {
                github: [{ host: 'github.com', token: 'ghp_test' }],
              },
            },
      ),
      logger,
    }),
    logger,
  });
  const deliver = (topic: string, payload: unknown) =>
    handler.handleDelivery('GitHub delivery', topic, payload);
  return { sink, logger, requests, prs, deliver };
}

const change = {
  kind: 'change',
  source: 'github',
  id: 'Codertocat/Hello-World/pulls/2@component:default/hello-world',
  entityRef: 'component:default/hello-world',
  number: 2,
  title: 'Update the README with new information.',
  author: 'Codertocat',
  url: 'https://github.com/Codertocat/Hello-World/pull/2',
  openedAt: '2019-05-15T15:20:33Z',
  firstCommitAt: '2019-05-14T07:00:00Z',
  // octocat's; Codertocat's own comment does not count.
  firstReviewAt: '2019-05-15T17:45:00Z',
  mergedAt: '2019-05-16T10:00:00Z',
  closedAt: '2019-05-16T10:00:00Z',
  mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
  draft: false,
  additions: 1,
  deletions: 1,
  commits: [
    {
      sha: '1111111111111111111111111111111111111111',
      committedAt: '2019-05-15T15:00:00Z',
    },
    {
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      committedAt: '2019-05-15T15:00:01Z',
    },
  ],
};

describe('createPullRequestHandler', () => {
  it('stores a merged pull request with the commits and reviews read from the API', async () => {
    const { sink, requests, deliver } = setup();
    await deliver('github.pull_request', mergedDelivery());
    expect(sink.ingested).toEqual([change]);
    expect(changeEventSchema.safeParse(sink.ingested[0]).success).toBe(true);
    // One component without paths: the files are not read.
    expect(requests.map(r => r.split('?')[0]).sort()).toEqual([
      '/repos/Codertocat/Hello-World/pulls/2/commits',
      '/repos/Codertocat/Hello-World/pulls/2/reviews',
    ]);
  });

  it('stores the whole pull request on a review delivery, counting the delivered review the API does not list yet', async () => {
    const pr = { ...pr2(), reviews: [] };
    const { sink, requests, deliver } = setup({ prs: [pr] });
    const payload = examplesOf('pull_request_review')[0];
    payload.review.user = githubUser('hubot') as never;
    payload.review.submitted_at = '2019-05-15T18:00:00Z';
    await deliver('github.pull_request_review', payload);
    expect(sink.ingested).toEqual([
      { ...change, firstReviewAt: '2019-05-15T18:00:00Z' },
    ]);
    expect(requests).toContain('/repos/Codertocat/Hello-World/pulls/2');
  });

  it('ignores a review delivery by the author: the change stays unreviewed', async () => {
    const { sink, deliver } = setup({ prs: [{ ...pr2(), reviews: [] }] });
    // The example's review is Codertocat's, on Codertocat's pull request.
    await deliver(
      'github.pull_request_review',
      examplesOf('pull_request_review')[0],
    );
    expect(sink.ingested).toEqual([{ ...change, firstReviewAt: undefined }]);
  });

  it('stores a monorepo change once per component its files touch, each with its own id', async () => {
    // 150 files: two pages of 100. The renamed file moved out of services/api.
    const files: FakePullRequest['files'] = [
      ...Array.from({ length: 149 }, (_, i) => `apps/web/src/f${i}.ts`),
      ['shared/client.ts', 'services/api/client.ts'],
    ];
    const { sink, requests, deliver } = setup({
      prs: [{ ...pr2(), files }],
      components: [
        repoComponent('web', { paths: ['apps/web'] }),
        repoComponent('api', { paths: ['services/api'] }),
        repoComponent('billing', { paths: ['services/billing'] }),
      ],
    });
    await deliver('github.pull_request', mergedDelivery());
    expect(
      sink.ingested.map(e => {
        const { id, entityRef } = e as { id: string; entityRef: string };
        return { id, entityRef };
      }),
    ).toEqual([
      {
        id: 'Codertocat/Hello-World/pulls/2@component:default/web',
        entityRef: 'component:default/web',
      },
      {
        id: 'Codertocat/Hello-World/pulls/2@component:default/api',
        entityRef: 'component:default/api',
      },
    ]);
    expect(requests.filter(r => r.includes('/pulls/2/files'))).toHaveLength(2);
  });

  it('reports a monorepo change touching no component unmatched, once per repository, storing nothing', async () => {
    const { sink, logger, deliver } = setup({
      prs: [{ ...pr2(), files: ['.github/workflows/ci.yml'] }],
      components: [
        repoComponent('web', { paths: ['apps/web'] }),
        repoComponent('api', { paths: ['services/api'] }),
      ],
    });
    await deliver('github.pull_request', mergedDelivery());
    expect(sink.ingest).not.toHaveBeenCalled();
    const reason =
      'pull request #2 of Codertocat/Hello-World: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/web, component:default/api; no component claims the whole repository (none without delivery.acme-portal.io/paths)';
    expect(sink.unmatched).toEqual([
      {
        source: 'github',
        key: 'Codertocat/Hello-World pull requests',
        reason,
      },
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      `Unmatched GitHub delivery: ${reason}`,
    );
  });

  it('gives a monorepo change touching no component to the one component without paths', async () => {
    const { sink, deliver } = setup({
      prs: [{ ...pr2(), files: ['.github/workflows/ci.yml'] }],
      components: [
        repoComponent('web', { paths: ['apps/web'] }),
        repoComponent('platform'),
      ],
    });
    await deliver('github.pull_request', mergedDelivery());
    expect(
      sink.ingested.map(e => (e as { entityRef: string }).entityRef),
    ).toEqual(['component:default/platform']);
    expect(sink.reportUnmatched).not.toHaveBeenCalled();
  });

  it('reports a repository no component is annotated with', async () => {
    const { sink, deliver } = setup({ components: [] });
    await deliver('github.pull_request', mergedDelivery());
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.unmatched).toEqual([
      {
        source: 'github',
        key: 'Codertocat/Hello-World',
        reason:
          'no component annotated github.com/project-slug: Codertocat/Hello-World',
      },
    ]);
  });

  it('stores nothing without a token rather than a change without commits and reviews', async () => {
    const { sink, requests, logger, deliver } = setup({ token: false });
    await deliver('github.pull_request', mergedDelivery());
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      "Ignoring GitHub delivery: no GitHub token for https://github.com/Codertocat/Hello-World to read the pull request's commits and reviews",
    );
  });

  it('stores nothing when GitHub cannot be read, without waiting out a rate limit', async () => {
    const { sink, logger, deliver } = setup();
    server.use(
      http.get(`${PULLS}/2/reviews`, () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded' },
          { status: 429, headers: { 'retry-after': '30' } },
        ),
      ),
    );
    await deliver('github.pull_request', mergedDelivery());
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not store pull request #2 of Codertocat\/Hello-World \(GitHub delivery\); the next pull reads it again: .*rate limit/,
      ),
    );
  });

  it(`reads at most ${PULL_REQUEST_READ_LIMITS.commits} commits, no page beyond them`, async () => {
    const commits = Array.from({ length: 320 }, (_, i) => ({
      sha: `${i}`.padStart(40, '0'),
      authoredAt: '2019-05-14T07:00:00Z',
      committedAt: '2019-05-15T15:00:00Z',
    }));
    const { sink, requests, deliver } = setup({
      prs: [{ ...pr2(), commits }],
    });
    await deliver('github.pull_request', mergedDelivery());
    expect((sink.ingested[0] as { commits: unknown[] }).commits).toHaveLength(
      250,
    );
    // Pages 1 to 3 of 100; page 4 is never read.
    expect(requests.filter(r => r.includes('/pulls/2/commits'))).toHaveLength(
      3,
    );
  });

  it('ignores pull_request actions that change nothing it stores', async () => {
    const { sink, requests, deliver } = setup();
    await deliver('github.pull_request', examplesOf('pull_request')[8]);
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
  });
});
