import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { runReportedPull } from '@internal/backstage-plugin-delivery-node';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';
import { DateTime, Duration } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API,
  c3,
  c4,
  mappedChanges,
  secondDeploymentMapped,
  serveGitlab,
  stored as storedCommit,
  TOKEN,
} from '../__testUtils__/scenario';
import { createGitlabInstances } from '../client/instances';
import { AnnotatedProject, ProjectComponent } from '../matching/projects';
import {
  GITLAB_PULL_REPORTING,
  MergeRequestWatermarks,
  pullGitlab,
} from './pull';
import { createRecordReader } from '../client/records';

const server = setupServer();
registerMswTestHooks(server);

const NOW = DateTime.fromISO('2026-01-08T00:00:00Z', { zone: 'utc' });

const web: ProjectComponent = {
  entityRef: 'component:default/shop-web',
  environments: ['production'],
  paths: [],
};
const worker: ProjectComponent = {
  entityRef: 'component:default/shop-worker',
  environments: ['staging'],
  paths: [],
};

function setup(
  options: {
    projects?: AnnotatedProject[] | (() => Promise<AnnotatedProject[]>);
    components?: ProjectComponent[];
    now?: DateTime;
    lookback?: Duration;
    /** Reads merge requests, remembering pulls here. */
    watermarks?: MergeRequestWatermarks;
  } = {},
) {
  const requests = serveGitlab(server, { maxPerPage: 2 });
  const waits: number[] = [];
  const logger = mockServices.logger.mock();
  const sink = mockDeliveryEventSink();
  const events = sink.ingested as Record<string, unknown>[];
  const projects = options.projects ?? [
    { instance: 'gitlab.acme.test', ref: 'acme/shop' },
  ];
  const pull = () =>
    runReportedPull({
      ...GITLAB_PULL_REPORTING,
      sink,
      pull: () =>
        pullGitlab({
          projects:
            typeof projects === 'function' ? projects : async () => projects,
          componentsOf: async () => options.components ?? [web, worker],
          instances: createGitlabInstances({
            config: new ConfigReader({
              integrations: {
                gitlab: [
                  { host: 'gitlab.acme.test', apiBaseUrl: API, token: TOKEN },
                ],
              },
            }),
            logger,
            retry: {
              attempts: 3,
              maxWaitMs: 60_000,
              sleep: async ms => void waits.push(ms),
            },
          }),
          reader: createRecordReader({ logger }),
          pipelineRules: [{ ref: 'main', environment: 'production' }],
          lookback: options.lookback ?? Duration.fromObject({ days: 7 }),
          mergeRequests: options.watermarks
            ? { watermarks: options.watermarks }
            : undefined,
          sink,
          logger,
          now: () => options.now ?? NOW,
        }),
    });
  return { pull, sink, events, requests, waits, logger };
}

const listRequests = (requests: URL[], path: string) =>
  requests.filter(
    url => url.pathname === path && url.searchParams.has('updated_after'),
  );

