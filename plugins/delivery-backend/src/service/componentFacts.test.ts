/*
 * POST /api/delivery/component-facts end to end (real router, store and migrations) on
 * SQLite and PostgreSQL, over a fixed 90-day window; the figures are worked out below.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, shopSystem } from '../__testUtils__/entities';
import {
  componentIncident,
  productionDeployment as deployment,
} from '../__testUtils__/events';
import { componentFactsWindow } from './componentFacts';

const entities = [
  component('checkout', 'team-a'),
  component('idle', 'team-a'),
  component('canary', 'team-a'),
  shopSystem,
];

const window = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

/*
 * checkout in [2026-01-01, 2026-04-01) (90 days):
 *   production successes co-1, co-2, co-3 (commits 2, 4, 6 h before): 3 deployments,
 *   3 / 90 per day, lead times 2, 4, 6 h -> median 4 h;
 *   incident i-3 names co-3, opened 1 h and resolved 2 h after it finished: 1 failed of 3
 *   -> 1/3 = 33% (low: above 15%); recovered 2 h after co-3 finished -> median 2 h
 *   (high: under 24 h, not under 1 h);
 *   co-fail is a failed run, not a deployment; co-staging (github) and argo-staging
 *   (argocd) are successful pre-production deployments: 2;
 *   by source, every environment and status finished in the window: github co-1, co-2,
 *   co-3, co-fail, co-staging = 5; argocd argo-staging = 1 (co-old is before the window);
 *   data since co-old, the earliest production deployment: 2025-12-01.
 * idle: nothing: zeros and nulls, bands unknown.
 * Neither has phases or flags: 0 phased deployments, 0 flag releases.
 */
const events = [
  deployment('co-old', 'checkout', '2025-12-01T00:00:00Z'),
  deployment('co-1', 'checkout', '2026-01-10T00:00:00Z', {
    commits: [{ sha: 'a1', committedAt: '2026-01-09T22:00:00Z' }],
  }),
  deployment('co-2', 'checkout', '2026-02-10T00:00:00Z', {
    commits: [{ sha: 'a2', committedAt: '2026-02-09T20:00:00Z' }],
  }),
  deployment('co-3', 'checkout', '2026-03-10T00:00:00Z', {
    commits: [{ sha: 'a3', committedAt: '2026-03-09T18:00:00Z' }],
  }),
  deployment('co-fail', 'checkout', '2026-03-15T00:00:00Z', {
    status: 'failure',
  }),
  deployment('co-staging', 'checkout', '2026-03-20T00:00:00Z', {
    environment: 'staging',
  }),
  deployment('argo-staging', 'checkout', '2026-03-21T00:00:00Z', {
    source: 'argocd',
    environment: 'staging',
  }),
  componentIncident(
    'i-3',
    'checkout',
    'Checkout errors',
    '2026-03-10T01:00:00Z',
    {
      resolvedAt: '2026-03-10T02:00:00Z',
      deploymentId: 'co-3',
    },
  ),
];

/** A phase of a rollout (delivery-common deploymentPhaseSchema). */
const phase = (
  kind: string,
  status: string,
  startedAt: string,
  finishedAt: string,
  weight?: number,
) => ({
  name: kind,
  kind,
  status,
  startedAt,
  finishedAt,
  ...(weight === undefined ? {} : { weight }),
});

/** A canary at 25% from 10:00 to 10:10 on `day`, then promoted (10:10-10:11). */
const promoted = (day: string) => [
  phase('canary-step', 'succeeded', `${day}T10:00:00Z`, `${day}T10:10:00Z`, 25),
  phase('promote', 'succeeded', `${day}T10:10:00Z`, `${day}T10:11:00Z`),
];

/** A flag change of canary's (kind `flag`). */
const flag = (
  id: string,
  flagKey: string,
  action: string,
  at: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: 'component:default/canary',
  flagKey,
  environment: 'production',
  action,
  at,
  ...extra,
});

