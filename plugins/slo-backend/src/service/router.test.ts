/*
 * The SLO HTTP API end to end (real router, real store and migrations, real cache and
 * permission services from the test backend) on SQLite and PostgreSQL, against an
 * in-process metric source that answers hand-built count series. The real Prometheus
 * is covered by slo-backend-module-prometheus's integration tests.
 *
 * The test source answers every step with the same counts, so the figures do not
 * depend on the wall clock:
 *   checkout (availability, 99.9%, 30d): every 1h step 1000 requests, 1 bad
 *     -> ratio 0.001 = B -> remaining 1 - 1 = 0: exhausted, frozen
 *   cart (availability, 99%, 28d): every step 1000 requests, 2 bad
 *     -> ratio 0.002; B 0.01 -> burn 0.2, remaining 0.8: ok
 *   broken, fresh: 0 bad in 1000 -> remaining 1: ok
 *   search: no SLO annotations
 *   legacy (Sloth SLO discovered from sloth_slo_info, 99.5%, 30d): every step 1000
 *     readings, 2 bad -> ratio 0.002; B 0.005 -> burn 0.4, remaining 0.6: ok
 *   legacy-down: listing its Sloth SLOs fails
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  importSlothInfo,
  ObjectivesResponse,
  PolicyResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import {
  componentEntity,
  groupEntity,
  ratioSloYaml,
  rollingWindowYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';
import {
  createSloMetricSourceModule,
  SloCountRequest,
  SloCountSeries,
} from '@internal/backstage-plugin-slo-node';
import request from 'supertest';
import { sloPlugin } from '../plugin';

const HOUR = 3_600_000;

/** Counts per step by objective id; `failing` makes every request throw. */
const testSource = {
  failing: false,
  calls: 0,
  stepCounts: {
    'checkout-availability': { bad: 1, total: 1000 },
    'cart-availability': { bad: 2, total: 1000 },
    'broken-availability': { bad: 0, total: 1000 },
    'fresh-availability': { bad: 0, total: 1000 },
    'legacy-availability': { bad: 2, total: 1000 },
  } as Record<string, { bad: number; total: number }>,
  /** Definition errors the source reports per objective id (e.g. a missing bucket). */
  definitionErrors: {} as Record<string, string[]>,
  /** Steps of this objective ending after `after` count `bad` bad events instead. */
  spike: undefined as
    | { objectiveId: string; after: number; bad: number }
    | undefined,
  async countSeries(req: SloCountRequest): Promise<SloCountSeries> {
    this.calls += 1;
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    const counts = this.stepCounts[req.objective.id] ?? { bad: 0, total: 0 };
    const points = [];
    const expected = Math.ceil((req.to - req.from) / req.stepMs);
    for (let k = 1; k <= expected; k++) {
      const t = Math.min(req.from + k * req.stepMs, req.to);
      const bad =
        this.spike?.objectiveId === req.objective.id && t > this.spike.after
          ? this.spike.bad
          : counts.bad;
      points.push({ t, good: counts.total - bad, bad, total: counts.total });
    }
    const definitionErrors = this.definitionErrors[req.objective.id];
    return {
      points,
      expectedPoints: expected,
      queries: [`test_query{objective="${req.objective.id}"}`],
      ...(definitionErrors ? { definitionErrors } : {}),
    };
  },
};

/** The `/status` line of cart: 2/1000 -> ratio 0.002 / B 0.01 -> remaining 0.8 (ok). */
const CART_STATUS = {
  entityRef: 'component:default/cart',
  state: 'ok',
  objectives: 1,
  worstBudgetRemaining: 0.8,
  // the last hour: 0.002 bad / B 0.01
  fastestBurnRate: expect.closeTo(0.2, 10),
  frozen: false,
  stale: false,
};

/** The `/status` line of checkout: 1/1000 at 99.9% -> remaining 0, frozen. */
const CHECKOUT_STATUS = {
  entityRef: 'component:default/checkout',
  state: 'exhausted',
  objectives: 1,
  worstBudgetRemaining: 0,
  // the last hour: 0.001 bad / B 0.001
  fastestBurnRate: 1,
  frozen: true,
  stale: false,
};

