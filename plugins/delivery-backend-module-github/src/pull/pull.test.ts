import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';
import { DateTime, Duration } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from '../__testUtils__/examples';
import {
  FakePullRequest,
  issueResponse,
  serveIssues,
  servePullRequests,
} from '../__testUtils__/githubApi';
import { createGithubClientFactory, DEFAULT_RETRY } from '../client/client';
import { createGithubEventHandler } from '../webhook/handler';
import { createPullRequestHandler } from '../webhook/pullRequestHandler';
import { pullRepositories } from './pull';
import { PullRequestWatermarks } from './pullRequests';

/*
 * A fake GitHub REST API. Its bodies are the representations GitHub's webhook
 * examples embed (the REST API returns the same objects): the Codertocat/Hello-World
 * repository, its deployment, statuses and a workflow run.
 */
const API = 'https://api.github.com';
const REPO = `${API}/repos/Codertocat/Hello-World`;
const NOW = DateTime.fromISO('2019-05-20T12:00:00Z', { zone: 'utc' });
const [statusExample] = examplesOf('deployment_status');
const runExample = examplesOf('workflow_run')[1];

const deployment = (id: number, daysAgo: number) => ({
  ...statusExample.deployment,
  id,
  url: `${REPO}/deployments/${id}`,
  statuses_url: `${REPO}/deployments/${id}/statuses`,
  created_at: NOW.minus({ days: daysAgo }).toISO({
    suppressMilliseconds: true,
  }),
});
const status = (state: string, at: string) => ({
  ...statusExample.deployment_status,
  state,
  created_at: at,
  updated_at: at,
});
const link = (url: string, page: number) =>
  `<${url}?per_page=100&page=${page}>; rel="next", <${url}?per_page=100&page=${page}>; rel="last"`;

const server = setupServer();
registerMswTestHooks(server);
afterEach(() => server.events.removeAllListeners());

const issue = (
  options: Omit<Parameters<typeof issueResponse>[0], 'owner' | 'repo'>,
) => issueResponse({ owner: 'Codertocat', repo: 'Hello-World', ...options });

/** What the issues endpoint answers for label "incident": two pages, a pull request among them. */
const issuePages = [
  [
    issue({
      number: 3,
      title: 'Checkout returns 500',
      body: 'Errors since the deploy.\n\nDeployment: deployments/11\n',
      labels: ['incident', 'sev1'],
      createdAt: '2019-05-19T12:30:00Z',
    }),
    // The endpoint lists pull requests too.
    issue({
      number: 4,
      labels: ['incident'],
      createdAt: '2019-05-19T13:00:00Z',
      pullRequest: true,
    }),
    // Opened before the lookback, closed within it.
    issue({
      number: 5,
      title: 'Login slow',
      labels: ['Incident', 'severity:high'],
      createdAt: '2019-05-10T08:00:00Z',
      closedAt: '2019-05-14T09:30:00Z',
    }),
  ],
  [
    issue({
      number: 6,
      title: 'Search down',
      body: null,
      labels: ['INCIDENT'],
      createdAt: '2019-05-20T09:00:00Z',
    }),
  ],
];

