/*
 * GET /deployment-health and GET /rollout-burn end to end (real router, store and
 * migrations) on SQLite and PostgreSQL, against a loopback fake of the SLO backend
 * answering hand-set figures. Verdicts use the defaults: 2 h before and after,
 * ailing from +1 point of the budget, unhealthy from +4.
 *
 * 2026-01-05, checkout (production unless said otherwise; before -> after = excess):
 *   g2  github, ships c2, finished 06:31; r2 (argo-rollouts, same commit, promoted
 *       canary, finished 06:32) is the same rollout reported again: one deployment, g2.
 *       0.2% -> 0.4% = +0.2: healthy
 *   r1  argo-rollouts canary aborted at 25% (08:25): stored a success finished 08:25
 *       with the rollback r1:abort (08:25 to 08:27). 0.1% -> 5%: +4.9, and rolled
 *       back and aborted: unhealthy
 *   r1:abort  no figures from the fake (no objective): unknown
 *   d1  10:00  0.3% -> 0.8% = +0.5: healthy
 *   s1  staging 10:30, f1 a failed production run 11:00: no verdict (not deployments)
 *   d2  12:00  0.2% -> 3.2% = +3: ailing
 *   d3  14:00  1% -> 6% = +5: unhealthy
 *   d4  16:00  0.1% -> 0.2% = +0.1, but incident i1 names it: unhealthy
 *   d5  18:00  0.1% -> 0.2%, rolled back by d6: unhealthy
 *   d6  18:30  50% of a tiny budget (low traffic): unknown
 *   d7  20:00  0.2% -> 0.3% in the first 0.5 h after it: too early, unknown
 * cart: c1 11:00 no figures (no objective): unknown; c2 13:00 named by PagerDuty's P1
 *   (its deploymentId names github's c2 of the same component): unhealthy.
 * search: 201 production deployments on 2026-02-01, one a minute from 00:00.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group, shopSystem } from '../__testUtils__/entities';
import {
  componentIncident,
  productionDeployment,
} from '../__testUtils__/events';
import { startFakeSloBackend } from '../__testUtils__/fakeSloBackend';
import request from 'supertest';

const entities: Entity[] = [
  group('team-a', ['team-b']),
  group('team-b'),
  group('team-c'),
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
  component('search', 'team-c'),
];

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const at = (time: string) => `2026-01-05T${time}:00Z`;
const iso = (time: string) => `2026-01-05T${time}:00.000Z`;

/** A phase of a rollout on 2026-01-05. */
const phase = (
  name: string,
  kind: string,
  status: string,
  startedAt: string,
  finishedAt?: string,
  weight?: number,
) => ({
  name,
  kind,
  status,
  startedAt: at(startedAt),
  ...(finishedAt ? { finishedAt: at(finishedAt) } : {}),
  ...(weight === undefined ? {} : { weight }),
});

const r1Phases = [
  phase('setWeight 5', 'canary-step', 'succeeded', '08:00', '08:01', 5),
  phase('pause', 'pause', 'succeeded', '08:01', '08:10'),
  phase('setWeight 25', 'canary-step', 'succeeded', '08:10', '08:11', 25),
  phase('analysis', 'analysis', 'failed', '08:11', '08:25'),
  // never ran: pending steps take no traffic and get no figure
  phase('setWeight 50', 'canary-step', 'pending', '08:25', undefined, 50),
  phase('abort', 'abort', 'succeeded', '08:25', '08:27', 0),
];

const r2Phases = [
  phase('setWeight 5', 'canary-step', 'succeeded', '06:00', '06:01', 5),
  phase('pause', 'pause', 'succeeded', '06:01', '06:10'),
  phase('setWeight 50', 'canary-step', 'succeeded', '06:10', '06:11', 50),
  phase('pause', 'pause', 'succeeded', '06:11', '06:30'),
  phase('promote', 'promote', 'succeeded', '06:30', '06:32', 100),
];