describe('pullGitlab', () => {
  it('stores every deployment and mapped pipeline updated within the lookback, page after page', async () => {
    const { pull, events, sink, requests } = setup();
    await pull();

    expect(events.map(e => [e.id, e.entityRef, e.status])).toEqual([
      [
        'gitlab.acme.test/deployments/100',
        'component:default/shop-web',
        'success',
      ],
      [
        'gitlab.acme.test/deployments/101',
        'component:default/shop-web',
        'success',
      ],
      [
        'gitlab.acme.test/deployments/103',
        'component:default/shop-worker',
        'in_progress',
      ],
      [
        'gitlab.acme.test/deployments/102',
        'component:default/shop-web',
        'failure',
      ],
      [
        'gitlab.acme.test/deployments/105',
        'component:default/shop-web',
        'success',
      ],
      [
        'gitlab.acme.test/pipelines/200',
        'component:default/shop-web',
        'success',
      ],
      [
        'gitlab.acme.test/pipelines/201',
        'component:default/shop-web',
        'failure',
      ],
      [
        'gitlab.acme.test/pipelines/202',
        'component:default/shop-web',
        'success',
      ],
    ]);
    expect(
      events.find(e => e.id === 'gitlab.acme.test/deployments/101'),
    ).toEqual({
      ...secondDeploymentMapped,
      entityRef: 'component:default/shop-web',
      commits: [
        storedCommit(c4, '2026-01-07T08:00:00.000Z'),
        storedCommit(c3, '2026-01-06T15:30:00.000+02:00'),
      ],
    });
    // The failed pipeline shipped c3 since the first successful one (c2).
    expect(
      events.find(e => e.id === 'gitlab.acme.test/pipelines/201')?.commits,
    ).toEqual([storedCommit(c3, '2026-01-06T15:30:00.000+02:00')]);

    // Six deployments, two a page: three pages; four pipelines: two pages.
    const deploymentPages = listRequests(
      requests,
      '/api/v4/projects/42/deployments',
    );
    expect(deploymentPages.map(url => url.searchParams.get('page'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(deploymentPages[0].searchParams.get('updated_after')).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(
      listRequests(requests, '/api/v4/projects/42/pipelines').map(url =>
        url.searchParams.get('page'),
      ),
    ).toEqual(['1', '2']);
    expect(sink.reportSync).toHaveBeenCalledTimes(1);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'pull',
    });
  });

  it('waits out a 429 as long as Retry-After says', async () => {
    const { pull, events, waits } = setup();
    server.use(
      http.get(
        `${API}/projects/42/deployments`,
        () =>
          HttpResponse.json(
            { message: '429 Too Many Requests' },
            { status: 429, headers: { 'retry-after': '5' } },
          ),
        { once: true },
      ),
    );
    await pull();
    expect(waits).toEqual([5000]);
    expect(events).toHaveLength(8);
  });

  it('reads nothing updated before the lookback', async () => {
    const { pull, events, requests } = setup({
      now: NOW.plus({ days: 7 }),
      lookback: Duration.fromObject({ days: 1 }),
    });
    await pull();
    expect(events).toEqual([]);
    expect(
      listRequests(
        requests,
        '/api/v4/projects/42/deployments',
      )[0].searchParams.get('updated_after'),
    ).toBe('2026-01-14T00:00:00Z');
  });

  it('goes on after a project that fails, and reports it', async () => {
    const { pull, events, sink } = setup({
      projects: [
        { instance: 'gitlab.acme.test', ref: 'acme/gone' },
        { instance: 'gitlab.acme.test', ref: 'acme/shop' },
      ],
    });
    await pull();
    expect(events).toHaveLength(8);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'pull',
      error:
        '1 of 2 projects failed: acme/gone: GET /api/v4/projects/acme%2Fgone: 404 Not Found (404 Project Not Found)',
    });
  });

  it('pulls a project annotated by id and by path once', async () => {
    const { pull, events, requests } = setup({
      projects: [
        { instance: 'gitlab.acme.test', ref: 42 },
        { instance: 'gitlab.acme.test', ref: 'acme/shop' },
      ],
    });
    await pull();
    expect(events).toHaveLength(8);
    expect(
      listRequests(requests, '/api/v4/projects/42/deployments'),
    ).toHaveLength(3);
  });

  it('reports an instance without a token as not configured, and the others as usual', async () => {
    const { pull, sink, events } = setup({
      projects: [
        { instance: 'gitlab.other.test', ref: 'team/app' },
        { instance: 'gitlab.acme.test', ref: 'acme/shop' },
      ],
    });
    await pull();
    expect(events).toHaveLength(8);
    expect(sink.reportSync.mock.calls).toEqual([
      [
        {
          source: 'gitlab',
          instance: 'gitlab.other.test',
          via: 'pull',
          disabled:
            'not configured: no token for gitlab.other.test in integrations.gitlab: 1 annotated projects are not pulled',
        },
      ],
      [{ source: 'gitlab', instance: 'gitlab.acme.test', via: 'pull' }],
    ]);
  });

  it('reports deployments no single component claims as unmatched', async () => {
    const { pull, sink, events } = setup({ components: [web] });
    await pull();
    // With one component on the project, every deployment is its own.
    expect(events).toHaveLength(8);
    expect(sink.reportUnmatched).not.toHaveBeenCalled();

    const ambiguous = setup({
      components: [web, { ...worker, environments: [] }],
    });
    await ambiguous.pull();
    expect(
      ambiguous.events.some(e => e.id === 'gitlab.acme.test/deployments/103'),
    ).toBe(false);
    expect(ambiguous.sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'gitlab',
      key: 'gitlab.acme.test/acme/shop environment staging',
      reason:
        'ambiguous: several components on gitlab.acme.test/acme/shop (component:default/shop-web, component:default/shop-worker), none claims environment staging (delivery.acme-portal.io/gitlab-environments)',
    });
  });

  it('reports a catalog that cannot be read', async () => {
    const { pull, sink } = setup({
      projects: async () => {
        throw new Error('catalog unavailable');
      },
    });
    await expect(pull()).rejects.toThrow('catalog unavailable');
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      via: 'pull',
      error:
        'could not read the annotated components from the catalog: catalog unavailable',
    });
  });
});

