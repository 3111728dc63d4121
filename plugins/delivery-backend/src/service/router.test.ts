/*
 * The delivery HTTP API end to end (real router, real store, real migrations) on SQLite
 * and PostgreSQL. Expected DORA figures are worked out by hand in the comments.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DeliveryEventSink,
  deliverySourcesExtensionPoint,
} from '@internal/backstage-plugin-delivery-node';
import { extendingModule } from '@internal/backstage-plugin-delivery-node/testUtils';
import request from 'supertest';
import {
  databases,
  startDeliveryApi,
  userAuth,
} from '../__testUtils__/deliveryApi';
import { component, group, shopSystem } from '../__testUtils__/entities';
import {
  checkoutDeployment as deployment,
  checkoutIncident,
  componentIncident,
} from '../__testUtils__/events';

/** A source module as real ones register: the test keeps its sink to report syncs. */
let fakeSourceSink: DeliveryEventSink | undefined;
const fakeSourceModule = extendingModule(
  'fake-source',
  deliverySourcesExtensionPoint,
  sources =>
    sources.addSource({
      id: 'fake',
      connect: async sink => {
        fakeSourceSink = sink;
      },
    }),
);

const entities: Entity[] = [
  group('team-a', ['team-b']),
  group('team-b'),
  group('team-c'),
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
  component('search', 'team-c'),
];

/*
 * Window 2026-01-05T00:00Z .. 2026-01-12T00:00Z (7 days), component checkout:
 *   d1 finished 2026-01-05T10:00Z (written with +02:00), commits c1 (-2 h), c2 (-24 h)
 *   d2 finished 2026-01-06T12:00Z, commits c3 (-6 h) and c1 again (not its first deploy)
 *   d3 finished 2026-01-08T00:00Z, commit c4 (-4 h); incident i1 names d3,
 *      opened 01:00, resolved 03:00
 *   d4 finished 2026-01-08T02:00Z, rollbackOf d3
 *   d5 finished 2026-01-09T00:00Z, remediates i1
 *   ignored: a staging deployment, a failed production run, one finished after the window
 * Deployments 5 -> perDay 5/7 (high). Lead times 2, 24, 6, 4 h -> sorted 2, 4, 6, 24:
 *   median (4+6)/2 = 5 (elite); p90 at 0.9*3 = 2.7 -> 6 + 0.7*(24-6) = 18.6.
 * Failed: d3 -> 1/5 = 0.2 (low). Recovery of d3: earliest of rollback (02:00), incident
 *   resolved (03:00), remediation (01-09) = 2 h (high). Time to restore: i1, 2 h.
 * Rework: d5 -> 1/5 = 0.2.
 */
const WINDOW = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';

/** One failed deployment of a component's two, and how long it took to recover. */
const oneOfTwoFailed = { deployments: 2, failed: 1, ratio: 0.5, band: 'low' };
const recoveredIn = (medianHours: number, band: string) => ({
  failures: 1,
  unrecovered: 0,
  medianHours,
  band,
});

const windowEvents = [
  deployment({
    id: 'd1',
    startedAt: '2026-01-05T11:50:00+02:00',
    finishedAt: '2026-01-05T12:00:00+02:00',
    version: 'v1',
    triggeredBy: 'alice (push)',
    commits: [
      { sha: 'c1', committedAt: '2026-01-05T08:00:00Z', message: 'Add cart' },
      { sha: 'c2', committedAt: '2026-01-04T10:00:00Z' },
    ],
  }),
  deployment({
    id: 'd2',
    startedAt: '2026-01-06T11:50:00Z',
    finishedAt: '2026-01-06T12:00:00Z',
    commits: [
      { sha: 'c3', committedAt: '2026-01-06T06:00:00Z' },
      { sha: 'c1', committedAt: '2026-01-05T08:00:00Z' },
    ],
  }),
  deployment({
    id: 'd3',
    startedAt: '2026-01-07T23:50:00Z',
    finishedAt: '2026-01-08T00:00:00Z',
    commits: [{ sha: 'c4', committedAt: '2026-01-07T20:00:00Z' }],
  }),
  checkoutIncident,
  deployment({
    id: 'd4',
    startedAt: '2026-01-08T01:50:00Z',
    finishedAt: '2026-01-08T02:00:00Z',
    rollbackOf: 'd3',
  }),
  deployment({
    id: 'd5',
    startedAt: '2026-01-08T23:50:00Z',
    finishedAt: '2026-01-09T00:00:00Z',
    remediates: 'i1',
  }),
  deployment({
    id: 'staging-1',
    environment: 'staging',
    startedAt: '2026-01-06T00:00:00Z',
    finishedAt: '2026-01-06T00:10:00Z',
  }),
  deployment({
    id: 'failed-run',
    status: 'failure',
    startedAt: '2026-01-07T00:00:00Z',
    finishedAt: '2026-01-07T00:10:00Z',
  }),
  deployment({
    id: 'after-window',
    startedAt: '2026-01-12T00:00:00Z',
    finishedAt: '2026-01-12T00:10:00Z',
  }),
];

