/*
 * GET /timeline end to end (real router, store, migrations) on SQLite and PostgreSQL.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { timelineBuckets } from '@internal/backstage-plugin-delivery-common/testUtils';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, shopSystem } from '../__testUtils__/entities';
import {
  checkoutDeployment as deployment,
  componentIncident,
} from '../__testUtils__/events';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-a', 'shop'),
];

/*
 * Window 2026-01-05T00:00Z .. 2026-01-06T00:00Z, 24 buckets of an hour.
 * checkout production: p1 01:10 (rolled back by p2), p2 01:40 rollback (same bucket as p1),
 *   p3 05:00 failure, p4 07:30 remediates i1; one before and one after the window.
 * checkout staging: s1 00:30, s2 10:00 (one per bucket: drawn one by one).
 * cart production: c1 03:15 (counts for the system and the team, not for checkout).
 * Incidents: i1 05:30..07:45 names p3; i0 opened the day before and still open
 *   (overlaps); i-late opens after the window (left out).
 */
const events = [
  deployment({
    id: 'p1',
    startedAt: '2026-01-05T01:10:00Z',
    finishedAt: '2026-01-05T01:15:00Z',
    version: 'v1',
    url: 'https://ci.example.com/runs/p1',
    commits: [{ sha: 'a1', committedAt: '2026-01-04T20:00:00Z' }],
  }),
  deployment({
    id: 'p2',
    startedAt: '2026-01-05T03:40:00+02:00',
    finishedAt: '2026-01-05T03:45:00+02:00',
    rollbackOf: 'p1',
  }),
  deployment({
    id: 'p3',
    status: 'failure',
    startedAt: '2026-01-05T05:00:00Z',
    finishedAt: '2026-01-05T05:10:00Z',
  }),
  deployment({
    id: 'p4',
    startedAt: '2026-01-05T07:30:00Z',
    finishedAt: '2026-01-05T07:40:00Z',
    remediates: 'i1',
  }),
  deployment({
    id: 'before',
    startedAt: '2026-01-04T23:59:59Z',
    finishedAt: '2026-01-05T00:05:00Z',
  }),
  deployment({
    id: 'after',
    startedAt: '2026-01-06T00:00:00Z',
    finishedAt: '2026-01-06T00:05:00Z',
  }),
  deployment({
    id: 's1',
    environment: 'staging',
    startedAt: '2026-01-05T00:30:00Z',
    finishedAt: '2026-01-05T00:35:00Z',
    triggeredBy: 'argocd: automated sync',
  }),
  deployment({
    id: 's2',
    environment: 'staging',
    status: 'in_progress',
    startedAt: '2026-01-05T10:00:00Z',
  }),
  deployment({
    id: 'c1',
    entityRef: 'component:default/cart',
    startedAt: '2026-01-05T03:15:00Z',
    finishedAt: '2026-01-05T03:20:00Z',
  }),
  componentIncident(
    'i1',
    'checkout',
    'Checkout errors',
    '2026-01-05T05:30:00Z',
    {
      source: 'pagerduty',
      severity: 'SEV2',
      resolvedAt: '2026-01-05T07:45:00Z',
      deploymentId: 'p3',
    },
  ),
  componentIncident('i0', 'checkout', 'Slow payments', '2026-01-04T12:00:00Z', {
    source: 'pagerduty',
  }),
  componentIncident('i-late', 'checkout', 'Later', '2026-01-06T01:00:00Z', {
    source: 'pagerduty',
  }),
];

const window = 'from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z';

// The answer the frontend's tests draw (its s1 names no trigger).
const [productionLane, stagingLane] = timelineBuckets.environments;