describe('pullGitlab: merge requests', () => {
  const shop: ProjectComponent = {
    entityRef: 'component:default/shop',
    environments: [],
    paths: [],
  };
  const changes = (events: Record<string, unknown>[]) =>
    events.filter(e => e.kind === 'change');
  const mergeRequestLists = (requests: URL[]) =>
    listRequests(requests, '/api/v4/projects/42/merge_requests');

  it('stores every merge request updated within the lookback, page after page, as the webhook would', async () => {
    const { pull, events, requests } = setup({
      components: [shop],
      watermarks: new MergeRequestWatermarks(),
    });
    await pull();
    const attributed = (change: { id: string }) => ({
      ...change,
      id: `${change.id}@component:default/shop`,
      entityRef: 'component:default/shop',
    });
    // Oldest update first: the closed one, the two merged ones, the draft.
    expect(changes(events)).toEqual([
      attributed(mappedChanges.typo),
      attributed(mappedChanges.coupon),
      attributed(mappedChanges.validation),
      attributed(mappedChanges.cache),
    ]);
    // Four merge requests, two a page: two pages, in every state.
    const lists = mergeRequestLists(requests);
    expect(lists.map(url => url.searchParams.get('page'))).toEqual(['1', '2']);
    expect(Object.fromEntries(lists[0].searchParams)).toMatchObject({
      state: 'all',
      updated_after: '2026-01-01T00:00:00Z',
      order_by: 'updated_at',
      sort: 'asc',
    });
  });

  it('reads again only what was updated since the last successful pull, less an overlap', async () => {
    const watermarks = new MergeRequestWatermarks();
    const first = setup({ components: [shop], watermarks });
    await first.pull();
    // An hour later: since the first pull's start (00:00) less 10 minutes.
    const second = setup({
      components: [shop],
      watermarks,
      now: NOW.plus({ hours: 1 }),
    });
    await second.pull();
    expect(changes(second.events)).toEqual([]);
    expect(
      mergeRequestLists(second.requests)[0].searchParams.get('updated_after'),
    ).toBe('2026-01-07T23:50:00Z');
    // Deployments are still read over the whole lookback.
    expect(
      listRequests(
        second.requests,
        '/api/v4/projects/42/deployments',
      )[0].searchParams.get('updated_after'),
    ).toBe('2026-01-01T01:00:00Z');
    // Never further back than the lookback.
    const later = setup({
      components: [shop],
      watermarks,
      now: NOW.plus({ days: 30 }),
      lookback: Duration.fromObject({ days: 1 }),
    });
    await later.pull();
    expect(
      mergeRequestLists(later.requests)[0].searchParams.get('updated_after'),
    ).toBe('2026-02-06T00:00:00Z');
  });

  it('stores the rest when a merge request cannot be read, and reads the whole lookback again next time', async () => {
    const watermarks = new MergeRequestWatermarks();
    const failing = setup({ components: [shop], watermarks });
    server.use(
      http.get(`${API}/projects/42/merge_requests/12/diffs`, () =>
        HttpResponse.json(
          { message: '500 Internal Server Error' },
          { status: 500 },
        ),
      ),
    );
    await failing.pull();
    expect(failing.sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'pull',
      error:
        '1 of 1 projects failed: acme/shop: merge requests could not be read: !12: GET /api/v4/projects/42/merge_requests/12/diffs: 500 Internal Server Error',
    });
    // The deployments, pipelines and the other merge requests are stored all the same.
    expect(failing.events).toHaveLength(8 + 3);
    expect(changes(failing.events).map(e => e.number)).toEqual([14, 11, 13]);
    server.resetHandlers();
    const retried = setup({
      components: [shop],
      watermarks,
      now: NOW.plus({ hours: 1 }),
    });
    await retried.pull();
    expect(
      mergeRequestLists(retried.requests)[0].searchParams.get('updated_after'),
    ).toBe('2026-01-01T01:00:00Z');
    expect(changes(retried.events)).toHaveLength(4);
  });

  it('waits out a 429 on the merge request list as long as Retry-After says', async () => {
    const { pull, events, waits } = setup({
      components: [shop],
      watermarks: new MergeRequestWatermarks(),
    });
    server.use(
      http.get(
        `${API}/projects/42/merge_requests`,
        () =>
          HttpResponse.json(
            { message: '429 Too Many Requests' },
            { status: 429, headers: { 'retry-after': '7' } },
          ),
        { once: true },
      ),
    );
    await pull();
    expect(waits).toEqual([7000]);
    expect(changes(events)).toHaveLength(4);
  });

  it('attributes merge requests of a monorepo by the paths their files touch', async () => {
    const component = (name: string, paths: string[]): ProjectComponent => ({
      entityRef: `component:default/${name}`,
      environments: [],
      paths,
    });
    const { pull, events, sink } = setup({
      projects: [{ instance: 'gitlab.acme.test', ref: 'acme/monorepo' }],
      components: [
        component('cart', ['services/cart']),
        component('web', ['apps/web']),
      ],
      watermarks: new MergeRequestWatermarks(),
    });
    await pull();
    expect(changes(events).map(e => [e.id, e.entityRef])).toEqual([
      [
        'gitlab.acme.test/merge_requests/621@component:default/cart',
        'component:default/cart',
      ],
      [
        'gitlab.acme.test/merge_requests/621@component:default/web',
        'component:default/web',
      ],
    ]);
    expect(sink.reportUnmatched).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'gitlab.acme.test/acme/monorepo merge requests',
      }),
    );
  });

  it('reads no merge requests unless asked to', async () => {
    const { pull, events, requests } = setup({ components: [shop] });
    await pull();
    expect(changes(events)).toEqual([]);
    expect(mergeRequestLists(requests)).toEqual([]);
  });
});