const testSourceModule = createSloMetricSourceModule({
  moduleId: 'test-source',
  source: {
    id: 'test:default',
    type: 'test',
    countSeries: req => testSource.countSeries(req),
    // sloth_slo_info as Prometheus would answer it for the sloth_service.
    discoverObjectives: async ({ slothService }) => {
      if (slothService === 'down') {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      }
      return importSlothInfo([
        {
          labels: {
            sloth_id: `${slothService}-availability`,
            sloth_service: slothService,
            sloth_slo: 'availability',
            sloth_objective: '99.5',
            sloth_spec: 'prometheus/v1',
            sloth_version: 'v0.11.0',
          },
        },
      ]);
    },
    rules: objectives => [
      {
        name: 'slo-test',
        rules: objectives.map(o => ({
          record: `slo:${o.id}:ratio`,
          expr: 'vector(1)',
        })),
      },
    ],
  },
});

const openslo = (name: string, target: string, window: string) =>
  ratioSloYaml({
    name,
    service: name.split('-')[0],
    indicatorName: `${name}-errors`,
    countQuery: `http_requests_total{job="${name}",code=~"5.."}`,
    totalQuery: `http_requests_total{job="${name}"}`,
    window: rollingWindowYaml(window),
    target,
  });

const component = (
  name: string,
  owner: string,
  system: string | undefined,
  annotations: Record<string, string>,
) => componentEntity(name, { owner, system, annotations });