describe.each(databases.eachSupportedId())(
  'GET /timeline on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, { entities, events });
    const get = (query: string) => api.get(`timeline?${query}`);

    it('counts overlapping markers per bucket and outcome, and lists sparse lanes', async () => {
      const response = await get(
        `entityRef=component:default/checkout&${window}&buckets=24`,
      );
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body).toMatchObject({
        entityRef: 'component:default/checkout',
        from: '2026-01-05T00:00:00.000Z',
        to: '2026-01-06T00:00:00.000Z',
        components: ['component:default/checkout'],
        bucketMs: 3_600_000,
        incidentsTruncated: false,
      });
      expect(body.environments.map((e: any) => e.environment)).toEqual([
        'production',
        'staging',
      ]);

      const [production, staging] = body.environments;
      // p1 and p2 share the 01:00 bucket, so production is counted.
      expect(production).toEqual(productionLane);
      expect(staging.mode).toBe('deployments');
      expect(staging.production).toBe(false);
      expect(staging.deployments).toEqual([
        {
          ...stagingLane.deployments![0],
          triggeredBy: 'argocd: automated sync',
        },
        stagingLane.deployments![1],
      ]);

      // Overlapping incidents, oldest first; the one opening after the window is left out.
      expect(body.incidents.map((i: any) => i.id)).toEqual(['i0', 'i1']);
      expect(body.incidents[1]).toEqual(timelineBuckets.incidents[1]);
    });

    it('draws each deployment once buckets are fine enough', async () => {
      const response = await get(
        `entityRef=component:default/checkout&${window}&buckets=288`, // 5 minutes
      );
      expect(response.status).toBe(200);
      const [production] = response.body.environments;
      expect(production.mode).toBe('deployments');
      expect(
        production.deployments.map((d: any) => [d.id, d.rolledBack]),
      ).toEqual([
        ['p1', true],
        ['p2', false],
        ['p3', false],
        ['p4', false],
      ]);
      expect(production.deployments[0]).toMatchObject({
        version: 'v1',
        url: 'https://ci.example.com/runs/p1',
      });
      expect(production.deployments[1].rollbackOf).toBe('p1');
      expect(production.deployments[3].remediates).toBe('i1');
    });

    it('pools the components of a system and of a team', async () => {
      for (const ref of ['system:default/shop', 'group:default/team-a']) {
        const response = await get(`entityRef=${ref}&${window}&buckets=288`);
        expect(response.status).toBe(200);
        expect(response.body.components).toEqual([
          'component:default/cart',
          'component:default/checkout',
        ]);
        const [production] = response.body.environments;
        expect(production.total).toBe(5);
        expect(production.deployments.map((d: any) => d.id)).toEqual([
          'p1',
          'p2',
          'c1',
          'p3',
          'p4',
        ]);
      }
    });

    it('answers an empty chart for a component without events', async () => {
      const response = await get(`entityRef=component:default/cart&${window}`);
      expect(response.status).toBe(200);
      expect(response.body.bucketMs).toBe(720_000); // 24 h / 120 buckets
      expect(response.body.environments).toHaveLength(1);
      const empty = await get(
        'entityRef=component:default/cart&from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z',
      );
      expect(empty.body.environments).toEqual([]);
      expect(empty.body.incidents).toEqual([]);
    });

    it('answers 4xx for bad queries and unknown entities', async () => {
      const missing = await get('entityRef=component:default/checkout');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/from/);

      const reversed = await get(
        'entityRef=component:default/checkout&from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z',
      );
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.message).toMatch(/from must be before to/);

      const tooWide = await get(
        'entityRef=component:default/checkout&from=2024-01-01T00:00:00Z&to=2026-01-05T00:00:00Z',
      );
      expect(tooWide.status).toBe(400);

      for (const buckets of ['0', '1001', 'x', '2.5']) {
        const bad = await get(
          `entityRef=component:default/checkout&${window}&buckets=${buckets}`,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/buckets/);
      }

      const unknown = await get(`entityRef=component:default/nope&${window}`);
      expect(unknown.status).toBe(404);

      const none = await request(api.server)
        .get(
          `/api/delivery/timeline?entityRef=component:default/checkout&${window}`,
        )
        .set({ Authorization: mockCredentials.none.header() });
      expect(none.status).toBe(401);
    });
  },
);

describe('GET /timeline permissions', () => {
  it('needs delivery.events.read', async () => {
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    try {
      const response = await request(backend.server)
        .get(
          `/api/delivery/timeline?entityRef=component:default/checkout&${window}`,
        )
        .set({ Authorization: mockCredentials.user.header() });
      expect(response.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});
