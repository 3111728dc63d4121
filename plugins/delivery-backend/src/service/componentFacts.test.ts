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
    const api = startDeliveryApi(databaseId, { entities, events });
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
          },
          // Not in the catalog, or not a component: no facts.
          'component:default/gone': null,
          'system:default/shop': null,
        },
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
