/*
 * The gate against the real SLO backend in one test backend (discovery, service
 * tokens and the /policy and /status answers as they are), fed by an in-process metric
 * source that answers the same counts every hour:
 *   checkout: 99.9% over 30d, 1 bad in 1000 -> error ratio 0.001 = B: budget
 *     remaining 0, exhausted, frozen -> a production deploy is denied
 *   cart: 99% over 28d, 2 bad in 1000 -> 0.002 / 0.01 = 0.2 burnt, 0.8 left -> allowed
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// A contract test: the real SLO backend runs beside the gate, as in packages/backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/backstage-plugin-slo-backend';
import { steadyCounts } from '@internal/backstage-plugin-slo-common/testUtils';
import { createSloMetricSourceModule } from '@internal/backstage-plugin-slo-node';
import request from 'supertest';
import { deployGatePlugin } from '../plugin';

const badPerThousand: Record<string, number> = { checkout: 1, cart: 2 };

const hourlyCounts = createSloMetricSourceModule({
  moduleId: 'hourly-counts',
  source: {
    id: 'hourly:default',
    type: 'hourly',
    async countSeries({ objective, ...range }) {
      const bad = badPerThousand[objective.id] ?? 0;
      return { ...steadyCounts(range, bad), queries: [] };
    },
  },
});

/** A component with one OpenSLO ratio objective named after it. */
function serviceWithSlo(name: string, target: number, days: number): Entity {
  const slo = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name },
    spec: {
      service: name,
      indicator: {
        metadata: { name: `${name}-errors` },
        spec: {
          ratioMetric: {
            counter: true,
            bad: { metricSource: { type: 'Prometheus', spec: { query: 'b' } } },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: 't' } },
            },
          },
        },
      },
      timeWindow: [{ duration: `${days}d`, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ targetPercent: target }],
    },
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slo.acme-portal.io/openslo': JSON.stringify(slo) },
    },
    spec: { type: 'service', owner: 'team-a' },
  };
}

describe('deploy gate against the real SLO backend', () => {
  it('denies the frozen component and allows the healthy one', async () => {
    const backend = await startTestBackend({
      features: [
        deployGatePlugin,
        sloPlugin,
        hourlyCounts,
        catalogServiceMock.factory({
          entities: [
            serviceWithSlo('checkout', 99.9, 30),
            serviceWithSlo('cart', 99, 28),
          ],
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const ask = (name: string) =>
        request(backend.server)
          .post('/api/deploy-gate/decisions')
          .set({ Authorization: mockCredentials.user.header() })
          .send({ entityRef: name, environment: 'production' });

      const checkout = await ask('checkout');
      expect(checkout.status).toBe(200);
      expect(checkout.body).toMatchObject({
        decision: 'deny',
        reasons: [{ code: 'frozen', objectiveId: 'checkout' }],
        policy: { frozen: true, budgetRemaining: expect.closeTo(0, 6) },
      });

      const cart = await ask('cart');
      expect(cart.body).toMatchObject({
        decision: 'allow',
        reasons: [{ code: 'not-frozen' }],
        policy: { frozen: false, budgetRemaining: expect.closeTo(0.8, 6) },
      });
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