function fakeGithub() {
  const requests: string[] = [];
  const issueQueries: URLSearchParams[] = [];
  let rateLimited = false;
  server.events.on('request:start', ({ request }) => {
    requests.push(request.url.replace(API, ''));
  });
  server.use(
    // GitHub resolves slugs without case and answers with the canonical spelling.
    http.get(`${API}/repos/codertocat/hello-world`, () =>
      HttpResponse.json(statusExample.repository),
    ),
    http.get(`${REPO}/deployments`, ({ request }) => {
      const page = new URL(request.url).searchParams.get('page') ?? '1';
      const url = `${REPO}/deployments`;
      if (page === '1') {
        return HttpResponse.json([deployment(11, 1), deployment(12, 2)], {
          headers: { link: link(url, 2) },
        });
      }
      if (page === '2') {
        // 12 is older than the 7-day lookback: page 3 must not be read.
        return HttpResponse.json([deployment(13, 3), deployment(14, 12)], {
          headers: { link: link(url, 3) },
        });
      }
      return HttpResponse.json([deployment(15, 20)]);
    }),
    http.get(`${REPO}/deployments/11/statuses`, () =>
      // Newest first: the inactive status on top hides the success that counts.
      HttpResponse.json([
        status('inactive', '2019-05-19T13:00:00Z'),
        status('success', '2019-05-19T12:05:00Z'),
      ]),
    ),
    http.get(`${REPO}/deployments/12/statuses`, () => {
      if (!rateLimited) {
        rateLimited = true;
        return HttpResponse.json(
          {
            message: 'You have exceeded a secondary rate limit.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
          { status: 429, headers: { 'retry-after': '2' } },
        );
      }
      return HttpResponse.json([status('failure', '2019-05-18T12:10:00Z')]);
    }),
    http.get(`${REPO}/deployments/13/statuses`, () => HttpResponse.json([])),
    http.get(`${REPO}/actions/workflows`, () =>
      HttpResponse.json({
        total_count: 2,
        workflows: [
          {
            ...runExample.workflow,
            id: 1,
            name: 'Deploy',
            path: '.github/workflows/deploy.yml',
          },
          {
            ...runExample.workflow,
            id: 2,
            name: 'CI',
            path: '.github/workflows/ci.yml',
          },
        ],
      }),
    ),
    http.get(`${REPO}/actions/workflows/1/runs`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      expect(query.get('status')).toBe('completed');
      expect(query.get('created')).toBe('>=2019-05-13T12:00:00Z');
      return HttpResponse.json({
        total_count: 1,
        workflow_runs: [
          {
            ...runExample.workflow_run,
            name: 'Deploy',
            path: '.github/workflows/deploy.yml',
            id: 777,
            created_at: '2019-05-19T10:00:00Z',
            run_started_at: '2019-05-19T10:00:00Z',
            updated_at: '2019-05-19T10:04:00Z',
          },
        ],
      });
    }),
    serveIssues(REPO, issuePages, issueQueries),
    ...servePullRequests('Codertocat', 'Hello-World', []),
  );
  return Object.assign(requests, { issueQueries });
}

function setup(
  incidents = { enabled: true, label: 'incident' },
  now: () => DateTime = () => NOW,
) {
  const sink = mockDeliveryEventSink();
  const logger = mockServices.logger.mock();
  const sleep = jest.fn(async (_ms: number) => {});
  const workflows = [{ name: 'Deploy', environment: 'production' }];
  const componentsOf = async () => [
    {
      entityRef: 'component:default/hello-world',
      paths: [],
      environments: [],
      workflows: [],
    },
  ];
  const watermarks = new PullRequestWatermarks();
  const pull = () =>
    pullRepositories({
      repositories: async () => [
        {
          slug: 'codertocat/hello-world',
          url: 'https://github.com/codertocat/hello-world',
        },
        // No integration serves this host: skipped without a request.
        {
          slug: 'acme/elsewhere',
          url: 'https://gitlab.acme.test/acme/elsewhere',
        },
      ],
      clientFor: createGithubClientFactory({
        config: new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
        }),
        logger,
        retry: { ...DEFAULT_RETRY, sleep },
      }),
      workflows,
      incidents,
      lookback: Duration.fromObject({ days: 7 }),
      handle: createGithubEventHandler({
        sink,
        componentsOf,
        lookupCommit: async () => undefined,
        workflows,
        incidents,
        logger,
      }),
      pullRequests: {
        // Its own client is the webhook's; the pull reads with its own.
        handler: createPullRequestHandler({
          sink,
          componentsOf,
          clientFor: async () => undefined,
          logger,
        }),
        watermarks,
      },
      logger,
      now,
    });
  return { sink, logger, sleep, pull };
}

