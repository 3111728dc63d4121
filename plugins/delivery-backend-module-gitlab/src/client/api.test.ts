import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DateTime } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  commitRecord,
  deploymentRecord,
  fakeGitlab,
  mergeRequestCommitRecord,
  mergeRequestRecord,
  projectRecord,
} from '../__testUtils__/gitlabApi';
import { GitlabApi } from './api';
import { retryAfterMs } from './requester';

const server = setupServer();
registerMswTestHooks(server);

const API = 'https://gitlab.acme.test/api/v4';
const TOKEN = 'glpat-test';
const shop = projectRecord({
  id: 42,
  path: 'acme/shop',
  webUrl: 'https://gitlab.acme.test/acme/shop',
});

/** Sleeps recorded instead of waited. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const apiFor = (
  options: { apiBaseUrl?: string; attempts?: number; maxWaitMs?: number } = {},
) => {
  const sleep = recordingSleep();
  const api = new GitlabApi({
    apiBaseUrl: options.apiBaseUrl ?? API,
    token: TOKEN,
    retry: {
      attempts: options.attempts ?? 3,
      maxWaitMs: options.maxWaitMs ?? 120_000,
      sleep: sleep.sleep,
    },
    logger: mockServices.logger.mock(),
  });
  return { api, waits: sleep.waits };
};

const commit = (n: number) =>
  commitRecord({
    sha: `${n}`.repeat(40).slice(0, 40),
    committedAt: `2026-01-0${n}T10:00:00+01:00`,
    title: `Change ${n}`,
  });

const deployment = (id: number, updatedAt: string) =>
  deploymentRecord({
    id,
    iid: id - 100,
    status: 'success',
    environment: { id: 9, name: 'production' },
    sha: commit(1).id,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt,
  });

describe('GitlabApi', () => {
  it('reads a project by path or id from a self-managed instance, with the token', async () => {
    const requests: URL[] = [];
    server.use(
      ...fakeGitlab({
        apiBaseUrl: API,
        token: TOKEN,
        projects: [{ project: shop }],
        requests,
      }),
    );
    const { api } = apiFor();
    expect(await api.project('acme/shop')).toMatchObject({
      id: 42,
      path_with_namespace: 'acme/shop',
      web_url: 'https://gitlab.acme.test/acme/shop',
    });
    expect((await api.project(42)).id).toBe(42);
    expect(requests.map(url => url.pathname)).toEqual([
      '/api/v4/projects/acme%2Fshop',
      '/api/v4/projects/42',
    ]);
  });

  it('serves an instance under a relative path', async () => {
    const base = 'https://acme.test/gitlab/api/v4';
    server.use(
      ...fakeGitlab({
        apiBaseUrl: base,
        token: TOKEN,
        projects: [{ project: shop }],
      }),
    );
    const { api } = apiFor({ apiBaseUrl: base });
    expect((await api.project('acme/shop')).id).toBe(42);
  });

  it('follows x-next-page through every page of deployments updated since a time', async () => {
    const requests: URL[] = [];
    server.use(
      ...fakeGitlab({
        apiBaseUrl: API,
        token: TOKEN,
        maxPerPage: 2,
        requests,
        projects: [
          {
            project: shop,
            deployments: [
              deployment(105, '2026-01-05T00:00:00Z'),
              deployment(101, '2026-01-01T00:00:00Z'),
              deployment(103, '2026-01-03T00:00:00Z'),
              deployment(104, '2026-01-04T00:00:00Z'),
              deployment(102, '2026-01-02T00:00:00Z'),
              deployment(106, '2026-01-06T00:00:00Z'),
            ],
          },
        ],
      }),
    );
    const { api } = apiFor();
    const ids: number[] = [];
    for await (const d of api.deploymentsUpdatedSince(
      42,
      DateTime.fromISO('2026-01-01T12:00:00Z'),
    )) {
      ids.push(d.id);
    }
    // 101 was updated before the time; the others in update order, over 3 pages.
    expect(ids).toEqual([102, 103, 104, 105, 106]);
    expect(requests.map(url => url.searchParams.get('page'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      updated_after: '2026-01-01T12:00:00Z',
      order_by: 'updated_at',
      sort: 'asc',
      per_page: '100',
      page: '1',
    });
  });

  it('lists the commits of a range over pages, stopping at the maximum', async () => {
    const history = [1, 2, 3, 4, 5, 6].map(commit);
    server.use(
      ...fakeGitlab({
        apiBaseUrl: API,
        token: TOKEN,
        maxPerPage: 2,
        projects: [{ project: shop, commits: history }],
      }),
    );
    const { api } = apiFor();
    const all = await api.commitsBetween(42, history[1].id, history[5].id, 10);
    expect(all.map(c => c.title)).toEqual([
      'Change 6',
      'Change 5',
      'Change 4',
      'Change 3',
    ]);
    const capped = await api.commitsBetween(
      42,
      history[1].id,
      history[5].id,
      3,
    );
    expect(capped.map(c => c.title)).toEqual([
      'Change 6',
      'Change 5',
      'Change 4',
    ]);
  });

  it('waits as long as Retry-After says on a 429, then retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/projects/42`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { message: '429 Too Many Requests' },
              { status: 429, headers: { 'retry-after': '7' } },
            )
          : HttpResponse.json(shop);
      }),
    );
    const { api, waits } = apiFor();
    expect((await api.project(42)).path_with_namespace).toBe('acme/shop');
    expect(waits).toEqual([7000]);
    expect(calls).toBe(2);
  });

  it('gives up after the last attempt, naming the request and GitLab’s message', async () => {
    server.use(
      http.get(`${API}/projects/42`, () =>
        HttpResponse.json(
          { message: 'Retry later' },
          { status: 429, headers: { 'retry-after': '1' } },
        ),
      ),
    );
    const { api, waits } = apiFor({ attempts: 3 });
    await expect(api.project(42)).rejects.toThrow(
      'GET /api/v4/projects/42: 429 Too Many Requests (Retry later)',
    );
    expect(waits).toEqual([1000, 1000]);
  });

  it('fails at once when GitLab asks for a longer wait than allowed', async () => {
    server.use(
      http.get(`${API}/projects/42`, () =>
        HttpResponse.json(
          { message: 'Retry later' },
          { status: 429, headers: { 'retry-after': '3600' } },
        ),
      ),
    );
    const { api, waits } = apiFor({ maxWaitMs: 60_000 });
    await expect(api.project(42)).rejects.toThrow(/429/);
    expect(waits).toEqual([]);
  });

  it('reports other errors without retrying and without the token', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/projects/:id`, () => {
        calls++;
        return HttpResponse.json(
          { message: '404 Project Not Found' },
          { status: 404 },
        );
      }),
    );
    const { api } = apiFor();
    const error = await api.project('acme/gone').catch(e => e);
    expect(error.message).toBe(
      'GET /api/v4/projects/acme%2Fgone: 404 Not Found (404 Project Not Found)',
    );
    expect(error.status).toBe(404);
    expect(error.message).not.toContain(TOKEN);
    expect(calls).toBe(1);
  });
});

describe('GitlabApi: merge requests', () => {
  const mr = (iid: number, updatedAt: string) => ({
    mergeRequest: mergeRequestRecord({
      id: 600 + iid,
      iid,
      title: `Change ${iid}`,
      state: 'opened',
      author: { id: 1, username: 'root' },
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt,
      webUrl: `https://gitlab.acme.test/acme/shop/-/merge_requests/${iid}`,
    }),
    commits: [1, 2, 3].map(n =>
      mergeRequestCommitRecord({
        sha: `${n}`.repeat(40),
        committedAt: `2026-01-0${n}T10:00:00Z`,
        title: `Commit ${n}`,
      }),
    ),
  });

  const serve = () => {
    const requests: URL[] = [];
    server.use(
      ...fakeGitlab({
        apiBaseUrl: API,
        token: TOKEN,
        projects: [
          {
            project: shop,
            mergeRequests: [
              mr(1, '2026-01-02T00:00:00Z'),
              mr(2, '2026-01-05T00:00:00Z'),
              mr(3, '2026-01-03T00:00:00Z'),
            ],
          },
        ],
        maxPerPage: 1,
        requests,
      }),
    );
    return requests;
  };

  it('lists merge requests of every state updated after a time, oldest update first, page after page', async () => {
    const requests = serve();
    const { api } = apiFor();
    const listed: number[] = [];
    for await (const item of api.mergeRequestsUpdatedSince(
      42,
      DateTime.fromISO('2026-01-02T12:00:00Z'),
    )) {
      listed.push(item.iid);
    }
    expect(listed).toEqual([3, 2]);
    expect(requests.map(url => url.searchParams.get('page'))).toEqual([
      '1',
      '2',
    ]);
    expect(requests[0].searchParams.get('updated_after')).toBe(
      '2026-01-02T12:00:00Z',
    );
  });

  it('says whether a capped list is complete', async () => {
    serve();
    const { api } = apiFor();
    const capped = await api.mergeRequestCommits(42, 1, 2);
    expect(capped.complete).toBe(false);
    expect(capped.items.map(c => c.id)).toEqual([
      '1'.repeat(40),
      '2'.repeat(40),
    ]);
    const all = await api.mergeRequestCommits(42, 1, 3);
    expect(all.complete).toBe(true);
    expect(all.items).toHaveLength(3);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-07T12:00:00Z');
  const headers = (values: Record<string, string>) => new Headers(values);

  it('reads Retry-After in seconds or as a date, then RateLimit-Reset', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }), now)).toBe(30_000);
    expect(
      retryAfterMs(
        headers({ 'retry-after': 'Wed, 07 Jan 2026 12:01:30 GMT' }),
        now,
      ),
    ).toBe(90_000);
    expect(
      retryAfterMs(
        headers({ 'ratelimit-reset': String(now / 1000 + 45) }),
        now,
      ),
    ).toBe(45_000);
  });

  it('waits a minute when GitLab names no time', () => {
    expect(retryAfterMs(headers({}), now)).toBe(60_000);
  });
});