describe.each(databases.eachSupportedId())('delivery API on %p', databaseId => {
  const api = startDeliveryApi(databaseId, {
    entities,
    features: [fakeSourceModule],
  });
  const post = (body: unknown) => api.post('events', body);
  const { get } = api;
  /** GET /dora of an entity; by default over the week of windowEvents. */
  const dora = (entityRef: string, window = WINDOW) =>
    get(`dora?entityRef=${entityRef}&${window}`);

  it('refuses unauthenticated callers with 401', async () => {
    // The mock auth service treats a request without a token as the default user;
    // the "none" token is how it represents an unauthenticated caller.
    const none = { Authorization: mockCredentials.none.header() };
    const response = await request(api.server)
      .post('/api/delivery/events')
      .set(none)
      .send({ events: [] });
    expect(response.status).toBe(401);
    const read = await request(api.server)
      .get(`/api/delivery/dora?entityRef=component:default/checkout&${WINDOW}`)
      .set(none);
    expect(read.status).toBe(401);
  });

  it('accepts service credentials, as CI jobs and source modules use', async () => {
    const response = await request(api.server)
      .post('/api/delivery/events')
      .set({ Authorization: mockCredentials.service.header() })
      .send({ events: [] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 0, updated: 0, rejected: [] });
  });

  it('rejects bodies that are not {"events":[...]} with 400 naming the problem', async () => {
    const malformed = await request(api.server)
      .post('/api/delivery/events')
      .set({ ...userAuth, 'Content-Type': 'application/json' })
      .send('{"events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/malformed JSON/);

    const notArray = await post({ events: 'nope' });
    expect(notArray.status).toBe(400);
    expect(notArray.body.error.message).toMatch(/^events: /);

    const tooMany = await post({ events: new Array(1001).fill({}) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 1000/);
  });

  it('stores valid events of a batch, rejects the invalid ones, and upserts on re-send', async () => {
    const invalid = deployment({
      id: 'bad',
      startedAt: '2026-01-06T00:00:00Z',
    }); // status success without finishedAt
    const first = await post({
      events: [windowEvents[0], invalid, windowEvents[1]],
    });
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(2);
    expect(first.body.updated).toBe(0);
    expect(first.body.rejected).toHaveLength(1);
    expect(first.body.rejected[0].index).toBe(1);
    expect(first.body.rejected[0].error).toMatch(/finishedAt/);

    // Re-send d1 with a new version: it is updated in place, not duplicated.
    const resent = await post({
      events: [{ ...windowEvents[0], version: 'v1.1' }, windowEvents[1]],
    });
    expect(resent.body).toEqual({ accepted: 0, updated: 2, rejected: [] });

    const list = await get('deployments?entityRef=component:default/checkout');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([
      'd2',
      'd1',
    ]);
    const d1 = list.body.items[1];
    expect(d1.version).toBe('v1.1');
    expect(d1.finishedAt).toBe('2026-01-05T10:00:00.000Z');
    expect(d1.commits.map((c: { sha: string }) => c.sha).sort()).toEqual([
      'c1',
      'c2',
    ]);
    // d1 (finished 10:00Z) first deployed c1 (08:00Z, 2 h) and c2 (a day
    // earlier, 24 h): median (2 + 24) / 2 = 13 h. d2 (Jan 6 12:00Z) re-ships c1,
    // which does not count, and first deploys c3 (06:00Z): 6 h.
    expect([d1.leadTimeHours, d1.leadTimeChanges]).toEqual([13, 2]);
    expect(d1.triggeredBy).toBe('alice (push)');
    const d2 = list.body.items[0];
    expect([d2.leadTimeHours, d2.leadTimeChanges]).toEqual([6, 1]);
  });

  it('computes DORA figures for a component from the stored events', async () => {
    const stored = await post({ events: windowEvents });
    expect(stored.body.rejected).toEqual([]);

    const response = await dora('component:default/checkout');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entityRef: 'component:default/checkout',
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-12T00:00:00.000Z',
      components: ['component:default/checkout'],
      deploymentFrequency: { deployments: 5, perDay: 5 / 7, band: 'high' },
      leadTimeForChanges: {
        changes: 4,
        medianHours: 5,
        p90Hours: expect.closeTo(18.6, 9),
        band: 'elite',
      },
      changeFailureRate: {
        deployments: 5,
        failed: 1,
        ratio: 0.2,
        band: 'low',
      },
      failedDeploymentRecoveryTime: recoveredIn(2, 'high'),
      timeToRestoreService: { incidents: 1, medianHours: 2 },
      deploymentReworkRate: { deployments: 5, rework: 1, ratio: 0.2 },
    });
  });

  it('rolls a group up over its child teams and a system over its components', async () => {
    await post({
      events: [
        deployment({
          id: 'cart-1',
          entityRef: 'component:default/cart',
          startedAt: '2026-01-10T00:00:00Z',
          finishedAt: '2026-01-10T00:05:00Z',
        }),
        deployment({
          id: 'search-1',
          entityRef: 'component:default/search',
          startedAt: '2026-01-10T00:00:00Z',
          finishedAt: '2026-01-10T00:05:00Z',
        }),
      ],
    });
    // team-a owns checkout (5 deployments); its child team-b owns cart (1); search is
    // team-c's and must not count. Pooled: 6 deployments, 1 failed.
    const team = await dora('group:default/team-a');
    expect(team.status).toBe(200);
    expect(team.body.components).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);
    expect(team.body.deploymentFrequency.deployments).toBe(6);
    expect(team.body.changeFailureRate).toEqual({
      deployments: 6,
      failed: 1,
      ratio: 1 / 6,
      band: 'low',
    });

    const system = await dora('system:default/shop');
    expect(system.body.components).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);

    const child = await dora('group:default/team-b');
    expect(child.body.deploymentFrequency.deployments).toBe(1);
  });

  it('counts a failure named by an incident opened after the window', async () => {
    // cart-2 finishes 2026-01-11T00:00Z in the window; incident i-cart opens after the
    // window and names it; a remediation ships 2026-01-13T02:00Z (50 h), before the
    // incident is resolved at 05:00 (53 h). cart: deployments cart-1 and cart-2.
    await post({
      events: [
        deployment({
          id: 'cart-2',
          entityRef: 'component:default/cart',
          startedAt: '2026-01-10T23:50:00Z',
          finishedAt: '2026-01-11T00:00:00Z',
        }),
        componentIncident(
          'i-cart',
          'cart',
          'Cart totals wrong',
          '2026-01-12T09:00:00Z',
          { resolvedAt: '2026-01-13T05:00:00Z', deploymentId: 'cart-2' },
        ),
        deployment({
          id: 'cart-fix',
          entityRef: 'component:default/cart',
          startedAt: '2026-01-13T01:50:00Z',
          finishedAt: '2026-01-13T02:00:00Z',
          remediates: 'i-cart',
        }),
      ],
    });
    const response = await dora('component:default/cart');
    expect(response.body.changeFailureRate).toEqual(oneOfTwoFailed);
    expect(response.body.failedDeploymentRecoveryTime).toEqual(
      recoveredIn(50, 'medium'),
    );
    // Opened after the window: not part of the window's time to restore.
    expect(response.body.timeToRestoreService).toEqual({
      incidents: 0,
      medianHours: null,
    });
  });

  it('fails a GitHub deployment that a PagerDuty incident names', async () => {
    // search, 2026-03-02..09: s-1 finished 03-03 10:00, s-2 03-04 10:00. PagerDuty runs
    // no deployments, so its incident's 's-1' is github's s-1 on the same component:
    // failed 1/2 (low); recovered when resolved at 12:00, 2 h (high); restore 1.5 h.
    await post({
      events: [
        deployment({
          id: 's-1',
          entityRef: 'component:default/search',
          startedAt: '2026-03-03T09:50:00Z',
          finishedAt: '2026-03-03T10:00:00Z',
        }),
        deployment({
          id: 's-2',
          entityRef: 'component:default/search',
          startedAt: '2026-03-04T09:50:00Z',
          finishedAt: '2026-03-04T10:00:00Z',
        }),
        componentIncident(
          'Q1PD',
          'search',
          'Search latency',
          '2026-03-03T10:30:00Z',
          {
            source: 'pagerduty',
            resolvedAt: '2026-03-03T12:00:00Z',
            deploymentId: 's-1',
          },
        ),
      ],
    });
    const response = await dora(
      'component:default/search',
      'from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z',
    );
    expect(response.body.changeFailureRate).toEqual(oneOfTwoFailed);
    expect(response.body.failedDeploymentRecoveryTime).toEqual(
      recoveredIn(2, 'high'),
    );
    expect(response.body.timeToRestoreService).toEqual({
      incidents: 1,
      medianHours: 1.5,
    });
  });

  it('filters deployments by source, outcome and version or sha before paging', async () => {
    // search, April 2026: a1 plain success (sha AbC123), a2 failed, a3 rolled back by
    // a4, a5 remediates, j1 a Jenkins success. Newest first by start.
    const at = (day: string) => ({
      startedAt: `2026-04-${day}T10:00:00Z`,
      finishedAt: `2026-04-${day}T10:05:00Z`,
    });
    const search = { entityRef: 'component:default/search' };
    await post({
      events: [
        deployment({
          ...search,
          ...at('01'),
          id: 'a1',
          version: 'v2.0.0',
          commits: [{ sha: 'AbC123', committedAt: '2026-03-31T10:00:00Z' }],
        }),
        deployment({
          ...search,
          ...at('02'),
          id: 'a2',
          status: 'failure',
          version: 'v2.1.0',
        }),
        deployment({ ...search, ...at('03'), id: 'a3', version: 'v2.1.1' }),
        deployment({
          ...search,
          ...at('04'),
          id: 'a4',
          version: 'v2.0.0-rb',
          rollbackOf: 'a3',
        }),
        deployment({
          ...search,
          ...at('05'),
          id: 'a5',
          version: 'v2.2.0',
          remediates: 'inc-x',
        }),
        deployment({
          ...search,
          ...at('06'),
          id: 'j1',
          source: 'jenkins',
          version: 'build-7',
        }),
      ],
    });
    const ids = async (filter: string) => {
      const response = await get(
        `deployments?entityRef=component:default/search&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z&${filter}`,
      );
      expect(response.status).toBe(200);
      return response.body.items.map((d: { id: string }) => d.id);
    };
    expect(await ids('outcome=success')).toEqual(['j1', 'a1']);
    expect(await ids('outcome=failure')).toEqual(['a2']);
    expect(await ids('outcome=rolled_back')).toEqual(['a3']);
    expect(await ids('outcome=rollback')).toEqual(['a4']);
    expect(await ids('outcome=remediation')).toEqual(['a5']);
    expect(await ids('source=jenkins')).toEqual(['j1']);
    expect(await ids('search=V2.0')).toEqual(['a4', 'a1']);
    expect(await ids('search=abc1')).toEqual(['a1']);
    expect(await ids('search=v2%25')).toEqual([]);
    expect(await ids('source=github&outcome=success&limit=1')).toEqual(['a1']);

    const bad = await get(
      'deployments?entityRef=component:default/search&outcome=broken',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/outcome/);
  });

  it('reports per-source freshness: a failed pull marks the source stale since its last success', async () => {
    const reportPull = (outcome: {
      at?: Date;
      error?: string;
      disabled?: string;
    }) =>
      fakeSourceSink!.reportSync({
        source: 'fake',
        instance: 'eu',
        via: 'pull',
        ...outcome,
      });
    const none = await get('sources');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [] });

    const lastSuccess = new Date(Date.now() - 60_000);
    await reportPull({ at: lastSuccess });
    await reportPull({
      error: 'GET /api/deployments: 503 Service Unavailable',
    });
    const response = await get('sources');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        id: 'fake/eu',
        source: 'fake',
        instance: 'eu',
        lastSuccessAt: lastSuccess.toISOString(),
        lastError: 'GET /api/deployments: 503 Service Unavailable',
        stale: true,
        staleSince: lastSuccess.toISOString(),
        failing: ['pull'],
      }),
    ]);
    // About a minute since the last success.
    expect(response.body.items[0].lagSeconds).toBeGreaterThanOrEqual(60);
    expect(response.body.items[0].lagSeconds).toBeLessThan(120);

    // Declared off until configured: listed as disabled with the reason, not stale.
    await reportPull({ disabled: 'not configured: no token for eu' });
    const off = await get('sources');
    expect(off.body.items).toEqual([
      expect.objectContaining({
        id: 'fake/eu',
        stale: false,
        failing: [],
        disabled: true,
        disabledReason: 'not configured: no token for eu',
      }),
    ]);
    // Configured again, its next sync is what counts.
    await reportPull({});
    const on = await get('sources');
    expect(on.body.items[0]).toMatchObject({ id: 'fake/eu', stale: false });
    expect(on.body.items[0].disabled).toBeUndefined();

    const anonymous = await request(api.server)
      .get('/api/delivery/sources')
      .set({ Authorization: mockCredentials.none.header() });
    expect(anonymous.status).toBe(401);
  });

  it('finds one incident by its source id, open or resolved, in the scope asked', async () => {
    const incident = (query: string) => get(`incident?${query}`);
    const i1 = await incident('entityRef=component:default/checkout&id=i1');
    expect(i1.status).toBe(200);
    expect(i1.body.items).toEqual([
      expect.objectContaining({
        kind: 'incident',
        id: 'i1',
        entityRef: 'component:default/checkout',
        openedAt: '2026-01-08T01:00:00.000Z',
        resolvedAt: '2026-01-08T03:00:00.000Z',
      }),
    ]);
    // a system covers its components; another component's incident is not in scope
    const viaSystem = await incident('entityRef=system:default/shop&id=i1');
    expect(viaSystem.body.items.map((i: { id: string }) => i.id)).toEqual([
      'i1',
    ]);
    const elsewhere = await incident('entityRef=component:default/cart&id=i1');
    expect(elsewhere.body.items).toEqual([]);
    const unknown = await incident(
      'entityRef=component:default/checkout&id=nope',
    );
    expect(unknown.body.items).toEqual([]);
    const noId = await incident('entityRef=component:default/checkout');
    expect(noId.status).toBe(400);
    expect(noId.body.error.message).toMatch(/^id: id is required/);
  });

  it('answers clear 4xx errors for bad queries', async () => {
    const missing = await get('dora?entityRef=component:default/checkout');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/from/);

    const unknown = await dora('component:default/nope');
    expect(unknown.status).toBe(404);

    const badCursor = await get(
      'deployments?entityRef=component:default/checkout&cursor=zzz',
    );
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.message).toMatch(/cursor/);
  });

  it('pages through deployments newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await get(
        `deployments?entityRef=component:default/checkout&limit=3${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      );
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((d: { id: string }) => d.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    // 8 checkout deployments stored above, by start time descending.
    expect(seen).toEqual([
      'after-window',
      'd5',
      'd4',
      'd3',
      'failed-run',
      'd2',
      'staging-1',
      'd1',
    ]);
  });

  it('counts a rollout reported by GitHub Actions and Argo CD once and lists it once', async () => {
    // One rollout of sha e1 (committed 09:00): the workflow run finishes 10:00, Argo CD's
    // sync 3 minutes later. Primary: the earlier report, github run-77.
    const shipped = [{ sha: 'e1', committedAt: '2026-06-01T09:00:00Z' }];
    const stored = await post({
      events: [
        deployment({
          source: 'argocd',
          id: 'sync-9',
          entityRef: 'component:default/search',
          startedAt: '2026-06-01T10:01:00Z',
          finishedAt: '2026-06-01T10:03:00Z',
          url: 'https://argocd.example.com/applications/search',
          commits: shipped,
        }),
        deployment({
          id: 'run-77',
          entityRef: 'component:default/search',
          startedAt: '2026-06-01T09:55:00Z',
          finishedAt: '2026-06-01T10:00:00Z',
          commits: shipped,
        }),
      ],
    });
    expect(stored.body).toMatchObject({ accepted: 2, rejected: [] });

    const window = 'from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z';
    const figures = await get(
      `dora?entityRef=component:default/search&${window}`,
    );
    expect(figures.body.deploymentFrequency.deployments).toBe(1);
    expect(figures.body.leadTimeForChanges).toMatchObject({
      changes: 1,
      medianHours: 1,
    });

    const list = await get(
      `deployments?entityRef=component:default/search&${window}`,
    );
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      source: 'github',
      id: 'run-77',
      alsoReportedBy: [
        {
          source: 'argocd',
          id: 'sync-9',
          url: 'https://argocd.example.com/applications/search',
        },
      ],
    });
  });
});