describe('pullRepositories', () => {
  it('reads recent deployments and deployment runs through the webhook path', async () => {
    const requests = fakeGithub();
    const { sink, logger, pull } = setup();
    expect(await pull()).toEqual({ failures: [] });

    const stored = sink.ingest.mock.calls
      .map(([events]) => events[0] as { kind: string })
      .filter(event => event.kind === 'deployment');
    expect(stored).toEqual([
      expect.objectContaining({
        id: 'Codertocat/Hello-World/deployments/11',
        entityRef: 'component:default/hello-world',
        status: 'success',
        startedAt: '2019-05-19T12:00:00Z',
        finishedAt: '2019-05-19T12:05:00Z',
      }),
      expect.objectContaining({
        id: 'Codertocat/Hello-World/deployments/12',
        status: 'failure',
      }),
      expect.objectContaining({
        id: 'Codertocat/Hello-World/runs/777',
        environment: 'production',
        status: 'success',
        finishedAt: '2019-05-19T10:04:00Z',
      }),
    ]);
    // Deployment 13 has no status yet; 14 is older than the lookback, and the page
    // after it is never read.
    expect(requests).not.toContainEqual(expect.stringContaining('page=3'));
    expect(requests).not.toContainEqual(
      expect.stringContaining('/deployments/14/'),
    );
    expect(requests).not.toContainEqual(
      expect.stringContaining('/workflows/2/'),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Pulled 2 deployments, 1 deployment workflow runs, 3 incident issues and 0 pull requests of codertocat/hello-world from GitHub',
    );
  });

  it('reads the issues labelled as incidents, every page, skipping pull requests', async () => {
    const { issueQueries } = fakeGithub();
    const { sink, pull } = setup();
    await pull();

    // Both pages, each asking for the label, open and closed, updated within the lookback.
    expect(issueQueries.map(q => Object.fromEntries(q))).toEqual([
      {
        labels: 'incident',
        state: 'all',
        since: '2019-05-13T12:00:00Z',
        per_page: '100',
      },
      {
        labels: 'incident',
        state: 'all',
        since: '2019-05-13T12:00:00Z',
        per_page: '100',
        page: '2',
      },
    ]);
    const incidents = sink.ingest.mock.calls
      .map(([events]) => events)
      .filter(events => (events[0] as { kind: string }).kind === 'incident');
    expect(incidents).toEqual([
      [
        {
          kind: 'incident',
          source: 'github',
          id: 'Codertocat/Hello-World/issues/3@component:default/hello-world',
          entityRef: 'component:default/hello-world',
          title: 'Checkout returns 500',
          severity: 'sev1',
          openedAt: '2019-05-19T12:30:00Z',
          resolvedAt: undefined,
          // The id the same pull gives deployment 11.
          deploymentId: 'Codertocat/Hello-World/deployments/11',
          url: 'https://github.com/Codertocat/Hello-World/issues/3',
        },
      ],
      [
        {
          kind: 'incident',
          source: 'github',
          id: 'Codertocat/Hello-World/issues/5@component:default/hello-world',
          entityRef: 'component:default/hello-world',
          title: 'Login slow',
          severity: 'high',
          openedAt: '2019-05-10T08:00:00Z',
          resolvedAt: '2019-05-14T09:30:00Z',
          deploymentId: undefined,
          url: 'https://github.com/Codertocat/Hello-World/issues/5',
        },
      ],
      [
        expect.objectContaining({
          id: 'Codertocat/Hello-World/issues/6@component:default/hello-world',
          title: 'Search down',
          openedAt: '2019-05-20T09:00:00Z',
          deploymentId: undefined,
        }),
      ],
    ]);
  });

  it('reads no issues when incidents are disabled', async () => {
    const { issueQueries } = fakeGithub();
    const { sink, logger, pull } = setup({ enabled: false, label: 'incident' });
    await pull();
    expect(issueQueries).toEqual([]);
    expect(sink.ingest).toHaveBeenCalledTimes(3);
    expect(logger.info).toHaveBeenCalledWith(
      'Pulled 2 deployments, 1 deployment workflow runs, 0 incident issues and 0 pull requests of codertocat/hello-world from GitHub',
    );
  });

  it('waits as long as a 429 says and tries again', async () => {
    const requests = fakeGithub();
    const { sleep, pull } = setup();
    await pull();
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(2000);
    expect(
      requests.filter(r =>
        r.startsWith('/repos/Codertocat/Hello-World/deployments/12/statuses'),
      ),
    ).toHaveLength(2);
  });

  it('reads no issues of a repository that has them disabled', async () => {
    fakeGithub();
    server.use(
      http.get(`${REPO}/issues`, () =>
        HttpResponse.json(
          { message: 'Issues are disabled for this repo' },
          { status: 410 },
        ),
      ),
    );
    const { sink, logger, pull } = setup();
    await pull();
    expect(sink.ingest).toHaveBeenCalledTimes(3);
    expect(logger.warn).not.toHaveBeenCalledWith(
      expect.stringMatching(/^Could not pull/),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Pulled 2 deployments, 1 deployment workflow runs, 0 incident issues and 0 pull requests of codertocat/hello-world from GitHub',
    );
  });

  it('logs a repository it cannot read and goes on', async () => {
    server.use(
      http.get(`${API}/repos/codertocat/hello-world`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const { sink, logger, pull } = setup();
    const { failures } = await pull();
    expect(failures).toEqual([
      expect.stringMatching(/^codertocat\/hello-world: .*Not Found/),
    ]);
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not pull codertocat\/hello-world from GitHub: .*Not Found/,
      ),
    );
  });
});

