/*
 * POST /api/delivery/catalog-health end to end (real router, store and migrations) on
 * SQLite and PostgreSQL. Events are placed relative to now, since the column's window is
 * the last 90 days; the expected figures are worked out in the comments.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import request from 'supertest';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { productionDeployment as deployment } from '../__testUtils__/events';
import { shopSystem } from '../__testUtils__/entities';
import { catalogHealthWindow } from './catalogHealth';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team-a' },
});

const entities: Entity[] = [
  component('checkout'),
  component('cart'),
  component('idle'),
  shopSystem,
];

const now = DateTime.utc();
const daysAgo = (days: number, hours = 0) =>
  now.minus({ days, hours }).toISO()!;

/*
 * checkout: successes 30, 20 and 10 days ago, commits 2, 4 and 6 h before each;
 *   a failed production run 5 days ago; a staging deploy 1 day ago.
 *   -> 3 deployments in 90 days: 3/90 = 1/30 per day, exactly the medium threshold
 *   (medium); lead 2, 4, 6 h: median 4 h (elite, < 24); 0 failed of 3 (elite, <= 5%);
 *   no failures: recovery unknown. Worst known band: medium.
 *   Latest production run by start: the failure 5 days ago (staging does not count).
 * cart: cart-1 100 days ago, cart-2 99 days ago rolls it back: none in the window
 *   (band unknown, 0 deployments), latest production cart-2, a rollback of cart-1.
 * idle: nothing (unknown, no latest).
 */
const events = [
  deployment('co-1', 'checkout', daysAgo(30), {
    commits: [{ sha: 'a1', committedAt: daysAgo(30, 2) }],
  }),
  deployment('co-2', 'checkout', daysAgo(20), {
    commits: [{ sha: 'a2', committedAt: daysAgo(20, 4) }],
  }),
  deployment('co-3', 'checkout', daysAgo(10), {
    version: 'v3',
    commits: [{ sha: 'a3', committedAt: daysAgo(10, 6) }],
  }),
  deployment('co-fail', 'checkout', daysAgo(5), {
    status: 'failure',
    version: 'v4',
    url: 'https://ci.example.com/runs/4',
  }),
  deployment('co-staging', 'checkout', daysAgo(1), {
    environment: 'staging',
  }),
  deployment('cart-1', 'cart', daysAgo(100)),
  deployment('cart-2', 'cart', daysAgo(99), { rollbackOf: 'cart-1' }),
];

// A component without a deployment in the window: every band unknown.
const noFigures = {
  band: 'unknown',
  bands: {
    deploymentFrequency: 'unknown',
    leadTime: 'unknown',
    changeFailureRate: 'unknown',
    recoveryTime: 'unknown',
  },
  deployments: 0,
};

describe('catalogHealthWindow', () => {
  it('covers the 90 days ending at the next full hour', () => {
    // 2026-03-10T14:25Z -> to 15:00 that day, from 90 days earlier: 2025-12-10T15:00Z.
    const window = catalogHealthWindow(Date.parse('2026-03-10T14:25:00Z'));
    expect(new Date(window.to).toISOString()).toBe('2026-03-10T15:00:00.000Z');
    expect(new Date(window.from).toISOString()).toBe(
      '2025-12-10T15:00:00.000Z',
    );
  });
});

describe.each(databases.eachSupportedId())(
  'catalog health API on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, { entities, events });
    const post = (body: unknown) => api.post('catalog-health', body);

    it('answers every requested row in one request, unknown where there is no data', async () => {
      const response = await post({
        entityRefs: [
          'component:default/checkout',
          'Component:default/Cart',
          'idle',
          'component:default/gone',
          'system:default/shop',
        ],
      });
      expect(response.status).toBe(200);
      const window = catalogHealthWindow(Date.now());
      expect(response.body.to).toBe(new Date(window.to).toISOString());
      expect(response.body.items).toEqual({
        'component:default/checkout': {
          band: 'medium',
          bands: {
            deploymentFrequency: 'medium',
            leadTime: 'elite',
            changeFailureRate: 'elite',
            recoveryTime: 'unknown',
          },
          deployments: 3,
          lastProduction: {
            source: 'github',
            id: 'co-fail',
            entityRef: 'component:default/checkout',
            environment: 'production',
            status: 'failure',
            startedAt: DateTime.fromISO(daysAgo(5)).toUTC().toISO(),
            finishedAt: DateTime.fromISO(daysAgo(5)).toUTC().toISO(),
            version: 'v4',
            url: 'https://ci.example.com/runs/4',
            rolledBack: false,
          },
        },
        'component:default/cart': {
          ...noFigures,
          lastProduction: expect.objectContaining({
            id: 'cart-2',
            status: 'success',
            rollbackOf: 'cart-1',
            rolledBack: false,
          }),
        },
        'component:default/idle': {
          ...noFigures,
          lastProduction: null,
        },
        // Not in the catalog, or not a component: no figures at all.
        'component:default/gone': null,
        'system:default/shop': null,
      });
    });

    it('says which field is wrong', async () => {
      const missing = await post({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^entityRefs: /);
      const tooMany = await post({
        entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`),
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toMatch(/at most 100/);
      const bad = await post({ entityRefs: ['component:default/'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^entityRefs\.0: /);
    });

    it('refuses callers without credentials', async () => {
      const response = await request(api.server)
        .post('/api/delivery/catalog-health')
        .set({ Authorization: mockCredentials.none.header() })
        .send({ entityRefs: ['component:default/checkout'] });
      expect(response.status).toBe(401);
    });
  },
);