const entities: Entity[] = [
  groupEntity('team-a', ['team-b']),
  groupEntity('team-b'),
  groupEntity('team-c'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'team-a' },
  },
  component('checkout', 'team-a', 'shop', {
    'slo.acme-portal.io/openslo': openslo(
      'checkout-availability',
      '99.9',
      '30d',
    ),
  }),
  component('cart', 'team-b', 'shop', {
    'slo.acme-portal.io/openslo': openslo('cart-availability', '99', '28d'),
  }),
  component('search', 'team-c', undefined, {}),
  component('broken', 'team-c', undefined, {
    'slo.acme-portal.io/openslo': `${openslo(
      'broken-availability',
      '99',
      '28d',
    )}---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: broken-latency
spec:
  service: broken
  indicatorRef: missing
  timeWindow:
    - duration: 5x
      isRolling: true
  objectives:
    - target: 2
`,
    'slo.acme-portal.io/pyrra-file': '../../etc/passwd.yaml',
    'backstage.io/managed-by-location': 'file:/tmp/catalog/entities.yaml',
  }),
  // evaluated only while the source fails: it has no last good report
  component('fresh', 'team-d', undefined, {
    'slo.acme-portal.io/openslo': openslo('fresh-availability', '99', '28d'),
  }),
  component('legacy', 'team-e', undefined, {
    'slo.acme-portal.io/sloth-service': 'legacy',
  }),
  component('legacy-down', 'team-e', undefined, {
    'slo.acme-portal.io/sloth-service': 'down',
  }),
  component('elsewhere', 'team-c', undefined, {
    'slo.acme-portal.io/openslo': openslo(
      'elsewhere-availability',
      '99',
      '28d',
    ),
    'slo.acme-portal.io/source': 'prometheus:missing',
  }),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('SLO API on %p', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  const auth = { Authorization: mockCredentials.user.header() };

  const start = async () => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        testSourceModule,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { slo: { cache: { ttl: { minutes: 5 } } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    testSource.failing = false;
    await start();
  }, 60_000);

  afterAll(async () => {
    await stop();
  });

  const get = (path: string) =>
    request(server).get(`/api/slo${path}`).set(auth);
  /** The `GET /objectives` answer for `entityRef`. */
  const objectivesOf = async (entityRef: string) =>
    (await get(`/objectives?entityRef=${entityRef}`))
      .body as ObjectivesResponse;

  it('refuses unauthenticated callers with 401 on every route', async () => {
    const none = { Authorization: mockCredentials.none.header() };
    for (const path of [
      '/objectives?entityRef=component:default/checkout',
      '/status?entityRef=group:default/team-a',
      '/policy?entityRef=component:default/checkout',
      '/rules?entityRef=component:default/checkout',
      '/openslo?entityRef=component:default/checkout',
      '/deployment-impact?entityRef=component:default/checkout&deployments=d1@2026-01-01T00:00:00Z',
    ]) {
      const response = await request(server).get(`/api/slo${path}`).set(none);
      expect([path, response.status]).toEqual([path, 401]);
    }
    const burn = await request(server)
      .post('/api/slo/interval-burn')
      .set(none)
      .send({});
    expect(burn.status).toBe(401);
  });

  it.each([
    ['/objectives', /^entityRef: /],
    ['/objectives?entityRef=component:', /^entityRef: /],
    ['/objectives?entityRef=component:default/checkout&at=yesterday', /^at: /],
    [
      '/objectives?entityRef=component:default/checkout&at=2999-01-01T00:00:00Z',
      /^at: at must not be in the future$/,
    ],
    ['/rules?entityRef=component:default/checkout&format=xml', /^format: /],
    [
      '/deployment-impact?entityRef=component:default/checkout&deployments=d1-no-time',
      /^deployments: "d1-no-time"/,
    ],
    [
      '/deployment-impact?entityRef=component:default/checkout&deployments=d1@2026-01-01T00:00:00Z&hours=100',
      /^hours: /,
    ],
    ['/policy', /^entityRef: /],
  ])('answers 400 naming the field: %s', async (path, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers 404 for an entity it does not know or cannot evaluate', async () => {
    const unknown = await get('/objectives?entityRef=component:default/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/entityRef: no entity/);

    const wrongKind = await get('/status?entityRef=user:default/someone');
    expect(wrongKind.status).toBe(404);
  });

  it('evaluates a component: exhausted budget from summed counts', async () => {
    const response = await get(
      '/objectives?entityRef=component:default/checkout',
    );
    expect(response.status).toBe(200);
    const body = response.body as ObjectivesResponse;
    expect(body.entityRef).toBe('component:default/checkout');
    expect(body.definitionSources).toEqual(['slo.acme-portal.io/openslo']);
    expect(body.metricSourceConfigured).toBe(true);
    expect(body.definitionErrors).toEqual([]);
    expect(body.objectives).toHaveLength(1);
    const [report] = body.objectives;
    // 720 hourly steps of 1 bad in 1000: total 720,000, bad 720, ratio 0.001 = B
    expect(report.counts).toEqual({ good: 719_280, bad: 720, total: 720_000 });
    expect(report.sli).toBe(0.999);
    expect(report.budget).toMatchObject({
      total: 0.001,
      remaining: 0,
      consumed: 1,
      // 0.001 * 720,000 - 720 = 0
      badEventsLeft: 0,
      windowBurnRate: 1,
      // the last hour (12 five-minute steps) burns at 1 too
      currentBurnRate: 1,
      timeToExhaustionMs: 0,
    });
    expect(report.state).toBe('exhausted');
    expect(report.frozen).toBe(true);
    expect(report.source).toEqual({ id: 'test:default', type: 'test' });
    expect(report.freshness.stale).toBe(false);
    expect(report.explanations.errorRatio.queries).toEqual([
      'test_query{objective="checkout-availability"}',
    ]);
    expect(report.burndown).toHaveLength(720);
    // the burn never stops: ticket-slow (threshold 1) fires, page tiers (14.4, 6) do not
    expect(report.burnRates.map(r => [r.tier, r.state])).toEqual([
      ['page-fast', 'ok'],
      ['page-slow', 'ok'],
      ['ticket-fast', 'ok'],
      ['ticket-slow', 'firing'],
    ]);
  });

  it('reports definition errors per field and still evaluates the valid objectives', async () => {
    const body = await objectivesOf('component:default/broken');
    expect(body.objectives.map(o => o.id)).toEqual(['broken-availability']);
    const messages = body.definitionErrors.map(e => `${e.source} | ${e.path}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'slo.acme-portal.io/openslo | spec.timeWindow[0].duration',
        'slo.acme-portal.io/pyrra-file | metadata.annotations["slo.acme-portal.io/pyrra-file"]',
      ]),
    );
    expect(
      body.definitionErrors.find(
        e => e.source === 'slo.acme-portal.io/pyrra-file',
      )?.message,
    ).toMatch(/leaves the directory/);
  });

  it('evaluates the SLOs Sloth lists for slo.acme-portal.io/sloth-service', async () => {
    const body = await objectivesOf('component:default/legacy');
    expect(body.definitionErrors).toEqual([]);
    expect(body.definitionSources).toEqual([
      'slo.acme-portal.io/sloth-service: legacy (sloth_slo_info in test:default)',
    ]);
    expect(body.objectives.map(o => o.id)).toEqual(['legacy-availability']);
    const [report] = body.objectives;
    expect(report.definition.indicator.kind).toBe('recordedRatio');
    expect(report.definition.target).toBe(0.995);
    // 720 hourly steps of 2 bad in 1000: bad 1440 of 720,000, ratio 0.002;
    // B = 0.005 -> burn 0.4, remaining 1 - 0.4 = 0.6
    expect(report.counts).toEqual({ good: 718_560, bad: 1440, total: 720_000 });
    expect(report.budget.remaining).toBeCloseTo(0.6, 12);
    expect(report.state).toBe('ok');

    const down = await objectivesOf('component:default/legacy-down');
    expect(down.objectives).toEqual([]);
    expect(down.definitionErrors).toEqual([
      {
        document: 0,
        path: 'metadata.annotations["slo.acme-portal.io/sloth-service"]',
        message:
          'reading sloth_slo_info from test:default failed: connect ECONNREFUSED 127.0.0.1:1',
        source: 'slo.acme-portal.io/sloth-service',
      },
    ]);
  });

  it('answers empty lists for a component without SLO annotations', async () => {
    const body = await objectivesOf('component:default/search');
    expect(body).toEqual({
      entityRef: 'component:default/search',
      definitionSources: [],
      objectives: [],
      definitionErrors: [],
      metricSourceConfigured: true,
    });
  });

  it('says so when the named source does not exist, without failing', async () => {
    const body = await objectivesOf('component:default/elsewhere');
    expect(body.objectives[0].state).toBe('unknown');
    expect(body.objectives[0].dataQuality.status).toBe('error');
    expect(body.objectives[0].sli).toBeNull();
    expect(body.definitionErrors[0].message).toMatch(
      /no source configured with id "prometheus:missing"/,
    );
  });

  it('rolls up a system and a group with its descendant groups', async () => {
    const system = (await get('/status?entityRef=system:default/shop'))
      .body as StatusResponse;
    // cart: 2/1000 -> ratio 0.002 / B 0.01 -> remaining 0.8 (ok); checkout exhausted
    expect(system.components).toEqual([CART_STATUS, CHECKOUT_STATUS]);
    expect(system.state).toBe('exhausted');
    expect(system.frozen).toBe(true);
    expect(system.stale).toBe(false);

    // team-b owns cart; team-a owns checkout and is team-b's parent
    const teamB = (await get('/status?entityRef=group:default/team-b'))
      .body as StatusResponse;
    expect(teamB.components.map(c => c.entityRef)).toEqual([
      'component:default/cart',
    ]);
    expect(teamB.state).toBe('ok');
    const teamA = (await get('/status?entityRef=group:default/team-a'))
      .body as StatusResponse;
    expect(teamA.components.map(c => c.entityRef)).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);
    // team-c: search has no SLOs (0 objectives), elsewhere has no source: unknown
    const teamC = (await get('/status?entityRef=group:default/team-c'))
      .body as StatusResponse;
    expect(
      teamC.components.map(c => [c.entityRef, c.objectives, c.state]),
    ).toEqual([
      ['component:default/broken', 1, 'ok'],
      ['component:default/elsewhere', 1, 'unknown'],
      ['component:default/search', 0, 'unknown'],
    ]);
    // no figures, no burn rate: never 0
    expect(
      teamC.components
        .filter(c => c.state === 'unknown')
        .map(c => c.fastestBurnRate),
    ).toEqual([null, null]);
    expect(teamC.state).toBe('unknown');
  });

  it('answers the catalog rows on screen in one request, null for what is no component', async () => {
    const response = await request(server)
      .post('/api/slo/catalog-health')
      .set(auth)
      .send({
        entityRefs: [
          'component:default/checkout',
          'Component:default/Cart',
          'search',
          'component:default/gone',
          'system:default/shop',
        ],
      });
    expect(response.status).toBe(200);
    // The same lines as /status: checkout 1/1000 at 99.9% -> remaining 0, frozen;
    // cart 2/1000 at 99% -> 1 - 0.2 = 0.8; search has no SLOs (0 objectives, unknown).
    expect(response.body).toEqual({
      items: {
        'component:default/checkout': CHECKOUT_STATUS,
        'component:default/cart': CART_STATUS,
        'component:default/search': {
          entityRef: 'component:default/search',
          state: 'unknown',
          objectives: 0,
          worstBudgetRemaining: null,
          fastestBurnRate: null,
          frozen: false,
          stale: false,
        },
        'component:default/gone': null,
        'system:default/shop': null,
      },
    });

    const post = (body: unknown) =>
      request(server)
        .post('/api/slo/catalog-health')
        .set(auth)
        .send(body as object);
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^entityRefs: /);
    const tooMany = await post({
      entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 100/);
    const anonymous = await request(server)
      .post('/api/slo/catalog-health')
      .set({ Authorization: mockCredentials.none.header() })
      .send({ entityRefs: ['component:default/checkout'] });
    expect(anonymous.status).toBe(401);
  });

  it("answers a batch of components' objectives as facts in one request", async () => {
    const response = await request(server)
      .post('/api/slo/component-facts')
      .set(auth)
      .send({
        entityRefs: [
          'component:default/checkout',
          'component:default/elsewhere',
          'search',
          'system:default/shop',
        ],
      });
    expect(response.status).toBe(200);
    const { items } = response.body;
    // checkout: measured by the test source, which generates rules: alerting.
    expect(items['component:default/checkout'].objectives).toEqual([
      {
        id: 'checkout-availability',
        hasMetricSource: true,
        alerting: true,
        periodsMet: expect.any(Array),
      },
    ]);
    // complete periods only (the one in progress is left out), each met or not or null
    for (const met of items['component:default/checkout'].objectives[0]
      .periodsMet) {
      expect([true, false, null]).toContain(met);
    }
    // elsewhere names a source that is not configured: not measured, no alerts.
    expect(items['component:default/elsewhere'].objectives).toEqual([
      expect.objectContaining({ hasMetricSource: false, alerting: false }),
    ]);
    expect(items['component:default/search']).toEqual({ objectives: [] });
    expect(items['system:default/shop']).toBeNull();

    const missing = await request(server)
      .post('/api/slo/component-facts')
      .set(auth)
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^entityRefs: /);
  });

  it('answers the error budget policy, also as ?system= for the golden paths', async () => {
    const policy = (await get('/policy?system=system:default/shop'))
      .body as PolicyResponse;
    expect(policy).toMatchObject({
      entityRef: 'system:default/shop',
      frozen: true,
      exhaustedObjectives: [
        'component:default/checkout: checkout-availability',
      ],
      reason:
        'error budget exhausted: component:default/checkout: checkout-availability',
    });
    const byName = (await get('/policy?system=shop')).body as PolicyResponse;
    expect(byName.entityRef).toBe('system:default/shop');
    expect(byName.frozen).toBe(true);
    // the budget has been at 0 since the first step: exhausted since the window start
    expect(policy.frozenSince).not.toBeNull();
    const cart = (await get('/policy?entityRef=component:default/cart'))
      .body as PolicyResponse;
    expect(cart.frozen).toBe(false);
    expect(cart.reason).toBe(
      'no objective has exhausted its error budget (1 evaluated)',
    );
  });

  it('measures the budget deployments burned and flags deploys made while frozen', async () => {
    const at = new Date(Date.now() - 24 * HOUR);
    at.setUTCMinutes(0, 0, 0);
    // After d1, cart's 5-minute steps count 10 bad in 1000 instead of 2.
    testSource.spike = {
      objectiveId: 'cart-availability',
      after: at.getTime(),
      bad: 10,
    };
    const response = await get(
      `/deployment-impact?entityRef=component:default/cart&deployments=d1@${at.toISOString()}&hours=4`,
    );
    testSource.spike = undefined;
    expect(response.status).toBe(200);
    const [impact] = response.body.impacts;
    // before: 48 steps, 96 bad in 48,000 -> 0.002 / B 0.01 = burn 0.2;
    //   0.2 * 4h / 672h (28d) = 0.00119047619048
    // after: 480 bad in 48,000 -> 0.01 -> burn 1; 1 * 4h / 672h = 0.00595238095238
    expect(impact).toMatchObject({
      deploymentId: 'd1',
      hours: 4,
      consumedBefore: 0.00119047619048,
      consumedAfter: 0.00595238095238,
      madeWhileFrozen: false,
    });
    const checkout = await get(
      `/deployment-impact?entityRef=component:default/checkout&deployments=d2@${at.toISOString()}`,
    );
    // checkout's window ending at the deployment: ratio 0.001 = B -> remaining 0: frozen
    expect(checkout.body.impacts[0].madeWhileFrozen).toBe(true);
    expect(checkout.body.impacts[0].objectives[0].remainingAtDeployment).toBe(
      0,
    );
    // default hours from config: 4
    expect(checkout.body.impacts[0].hours).toBe(4);
  });

  it("measures the budget each interval burned (a rollout's phases)", async () => {
    const at = new Date(Date.now() - 24 * HOUR);
    at.setUTCMinutes(0, 0, 0);
    const minutes = (n: number) =>
      new Date(at.getTime() + n * 60_000).toISOString();
    // From `at`, cart's steps count 10 bad in 1000 instead of 2.
    testSource.spike = {
      objectiveId: 'cart-availability',
      after: at.getTime(),
      bad: 10,
    };
    const response = await request(server)
      .post('/api/slo/interval-burn')
      .set(auth)
      .send({
        entityRef: 'Component:default/Cart',
        intervals: [
          { id: 'setWeight 5', from: minutes(-30), to: minutes(0) },
          // 10:00:20 to 10:29:40 is read as the whole minutes 10:00 to 10:30
          {
            id: 'setWeight 25',
            from: new Date(at.getTime() + 20_000).toISOString(),
            to: new Date(at.getTime() + 30 * 60_000 - 20_000).toISOString(),
          },
          { id: 'later', from: minutes(48 * 60), to: minutes(49 * 60) },
        ],
      });
    testSource.spike = undefined;
    expect(response.status).toBe(200);
    // The intervals span 49.5 h: 5-minute steps (the finest reading it in <= 1,440).
    // Before `at`: 6 steps of 2 bad in 1000 -> 0.002 / B 0.01 = burn 0.2;
    //   0.2 * 30 min / 28 d (40,320 min) = 0.00014880952381
    // From `at`: 10 in 1000 -> burn 1; 1 * 30 / 40,320 = 0.000744047619048
    expect(response.body).toEqual({
      entityRef: 'component:default/cart',
      stepMs: 5 * 60_000,
      intervals: [
        {
          id: 'setWeight 5',
          from: minutes(-30),
          to: minutes(0),
          consumed: 0.00014880952381,
          objectiveId: 'cart-availability',
          objectives: [
            { objectiveId: 'cart-availability', consumed: 0.00014880952381 },
          ],
        },
        {
          id: 'setWeight 25',
          from: minutes(0),
          to: minutes(30),
          consumed: 0.000744047619048,
          objectiveId: 'cart-availability',
          objectives: [
            { objectiveId: 'cart-availability', consumed: 0.000744047619048 },
          ],
        },
        // 24 h from now: nothing of it has passed, nothing measured
        expect.objectContaining({
          id: 'later',
          consumed: null,
          objectiveId: null,
        }),
      ],
    });
    const [later] = response.body.intervals.slice(2);
    expect(later.from).toBe(later.to);

    // a component without objectives: each interval without a figure
    const search = await request(server)
      .post('/api/slo/interval-burn')
      .set(auth)
      .send({
        entityRef: 'component:default/search',
        intervals: [{ id: 'p0', from: minutes(-30), to: minutes(0) }],
      });
    expect(search.body.intervals).toEqual([
      {
        id: 'p0',
        from: minutes(-30),
        to: minutes(0),
        consumed: null,
        objectiveId: null,
        objectives: [],
      },
    ]);
  });

  const interval = (id: string, from: string, to: string) => ({ id, from, to });
  const cart = 'component:default/cart';
  it.each([
    ['a list for a body', [], /^body must be a JSON object/],
    ['no entityRef', { intervals: [] }, /^entityRef: /],
    [
      'no interval',
      { entityRef: cart, intervals: [] },
      /^intervals: intervals must hold at least one interval$/,
    ],
    [
      'a bad to',
      {
        entityRef: cart,
        intervals: [interval('p0', '2026-01-01T01:00:00Z', 'soon')],
      },
      /^intervals\.0\.to: to must be an ISO-8601 date-time/,
    ],
    [
      // 02:00+02:00 is 00:00Z, before 01:00Z
      'to before from',
      {
        entityRef: cart,
        intervals: [
          interval('p0', '2026-01-01T01:00:00Z', '2026-01-01T02:00:00+02:00'),
        ],
      },
      /^intervals\.0\.to: to must be after from$/,
    ],
    [
      'an empty id',
      {
        entityRef: cart,
        intervals: [
          interval('', '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z'),
        ],
      },
      /^intervals\.0\.id: id is required$/,
    ],
    [
      '501 intervals',
      {
        entityRef: cart,
        intervals: Array.from({ length: 501 }, (_, i) =>
          interval(`p${i}`, '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z'),
        ),
      },
      /^intervals: intervals may hold at most 500 intervals$/,
    ],
    [
      // b ends 61 days after a starts
      'intervals 61 days apart',
      {
        entityRef: cart,
        intervals: [
          interval('a', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
          interval('b', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'),
        ],
      },
      /^intervals: intervals must lie within 60 days of each other$/,
    ],
  ])(
    'answers POST /interval-burn 400 naming the field: %s',
    async (_label, body, message) => {
      const response = await request(server)
        .post('/api/slo/interval-burn')
        .set(auth)
        .send(body as object);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    },
  );

  it('serves the source rules as JSON and YAML, and the OpenSLO export', async () => {
    const json = await get('/rules?entityRef=component:default/checkout');
    expect(json.body).toEqual({
      entityRef: 'component:default/checkout',
      source: { id: 'test:default', type: 'test' },
      groups: [
        {
          name: 'slo-test',
          rules: [
            { record: 'slo:checkout-availability:ratio', expr: 'vector(1)' },
          ],
        },
      ],
      warnings: [],
    });
    const yaml = await get(
      '/rules?entityRef=component:default/checkout&format=yaml',
    );
    expect(yaml.type).toBe('text/yaml');
    expect(yaml.text).toContain('record: slo:checkout-availability:ratio');
    const exported = await get('/openslo?entityRef=component:default/checkout');
    expect(exported.type).toBe('text/yaml');
    expect(exported.text).toContain('name: checkout-availability');
    expect(exported.text).toContain(
      'http_requests_total{job="checkout-availability"}',
    );
  });

  it('keeps the last good figures, marked stale, when the source fails, across a restart', async () => {
    // restart: the cache is fresh (in-memory), the last good report is in the database
    await stop();
    testSource.failing = true;
    await start();
    const response = await get(
      '/objectives?entityRef=component:default/checkout',
    );
    const [report] = (response.body as ObjectivesResponse).objectives;
    expect(report.freshness).toMatchObject({
      stale: true,
      lastError: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(report.freshness.lastSuccessAt).not.toBeNull();
    // the figures are the last good ones, not unknown
    expect(report.budget.remaining).toBe(0);
    expect(report.state).toBe('exhausted');
    // the roll-up keeps the last good state and says its figures are stale
    const status = (await get('/status?entityRef=component:default/checkout'))
      .body as StatusResponse;
    expect(status).toMatchObject({ state: 'exhausted', stale: true });
    expect(status.components[0]).toMatchObject({
      entityRef: 'component:default/checkout',
      state: 'exhausted',
      stale: true,
    });

    // deployment impact has no last good answer: 503 naming the source
    const impact = await get(
      '/deployment-impact?entityRef=component:default/checkout&deployments=d9@2026-01-01T00:00:00Z',
    );
    expect(impact.status).toBe(503);
    expect(impact.body.error.message).toBe(
      'metric source test:default failed: connect ECONNREFUSED 127.0.0.1:1',
    );

    // nor has the interval burn
    const burn = await request(server)
      .post('/api/slo/interval-burn')
      .set(auth)
      .send({
        entityRef: 'component:default/checkout',
        intervals: [
          {
            id: 'p0',
            from: '2026-01-01T00:00:00Z',
            to: '2026-01-01T01:00:00Z',
          },
        ],
      });
    expect(burn.status).toBe(503);
    expect(burn.body.error.message).toBe(
      'metric source test:default failed: connect ECONNREFUSED 127.0.0.1:1',
    );

    // an objective never evaluated successfully has nothing to fall back on
    const never = await objectivesOf('component:default/fresh');
    expect(never.objectives[0].dataQuality.status).toBe('error');
    expect(never.objectives[0].state).toBe('unknown');
    expect(never.objectives[0].sli).toBeNull();
    testSource.failing = false;
  });

  it('shows a definition error as the current answer, never the last good figures', async () => {
    const message =
      'good selector test_query{le="0.3"} matches no series; buckets that exist: 0.1, 0.25, 1';
    testSource.definitionErrors['checkout-availability'] = [message];
    await stop();
    await start();
    const [report] = (await objectivesOf('component:default/checkout'))
      .objectives;
    // checkout has last good figures (exhausted) in the database: not shown
    expect(report.dataQuality).toMatchObject({
      status: 'error',
      reason: message,
    });
    expect(report.freshness.stale).toBe(false);
    expect(report.budget.remaining).toBeNull();
    expect(report.state).toBe('unknown');
    expect(report.frozen).toBe(false);
    const policy = (await get('/policy?entityRef=component:default/checkout'))
      .body as PolicyResponse;
    expect(policy.frozen).toBe(false);

    // nor is the error report kept as last good: when the source fails next, the
    // last good figures are still the exhausted ones
    delete testSource.definitionErrors['checkout-availability'];
    testSource.failing = true;
    await stop();
    await start();
    const [stale] = (await objectivesOf('component:default/checkout'))
      .objectives;
    expect(stale.freshness.stale).toBe(true);
    expect(stale.state).toBe('exhausted');
    testSource.failing = false;
  });

  it('serves repeated reads from the cache', async () => {
    await get('/objectives?entityRef=component:default/cart');
    const before = testSource.calls;
    await get('/objectives?entityRef=component:default/cart');
    expect(testSource.calls).toBe(before);
  });
});

describe('SLO API without any metric source', () => {
  it('answers "no source configured" with unknown state instead of failing', async () => {
    const backend = await startTestBackend({
      features: [sloPlugin, catalogServiceMock.factory({ entities })],
    });
    try {
      const response = await request(backend.server)
        .get('/api/slo/objectives?entityRef=component:default/checkout')
        .set({ Authorization: mockCredentials.user.header() });
      expect(response.status).toBe(200);
      const [report] = (response.body as ObjectivesResponse).objectives;
      expect(response.body.metricSourceConfigured).toBe(false);
      expect(report.source).toEqual({ id: 'none', type: 'none' });
      expect(report.dataQuality.status).toBe('error');
      expect(report.dataQuality.reason).toMatch(/^no source configured/);
      expect(report.state).toBe('unknown');
      expect(report.sli).toBeNull();
      expect(report.budget.remaining).toBeNull();
      const rules = await request(backend.server)
        .get('/api/slo/rules?entityRef=component:default/checkout')
        .set({ Authorization: mockCredentials.user.header() });
      expect(rules.body.groups).toEqual([]);
      expect(rules.body.warnings[0]).toMatch(/no source configured/);
    } finally {
      await backend.stop();
    }
  });
});

describe('SLO API permissions', () => {
  it('checks slo.objectives.read and slo.rules.read separately', async () => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                'permission' in r && r.permission.name === 'slo.rules.read'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
      ],
    });
    try {
      const auth = { Authorization: mockCredentials.user.header() };
      const objectives = await request(backend.server)
        .get('/api/slo/objectives?entityRef=component:default/checkout')
        .set(auth);
      expect(objectives.status).toBe(200);
      for (const path of ['/rules', '/openslo']) {
        const denied = await request(backend.server)
          .get(`/api/slo${path}?entityRef=component:default/checkout`)
          .set(auth);
        expect([path, denied.status]).toEqual([path, 403]);
        expect(denied.body.error.message).toBe('Not allowed: slo.rules.read');
      }
    } finally {
      await backend.stop();
    }
  });
});