describe('pullRepositories, pull requests', () => {
  /*
   * 255 pull requests, #1 updated most recently: #1 to #105 updated within the 7-day
   * lookback (from 2019-05-13T12:00:00Z), #106 on older. Each has one commit and a
   * review by octocat.
   */
  const updatedAt = (number: number) =>
    number <= 105
      ? NOW.minus({ hours: number }).toISO({ suppressMilliseconds: true })!
      : NOW.minus({ days: 8, hours: number }).toISO({
          suppressMilliseconds: true,
        })!;
  const fakePullRequests = (): FakePullRequest[] =>
    Array.from({ length: 255 }, (_, i) => {
      const number = i + 1;
      return {
        number,
        createdAt: '2019-05-01T09:00:00Z',
        updatedAt: updatedAt(number),
        commits: [
          {
            sha: `${number}`.padStart(40, 'a'),
            authoredAt: '2019-04-30T09:00:00Z',
            committedAt: '2019-04-30T09:00:00Z',
          },
        ],
        reviews: [
          {
            id: number,
            login: 'octocat',
            state: 'APPROVED',
            submittedAt: '2019-05-01T10:00:00Z',
          },
        ],
      };
    });

  function fakeRepository(prs: FakePullRequest[]) {
    const requests = fakeGithub();
    const prRequests: string[] = [];
    server.use(
      ...servePullRequests('Codertocat', 'Hello-World', prs, prRequests),
    );
    return { requests, prRequests };
  }

  const changesIn = (sink: ReturnType<typeof setup>['sink']) =>
    sink.ingested.filter(e => (e as { kind: string }).kind === 'change') as {
      id: string;
      firstReviewAt?: string;
    }[];

  it('reads those updated within the lookback, most recently updated first, stopping at the first older one', async () => {
    const { prRequests } = fakeRepository(fakePullRequests());
    const { sink, logger, pull } = setup();
    expect(await pull()).toEqual({ failures: [] });

    const changes = changesIn(sink);
    expect(changes).toHaveLength(105);
    expect(changes[0]).toMatchObject({
      id: 'Codertocat/Hello-World/pulls/1@component:default/hello-world',
      firstCommitAt: '2019-04-30T09:00:00Z',
      firstReviewAt: '2019-05-01T10:00:00Z',
    });
    const listed = prRequests.filter(r =>
      r.startsWith('/repos/Codertocat/Hello-World/pulls?'),
    );
    // Page 2 holds #106, older than the lookback: page 3 is never read.
    expect(listed).toEqual([
      '/repos/Codertocat/Hello-World/pulls?state=all&sort=updated&direction=desc&per_page=100',
      '/repos/Codertocat/Hello-World/pulls?state=all&sort=updated&direction=desc&per_page=100&page=2',
    ]);
    // Each pull request read whole, with its commits and reviews; no files (one
    // component without paths).
    expect(prRequests).toContain('/repos/Codertocat/Hello-World/pulls/105');
    expect(prRequests).not.toContain('/repos/Codertocat/Hello-World/pulls/106');
    expect(prRequests.filter(r => r.includes('/files'))).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'Pulled 2 deployments, 1 deployment workflow runs, 3 incident issues and 105 pull requests of codertocat/hello-world from GitHub',
    );
  }, 30_000);

  it('reads again only those updated since the last full pull (less 5 minutes); a failed pull moves no watermark', async () => {
    const prs = fakePullRequests().slice(0, 3);
    const { prRequests } = fakeRepository(prs);
    // The runs endpoint of fakeGithub expects the first pull's lookback.
    const noRuns = http.get(`${REPO}/actions/workflows/1/runs`, () =>
      HttpResponse.json({ total_count: 0, workflow_runs: [] }),
    );
    server.use(noRuns);
    let now = NOW;
    const { sink, pull } = setup(undefined, () => now);
    await pull();
    expect(changesIn(sink)).toHaveLength(3);

    // #3 updated 10 minutes after the first pull started; #1 (updated 1 h before it)
    // and #2 are older than its start less 5 minutes.
    prs[2].updatedAt = NOW.plus({ minutes: 10 }).toISO()!;
    prs[2].reviews = [];
    now = NOW.plus({ minutes: 30 });
    sink.ingested.length = 0;
    prRequests.length = 0;
    await pull();
    expect(changesIn(sink).map(c => [c.id, c.firstReviewAt])).toEqual([
      [
        'Codertocat/Hello-World/pulls/3@component:default/hello-world',
        undefined,
      ],
    ]);

    // A pull that fails (#3, updated again, has its reviews unreadable) moves no
    // watermark: the next one reads #3 again.
    prs[2].updatedAt = NOW.plus({ minutes: 40 }).toISO()!;
    server.use(
      http.get(`${REPO}/pulls/3/reviews`, () =>
        HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
      ),
    );
    now = NOW.plus({ minutes: 60 });
    const { failures } = await pull();
    expect(failures).toEqual([
      expect.stringMatching(/^codertocat\/hello-world: .*Server Error/),
    ]);
    server.resetHandlers();
    fakeRepository(prs);
    server.use(noRuns);
    sink.ingested.length = 0;
    now = NOW.plus({ minutes: 90 });
    await pull();
    expect(changesIn(sink).map(c => c.id)).toEqual([
      'Codertocat/Hello-World/pulls/3@component:default/hello-world',
    ]);
  });

  it('waits out a rate limit on a pull request read and tries again', async () => {
    const { prRequests } = fakeRepository(fakePullRequests().slice(0, 1));
    let limited = false;
    server.use(
      http.get(`${REPO}/pulls/1/commits`, () => {
        if (limited) return undefined;
        limited = true;
        return HttpResponse.json(
          { message: 'You have exceeded a secondary rate limit.' },
          { status: 429, headers: { 'retry-after': '3' } },
        );
      }),
    );
    const { sink, sleep, pull } = setup();
    expect(await pull()).toEqual({ failures: [] });
    expect(sleep).toHaveBeenCalledWith(3000);
    expect(changesIn(sink)).toHaveLength(1);
    expect(prRequests.filter(r => r.includes('/pulls/1/commits'))).toHaveLength(
      1,
    );
  });
});