/*
 * canary in [2026-01-01, 2026-04-01): progressive delivery only (its other figures are
 * not asserted here).
 * Phased production deployments (finished in the window, any outcome, one per rollout):
 *   r-1, promoted 2026-02-02 10:11, reported with phases by argo-rollouts and by argocd
 *   (same sha, same finish: one rollout, argocd's report a duplicate)        -> 1
 *   r-abort, 25% then aborted on 2026-02-10: a success found bad at 10:20 (counted) and
 *   its derived rollback r-abort:abort (no phases, derived_from set: not)    -> 1
 *   r-dark, aborted before any traffic on 2026-02-20: a failure, still phased -> 1
 *   not counted: r-staging (staging), r-old (2025-12-01, before the window), r-ramping
 *   (still in progress: no finish), plain (production, no phases)
 *   = 3.
 * Flag releases in production (served 0 before, more after; `at` in the window):
 *   new-cart: on 2026-02-01 (0 -> 100: release), off 02-02, rollout 10% 02-03
 *   (0 -> 10: release), rollout 50% 02-04 (10 -> 50: not)                    -> 2
 *   dark-mode: on 2026-03-01 in PROD ("prod" is production, any case)        -> 1
 *   not counted: new-cart on in staging 02-05; promo on 2025-12-20 (before the window);
 *   late on 2026-04-01T00:00Z (the window's end is excluded)
 *   = 3.
 */
const canaryEvents = [
  deployment('r-1', 'canary', '2026-02-02T10:11:00Z', {
    source: 'argo-rollouts',
    startedAt: '2026-02-02T10:00:00Z',
    commits: [{ sha: 'b1', committedAt: '2026-02-01T00:00:00Z' }],
    phases: promoted('2026-02-02'),
  }),
  deployment('r-1', 'canary', '2026-02-02T10:11:00Z', {
    source: 'argocd',
    startedAt: '2026-02-02T10:00:00Z',
    commits: [{ sha: 'b1', committedAt: '2026-02-01T00:00:00Z' }],
    phases: promoted('2026-02-02'),
  }),
  deployment('r-abort', 'canary', '2026-02-10T10:22:00Z', {
    source: 'argo-rollouts',
    startedAt: '2026-02-10T10:00:00Z',
    phases: [
      phase(
        'canary-step',
        'succeeded',
        '2026-02-10T10:00:00Z',
        '2026-02-10T10:10:00Z',
        25,
      ),
      phase(
        'abort',
        'succeeded',
        '2026-02-10T10:20:00Z',
        '2026-02-10T10:22:00Z',
        0,
      ),
    ],
  }),
  deployment('r-dark', 'canary', '2026-02-20T10:05:00Z', {
    source: 'argo-rollouts',
    status: 'failure',
    startedAt: '2026-02-20T10:00:00Z',
    phases: [
      phase(
        'analysis',
        'failed',
        '2026-02-20T10:00:00Z',
        '2026-02-20T10:04:00Z',
      ),
      phase(
        'abort',
        'succeeded',
        '2026-02-20T10:04:00Z',
        '2026-02-20T10:05:00Z',
        0,
      ),
    ],
  }),
  deployment('r-staging', 'canary', '2026-02-03T10:11:00Z', {
    source: 'argo-rollouts',
    environment: 'staging',
    startedAt: '2026-02-03T10:00:00Z',
    phases: promoted('2026-02-03'),
  }),
  deployment('r-old', 'canary', '2025-12-01T10:11:00Z', {
    source: 'argo-rollouts',
    startedAt: '2025-12-01T10:00:00Z',
    phases: promoted('2025-12-01'),
  }),
  deployment('r-ramping', 'canary', '2026-03-05T10:10:00Z', {
    source: 'argo-rollouts',
    startedAt: '2026-03-05T10:00:00Z',
    phases: [
      phase(
        'canary-step',
        'succeeded',
        '2026-03-05T10:00:00Z',
        '2026-03-05T10:10:00Z',
        25,
      ),
    ],
  }),
  deployment('plain', 'canary', '2026-03-06T00:00:00Z'),
  flag('f1', 'new-cart', 'on', '2026-02-01T00:00:00Z'),
  flag('f2', 'new-cart', 'off', '2026-02-02T00:00:00Z'),
  flag('f3', 'new-cart', 'rollout', '2026-02-03T00:00:00Z', { percentage: 10 }),
  flag('f4', 'new-cart', 'rollout', '2026-02-04T00:00:00Z', { percentage: 50 }),
  flag('f5', 'new-cart', 'on', '2026-02-05T00:00:00Z', {
    environment: 'staging',
  }),
  flag('f6', 'dark-mode', 'on', '2026-03-01T00:00:00Z', {
    environment: 'PROD',
  }),
  flag('f7', 'promo', 'on', '2025-12-20T00:00:00Z'),
  flag('f8', 'late', 'on', '2026-04-01T00:00:00Z'),
];