const checkout = (id: string, time: string, extra = {}) =>
  productionDeployment(id, 'checkout', at(time), extra);

const events = [
  checkout('g2', '06:31', {
    commits: [{ sha: 'c2', committedAt: at('05:00') }],
  }),
  {
    ...checkout('r2', '06:32', {
      source: 'argo-rollouts',
      startedAt: at('06:00'),
      commits: [{ sha: 'c2', committedAt: at('05:00') }],
    }),
    phases: r2Phases,
  },
  {
    ...checkout('r1', '08:30', {
      source: 'argo-rollouts',
      status: 'failure',
      startedAt: at('08:00'),
      commits: [{ sha: 'c1', committedAt: at('07:00') }],
    }),
    phases: r1Phases,
  },
  checkout('d1', '10:00'),
  checkout('s1', '10:30', { environment: 'staging' }),
  checkout('f1', '11:00', { status: 'failure' }),
  checkout('d2', '12:00'),
  checkout('d3', '14:00'),
  checkout('d4', '16:00'),
  checkout('d5', '18:00'),
  checkout('d6', '18:30', { rollbackOf: 'd5' }),
  checkout('d7', '20:00'),
  componentIncident('i1', 'checkout', 'Checkout errors', at('16:30'), {
    deploymentId: 'd4',
  }),
  productionDeployment('c1', 'cart', at('11:00')),
  productionDeployment('c2', 'cart', at('13:00')),
  componentIncident('P1', 'cart', 'Cart latency', at('13:20'), {
    source: 'pagerduty',
    deploymentId: 'c2',
  }),
  ...Array.from({ length: 201 }, (_, i) =>
    productionDeployment(
      `q${i}`,
      'search',
      new Date(Date.parse('2026-02-01T00:00:00Z') + i * 60_000).toISOString(),
    ),
  ),
];

/** One objective's before and after, as the SLO backend answers them. */
const figures = (
  consumedBefore: number,
  consumedAfter: number,
  extra: { lowTraffic?: boolean; afterHours?: number } = {},
) => ({
  objectiveId: 'checkout-availability',
  consumedBefore,
  consumedAfter,
  objectives: [
    {
      objectiveId: 'checkout-availability',
      consumedBefore,
      consumedAfter,
      remainingAtDeployment: 0.8,
      ...(extra.lowTraffic ? { lowTraffic: true } : {}),
    },
  ],
  ...(extra.afterHours !== undefined ? { afterHours: extra.afterHours } : {}),
});

const DAY = 'from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z';

describe.each(databases.eachSupportedId())(
  'deployment health and rollout burn on %p',
  databaseId => {
    let slo: Awaited<ReturnType<typeof startFakeSloBackend>>;
    beforeAll(async () => {
      slo = await startFakeSloBackend();
      slo.setImpact(CHECKOUT, at('06:31'), figures(0.002, 0.004));
      slo.setImpact(CHECKOUT, at('08:25'), figures(0.001, 0.05));
      slo.setImpact(CHECKOUT, at('10:00'), figures(0.003, 0.008));
      slo.setImpact(CHECKOUT, at('12:00'), figures(0.002, 0.032));
      slo.setImpact(CHECKOUT, at('14:00'), figures(0.01, 0.06));
      slo.setImpact(CHECKOUT, at('16:00'), figures(0.001, 0.002));
      slo.setImpact(CHECKOUT, at('18:00'), figures(0.001, 0.002));
      slo.setImpact(
        CHECKOUT,
        at('18:30'),
        figures(0, 0.5, { lowTraffic: true }),
      );
      slo.setImpact(
        CHECKOUT,
        at('20:00'),
        figures(0.002, 0.003, { afterHours: 0.5 }),
      );
    });
    afterAll(() => slo?.stop());
    beforeEach(() => {
      slo.state.down = false;
      slo.state.delayMs = 0;
      slo.state.requests.length = 0;
    });

    const api = startDeliveryApi(databaseId, {
      entities,
      events,
      features: [
        mockServices.discovery.mock({
          getBaseUrl: async pluginId =>
            pluginId === 'slo' ? slo.baseUrl : `http://127.0.0.1:1/${pluginId}`,
        }).factory,
        mockServices.rootConfig.factory({
          data: { delivery: { deploymentHealth: { sloTimeout: 'PT2S' } } },
        }),
      ],
    });

    it('gives each production deployment of the day its verdict, newest first, with what it rests on', async () => {
      const response = await api.get(
        `deployment-health?entityRef=${CHECKOUT}&${DAY}`,
      );
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body).toMatchObject({
        entityRef: CHECKOUT,
        from: '2026-01-05T00:00:00.000Z',
        to: '2026-01-06T00:00:00.000Z',
        hours: 2,
        sloAvailable: true,
        truncated: false,
      });
      // s1 (staging), f1 (failed) and r2 (a second report of g2's rollout) are not
      // deployments to production of their own
      expect(body.items.map((i: any) => [i.source, i.id, i.verdict])).toEqual([
        ['github', 'd7', 'unknown'],
        ['github', 'd6', 'unknown'],
        ['github', 'd5', 'unhealthy'],
        ['github', 'd4', 'unhealthy'],
        ['github', 'd3', 'unhealthy'],
        ['github', 'd2', 'ailing'],
        ['github', 'd1', 'healthy'],
        ['argo-rollouts', 'r1:abort', 'unknown'],
        ['argo-rollouts', 'r1', 'unhealthy'],
        ['github', 'g2', 'healthy'],
      ]);
      const byId = new Map(body.items.map((i: any) => [i.id, i]));
      expect(byId.get('d1')).toEqual({
        source: 'github',
        id: 'd1',
        entityRef: CHECKOUT,
        environment: 'production',
        finishedAt: iso('10:00'),
        verdict: 'healthy',
        reasons: [
          'checkout-availability burned 0.8% of its error budget in the 2 h after it, 0.3% in the 2 h before (+0.5 points; ailing from +1 points)',
        ],
        consumedAfter: 0.008,
        consumedBefore: 0.003,
        objectiveId: 'checkout-availability',
        incidentIds: [],
      });
      // 3.2% - 0.2% = +3 points
      expect(byId.get('d2')).toMatchObject({
        reasons: [
          'checkout-availability burned 3.2% of its error budget in the 2 h after it, 0.2% in the 2 h before (+3 points; ailing from +1 points)',
        ],
      });
      expect(byId.get('d4')).toMatchObject({
        verdict: 'unhealthy',
        incidentIds: ['i1'],
        reasons: [
          'incident i1 names it',
          'checkout-availability burned 0.2% of its error budget in the 2 h after it, 0.1% in the 2 h before (+0.1 points; ailing from +1 points)',
        ],
      });
      expect(byId.get('d5')).toMatchObject({
        incidentIds: [],
        reasons: [
          'deployment d6 rolled it back',
          expect.stringMatching(/^checkout-availability burned 0\.2%/),
        ],
      });
      expect(byId.get('d6')).toMatchObject({
        reasons: [
          'too little traffic for a verdict from the error budget of checkout-availability',
        ],
        consumedAfter: 0.5,
      });
      expect(byId.get('d7')).toMatchObject({
        reasons: [
          'checkout-availability burned 0.3% of its error budget in the 0.5 h (of 2 h) after it, 0.2% in the 2 h before (+0.1 points): too early to call it healthy',
        ],
      });
      // the aborted canary: found bad at the abort's start, its derived rollback
      expect(byId.get('r1')).toMatchObject({
        finishedAt: iso('08:25'),
        verdict: 'unhealthy',
        reasons: [
          'deployment r1:abort rolled it back',
          'its rollout was aborted',
          'checkout-availability burned 5% of its error budget in the 2 h after it, 0.1% in the 2 h before (+4.9 points; unhealthy from +4 points)',
        ],
      });
      expect(byId.get('r1:abort')).toMatchObject({
        finishedAt: iso('08:27'),
        reasons: [
          'no SLO figures: the component has no objective measured by a metric source',
        ],
        consumedAfter: null,
        consumedBefore: null,
        objectiveId: null,
      });

      // One request for checkout's 10 deployments, with the delivery backend's
      // token, the configured 2 hours and each finish as stored (UTC)
      expect(slo.state.requests).toHaveLength(1);
      const [asked] = slo.state.requests;
      expect(asked.path).toBe('/api/slo/deployment-impact');
      expect(asked.auth).toMatch(/^Bearer /);
      expect(asked.query).toMatchObject({ entityRef: CHECKOUT, hours: '2' });
      expect(String(asked.query.deployments).split(',')).toHaveLength(10);
      expect(String(asked.query.deployments)).toContain(`@${iso('10:00')}`);
    });

    it("pools a group's components, and reads an incident tool's naming", async () => {
      const body = (
        await api.get(`deployment-health?entityRef=group:default/team-a&${DAY}`)
      ).body;
      // team-a owns checkout and, through team-b, cart: 12 deployments
      expect(body.items.map((i: any) => i.id)).toEqual([
        'd7',
        'd6',
        'd5',
        'd4',
        'd3',
        'c2',
        'd2',
        'c1',
        'd1',
        'r1:abort',
        'r1',
        'g2',
      ]);
      const c2 = body.items.find((i: any) => i.id === 'c2');
      expect(c2).toMatchObject({
        entityRef: CART,
        verdict: 'unhealthy',
        incidentIds: ['P1'],
        reasons: [
          'incident P1 names it',
          'no SLO figures: the component has no objective measured by a metric source',
        ],
      });
      // one request per component
      expect(slo.state.requests.map(r => r.query.entityRef).sort()).toEqual([
        CART,
        CHECKOUT,
      ]);
    });

    it('rests on incidents alone when the SLO backend fails or is slow, never calling a deployment healthy', async () => {
      slo.state.down = true;
      const down = (
        await api.get(`deployment-health?entityRef=${CHECKOUT}&${DAY}`)
      ).body;
      expect(down.sloAvailable).toBe(false);
      const verdicts = Object.fromEntries(
        down.items.map((i: any) => [i.id, i.verdict]),
      );
      expect(verdicts).toEqual({
        d7: 'unknown',
        d6: 'unknown',
        d5: 'unhealthy',
        d4: 'unhealthy',
        d3: 'unknown',
        d2: 'unknown',
        d1: 'unknown',
        'r1:abort': 'unknown',
        r1: 'unhealthy',
        g2: 'unknown',
      });
      expect(down.items.find((i: any) => i.id === 'd1')).toMatchObject({
        reasons: ['no SLO figures: the SLO backend did not answer'],
        consumedAfter: null,
        consumedBefore: null,
        objectiveId: null,
      });

      // slower than delivery.deploymentHealth.sloTimeout (2 s): the same
      slo.state.down = false;
      slo.state.delayMs = 5_000;
      const started = Date.now();
      const slow = (
        await api.get(`deployment-health?entityRef=${CHECKOUT}&${DAY}`)
      ).body;
      expect(Date.now() - started).toBeLessThan(4_500);
      expect(slow.sloAvailable).toBe(false);
      expect(slow.items.find((i: any) => i.id === 'd1').verdict).toBe(
        'unknown',
      );
    }, 20_000);

    it('answers the newest 200 deployments of a busy window, asking 50 at a time', async () => {
      const body = (
        await api.get(
          'deployment-health?entityRef=component:default/search&from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z',
        )
      ).body;
      expect(body.truncated).toBe(true);
      expect(body.items).toHaveLength(200);
      // one a minute from 00:00: q200 (03:20) newest, q1 (00:01) the 200th; q0 left out
      expect(body.items[0]).toMatchObject({
        id: 'q200',
        finishedAt: '2026-02-01T03:20:00.000Z',
      });
      expect(body.items[199].id).toBe('q1');
      expect(
        slo.state.requests.map(
          r => String(r.query.deployments).split(',').length,
        ),
      ).toEqual([50, 50, 50, 50]);
    });

    it('answers 400 naming the field and 404 for an unknown entity', async () => {
      const missing = await api.get(
        `deployment-health?entityRef=${CHECKOUT}&from=2026-01-05T00:00:00Z`,
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^to: /);
      const backwards = await api.get(
        `deployment-health?entityRef=${CHECKOUT}&from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z`,
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toBe('from: from must be before to');
      const unknown = await api.get(
        `deployment-health?entityRef=component:default/nope&${DAY}`,
      );
      expect(unknown.status).toBe(404);
      for (const path of [
        `deployment-health?entityRef=${CHECKOUT}&${DAY}`,
        `rollout-burn?entityRef=${CHECKOUT}&source=argo-rollouts&id=r1`,
      ]) {
        const anonymous = await request(api.server)
          .get(`/api/delivery/${path}`)
          .set({ Authorization: mockCredentials.none.header() });
        expect([path, anonymous.status]).toEqual([path, 401]);
      }
    });

    it("gives each phase of a canary the budget it burned: the aborted one's", async () => {
      const response = await api.get(
        `rollout-burn?entityRef=${CHECKOUT}&source=argo-rollouts&id=r1`,
      );
      expect(response.status).toBe(200);
      // the fake burns 0.0001 of the budget a minute: 1, 9, 1, 14 and 2 minutes
      expect(response.body).toEqual({
        entityRef: CHECKOUT,
        source: 'argo-rollouts',
        id: 'r1',
        strategy: 'canary',
        outcome: 'aborted',
        sloAvailable: true,
        phases: [
          {
            ...r1Phases[0],
            consumed: 0.0001,
            objectiveId: 'checkout-availability',
          },
          {
            ...r1Phases[1],
            consumed: 0.0009,
            objectiveId: 'checkout-availability',
          },
          {
            ...r1Phases[2],
            consumed: 0.0001,
            objectiveId: 'checkout-availability',
          },
          {
            ...r1Phases[3],
            consumed: 0.0014,
            objectiveId: 'checkout-availability',
          },
          // pending: never ran, not measured
          { ...r1Phases[4], consumed: null, objectiveId: null },
          {
            ...r1Phases[5],
            consumed: 0.0002,
            objectiveId: 'checkout-availability',
          },
        ].map(p => ({
          ...p,
          startedAt: new Date(p.startedAt).toISOString(),
          ...(p.finishedAt
            ? { finishedAt: new Date(p.finishedAt).toISOString() }
            : {}),
        })),
      });
      // the pending phase is not asked; the others by position, as measured
      expect(slo.state.requests).toHaveLength(1);
      expect(slo.state.requests[0]).toMatchObject({
        path: '/api/slo/interval-burn',
        auth: expect.stringMatching(/^Bearer /),
        body: {
          entityRef: CHECKOUT,
          intervals: [
            { id: '0', from: iso('08:00'), to: iso('08:01') },
            { id: '1', from: iso('08:01'), to: iso('08:10') },
            { id: '2', from: iso('08:10'), to: iso('08:11') },
            { id: '3', from: iso('08:11'), to: iso('08:25') },
            { id: '5', from: iso('08:25'), to: iso('08:27') },
          ],
        },
      });
    });

    it("finds a rollout's phases on another report of it, and says when the SLO backend is away", async () => {
      // g2 (github) is the primary report; its phases came with argo-rollouts' r2
      const promoted = (
        await api.get(`rollout-burn?entityRef=${CHECKOUT}&source=github&id=g2`)
      ).body;
      expect(promoted).toMatchObject({
        source: 'github',
        id: 'g2',
        strategy: 'canary',
        outcome: 'promoted',
        sloAvailable: true,
      });
      // 1, 9, 1, 19 and 2 minutes
      expect(promoted.phases.map((p: any) => [p.name, p.consumed])).toEqual([
        ['setWeight 5', 0.0001],
        ['pause', 0.0009],
        ['setWeight 50', 0.0001],
        ['pause', 0.0019],
        ['promote', 0.0002],
      ]);

      slo.state.down = true;
      const away = (
        await api.get(
          `rollout-burn?entityRef=group:default/team-a&source=argo-rollouts&id=r2`,
        )
      ).body;
      expect(away.sloAvailable).toBe(false);
      expect(away.entityRef).toBe(CHECKOUT);
      expect(away.phases.map((p: any) => p.consumed)).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    });

    it('answers 400 naming the field and 404 for what is no rollout of the entity', async () => {
      const noSource = await api.get(
        `rollout-burn?entityRef=${CHECKOUT}&id=r1`,
      );
      expect(noSource.status).toBe(400);
      expect(noSource.body.error.message).toBe('source: source is required');
      const unknown = await api.get(
        `rollout-burn?entityRef=${CHECKOUT}&source=argo-rollouts&id=r9`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        `id: no deployment r9 from argo-rollouts of ${CHECKOUT}`,
      );
      // r1 is checkout's, not cart's
      const elsewhere = await api.get(
        `rollout-burn?entityRef=${CART}&source=argo-rollouts&id=r1`,
      );
      expect(elsewhere.status).toBe(404);
      const allAtOnce = await api.get(
        `rollout-burn?entityRef=${CHECKOUT}&source=github&id=d1`,
      );
      expect(allAtOnce.status).toBe(404);
      expect(allAtOnce.body.error.message).toBe(
        'id: deployment d1 from github has no rollout phases',
      );
      expect(slo.state.requests).toEqual([]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'rollout burn of a running rollout on %p',
  databaseId => {
    let slo: Awaited<ReturnType<typeof startFakeSloBackend>>;
    beforeAll(async () => {
      slo = await startFakeSloBackend();
    });
    afterAll(() => slo?.stop());

    // Started 30 minutes ago: 5% for a minute, then paused since.
    const started = Date.now() - 30 * 60_000;
    const minute = (n: number) => new Date(started + n * 60_000).toISOString();
    const api = startDeliveryApi(databaseId, {
      entities,
      events: [
        {
          kind: 'deployment',
          source: 'argo-rollouts',
          id: 'live',
          entityRef: CHECKOUT,
          environment: 'production',
          status: 'in_progress',
          startedAt: minute(0),
          commits: [],
          phases: [
            {
              name: 'setWeight 5',
              kind: 'canary-step',
              status: 'succeeded',
              startedAt: minute(0),
              finishedAt: minute(1),
              weight: 5,
            },
            {
              name: 'pause',
              kind: 'pause',
              status: 'running',
              startedAt: minute(1),
            },
          ],
        },
      ],
      features: [
        mockServices.discovery.mock({
          getBaseUrl: async pluginId =>
            pluginId === 'slo' ? slo.baseUrl : `http://127.0.0.1:1/${pluginId}`,
        }).factory,
      ],
    });

    it('measures a running phase until now', async () => {
      const body = (
        await api.get(
          `rollout-burn?entityRef=${CHECKOUT}&source=argo-rollouts&id=live`,
        )
      ).body;
      expect(body).toMatchObject({
        strategy: 'canary',
        outcome: 'progressing',
      });
      const [asked] = slo.state.requests;
      const [first, running] = (asked.body as any).intervals;
      expect(first).toEqual({ id: '0', from: minute(0), to: minute(1) });
      expect(running.from).toBe(minute(1));
      // until the request: about 29 minutes after the pause began
      expect(
        Date.parse(running.to) - Date.parse(minute(30)),
      ).toBeGreaterThanOrEqual(0);
      expect(Date.now() - Date.parse(running.to)).toBeLessThan(60_000);
      expect(body.phases[1].consumed).toBeGreaterThanOrEqual(0.0029);
    });
  },
);