describe('componentFactsWindow', () => {
  it('covers the 90 days ending at the next full hour', () => {
    const w = componentFactsWindow(Date.parse('2026-03-10T14:25:00Z'));
    expect(new Date(w.to).toISOString()).toBe('2026-03-10T15:00:00.000Z');
    expect(new Date(w.from).toISOString()).toBe('2025-12-10T15:00:00.000Z');
  });
});

describe.each(databases.eachSupportedId())(
  'component facts API on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, {
      entities,
      events: [...events, ...canaryEvents],
    });
    const post = (body: unknown) => api.post('component-facts', body);

    it('answers every component of the batch in one request', async () => {
      const response = await post({
        entityRefs: [
          'component:default/checkout',
          'idle',
          'component:default/gone',
          'system:default/shop',
        ],
        ...window,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        windowDays: 90,
        items: {
          'component:default/checkout': {
            dataSince: '2025-12-01T00:00:00.000Z',
            deploymentsBySource: { github: 5, argocd: 1 },
            productionDeployments: 3,
            preProductionDeployments: 2,
            deploymentsPerDay: 3 / 90,
            leadTimeMedianHours: 4,
            changeFailureRate: { ratio: 1 / 3, band: 'low' },
            recovery: {
              failures: 1,
              unrecovered: 0,
              medianHours: 2,
              band: 'high',
            },
            phasedDeployments: 0,
            flagReleases: 0,
          },
          'component:default/idle': {
            dataSince: null,
            deploymentsBySource: {},
            productionDeployments: 0,
            preProductionDeployments: 0,
            deploymentsPerDay: 0,
            leadTimeMedianHours: null,
            changeFailureRate: { ratio: null, band: 'unknown' },
            recovery: {
              failures: 0,
              unrecovered: 0,
              medianHours: null,
              band: 'unknown',
            },
            phasedDeployments: 0,
            flagReleases: 0,
          },
          // Not in the catalog, or not a component: no facts.
          'component:default/gone': null,
          'system:default/shop': null,
        },
      });
    });

    it('counts phased production rollouts and production flag releases', async () => {
      const response = await post({
        entityRefs: ['component:default/canary'],
        ...window,
      });
      expect(response.status).toBe(200);
      expect(response.body.items['component:default/canary']).toMatchObject({
        phasedDeployments: 3,
        flagReleases: 3,
      });
      // Over the 2026-02 days only: r-1, r-abort, r-dark; f1, f3.
      const february = await post({
        entityRefs: ['component:default/canary'],
        from: '2026-02-01T00:00:00Z',
        to: '2026-03-01T00:00:00Z',
      });
      expect(february.body.items['component:default/canary']).toMatchObject({
        phasedDeployments: 3,
        flagReleases: 2,
      });
      // From 2026-02-15: r-dark only; f6 only.
      const late = await post({
        entityRefs: ['component:default/canary'],
        from: '2026-02-15T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
      });
      expect(late.body.items['component:default/canary']).toMatchObject({
        phasedDeployments: 1,
        flagReleases: 1,
      });
    });

    it('says which field is wrong', async () => {
      const missing = await post({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^entityRefs: /);
      const half = await post({ entityRefs: ['checkout'], from: window.from });
      expect(half.status).toBe(400);
      expect(half.body.error.message).toMatch(/^from: give both/);
      const reversed = await post({
        entityRefs: ['checkout'],
        from: window.to,
        to: window.from,
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.message).toMatch(/^to: must be after from/);
      const bad = await post({ entityRefs: ['checkout'], from: 'x', to: 'y' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^from: must be an ISO-8601/);
    });

    it('refuses callers without credentials', async () => {
      const response = await request(api.server)
        .post('/api/delivery/component-facts')
        .set({ Authorization: mockCredentials.none.header() })
        .send({ entityRefs: ['component:default/checkout'] });
      expect(response.status).toBe(401);
    });
  },
);
