/*
 * slo:status and slo:why-frozen through the actions registry, on a started SLO backend
 * (SQLite and PostgreSQL) with an in-process metric source and a loopback fake of the
 * delivery backend.
 *   checkout (availability, 99.9%, 30d, B 0.001): 1000 requests per hourly step, none
 *     bad, except the last 2 hourly steps (ending after SPIKE_AFTER): all 1000 bad -> burn rate
 *     1 / 0.001 = 1000 over those steps; over the window 2000 bad of 720,000
 *     -> consumed 2.78, remaining -1.78: exhausted, frozen
 *   cart (availability, 99%, 28d): no bad event -> remaining 1, nothing burns
 * Deployments of checkout (spike = 2 hours ago):
 *   d-before production, finished 30 min before the spike: in the hour before the burn
 *   d-old    production, finished 3 h before the spike: too early
 *   d-stage  staging, during the burn: not production
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  componentEntity,
  ratioSloYaml,
  rollingWindowYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';
import {
  createSloMetricSourceModule,
  SloCountRequest,
} from '@internal/backstage-plugin-slo-node';
import { sloPlugin } from '../plugin';
import {
  FakeDeployment,
  startFakeDeliveryBackend,
} from '../__testUtils__/fakeDeliveryBackend';

const HOUR = 3_600_000;
const NOW = Date.now();
// 10 minutes of slack: the evaluation's window ends a little after NOW, and its last
// two hourly steps (and only those) end after SPIKE_AFTER.
const SPIKE_AFTER = NOW - 2 * HOUR + 10 * 60_000;
const CHECKOUT = 'component:default/checkout';

const testSourceModule = createSloMetricSourceModule({
  moduleId: 'test-source',
  source: {
    id: 'test:default',
    type: 'test',
    countSeries: async (req: SloCountRequest) => {
      const points = [];
      const expected = Math.ceil((req.to - req.from) / req.stepMs);
      for (let k = 1; k <= expected; k++) {
        const t = Math.min(req.from + k * req.stepMs, req.to);
        const spiking =
          req.objective.id === 'checkout-availability' && t > SPIKE_AFTER;
        const bad = spiking ? 1000 : 0;
        points.push({ t, good: 1000 - bad, bad, total: 1000 });
      }
      return { points, expectedPoints: expected, queries: ['test'] };
    },
  },
});

const openslo = (name: string, target: string, window: string) =>
  ratioSloYaml({
    name,
    service: name.split('-')[0],
    indicatorName: `${name}-errors`,
    countQuery: `errors{job="${name}"}`,
    totalQuery: `requests{job="${name}"}`,
    window: rollingWindowYaml(window),
    target,
  });

const entities = [
  componentEntity('checkout', {
    owner: 'team-a',
    annotations: {
      'slo.acme-portal.io/openslo': openslo(
        'checkout-availability',
        '99.9',
        '30d',
      ),
    },
  }),
  componentEntity('cart', {
    owner: 'team-a',
    annotations: {
      'slo.acme-portal.io/openslo': openslo('cart-availability', '99', '28d'),
    },
  }),
];

const iso = (ms: number) => new Date(ms).toISOString();
const deployment = (
  id: string,
  finishedAt: number,
  environment = 'production',
): FakeDeployment => ({
  kind: 'deployment',
  source: 'github',
  id,
  entityRef: CHECKOUT,
  environment,
  status: 'success',
  startedAt: iso(finishedAt - 10 * 60_000),
  finishedAt: iso(finishedAt),
  version: `v-${id}`,
  commits: [],
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('SLO actions on %p', databaseId => {
  let delivery: Awaited<ReturnType<typeof startFakeDeliveryBackend>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const actions = actionsRegistryServiceMock();
  const credentials = mockCredentials.user();

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    delivery = await startFakeDeliveryBackend();
    delivery.deployments.push(
      deployment('d-before', SPIKE_AFTER - 30 * 60_000),
      deployment('d-old', SPIKE_AFTER - 3 * HOUR),
      deployment('d-stage', SPIKE_AFTER + 30 * 60_000, 'staging'),
    );
    backend = await startTestBackend({
      features: [
        sloPlugin,
        testSourceModule,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.discovery.mock({
          getBaseUrl: async pluginId =>
            pluginId === 'delivery'
              ? delivery.baseUrl
              : `http://unused/${pluginId}`,
        }).factory,
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actions,
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await delivery?.stop();
  });

  beforeEach(() => {
    delivery.state.down = false;
  });

  const invoke = async (name: string, input: object) =>
    (
      await actions.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials,
      })
    ).output as any;

  it("answers a frozen component's status: objectives, budget, tiers, since", async () => {
    const output = await invoke('status', {
      entityRef: 'Component:default/Checkout',
    });
    expect(output.entityRef).toBe(CHECKOUT);
    expect(output.frozen).toBe(true);
    expect(output.stale).toBe(false);
    expect(output.objectives).toHaveLength(1);
    const [objective] = output.objectives;
    expect(objective).toMatchObject({
      id: 'checkout-availability',
      entityRef: CHECKOUT,
      state: 'exhausted',
      target: 0.999,
      frozen: true,
      stale: false,
    });
    // 2000 bad of 720,000 -> attainment 1 - 1/360, remaining 1 - 2.777... = -1.777...
    expect(objective.attainment).toBeCloseTo(1 - 1 / 360, 6);
    expect(objective.budgetRemaining).toBeCloseTo(1 - 20 / 7.2, 6);
    // every step of the last hour is bad: the fast page tier (1h/5m, 14.4x) fires
    expect(objective.burnTiersFiring.map((t: any) => t.tier)).toContain(
      'page-fast',
    );
    expect(output.frozenSince).toBe(objective.exhaustedSince);
    expect(Date.parse(output.frozenSince)).toBeGreaterThan(SPIKE_AFTER);
  });

  it('answers a healthy component: not frozen, nothing firing', async () => {
    const output = await invoke('status', {
      entityRef: 'component:default/cart',
    });
    expect(output.frozen).toBe(false);
    expect(output.frozenSince).toBeNull();
    expect(output.objectives[0]).toMatchObject({
      id: 'cart-availability',
      state: 'ok',
      attainment: 1,
      budgetRemaining: 1,
      burnTiersFiring: [],
    });
  });

  it('explains a freeze by its biggest burn and the deployment just before it', async () => {
    delivery.state.requests.length = 0;
    const output = await invoke('why-frozen', { entityRef: CHECKOUT });
    expect(output.frozen).toBe(true);
    expect(output.exhaustedObjectives).toEqual(['checkout-availability']);
    expect(output.deploymentsChecked).toBe(true);
    expect(output.burns).toHaveLength(1);
    const [burn] = output.burns;
    expect(burn.objectiveId).toBe('checkout-availability');
    // 2 hours at burn rate 1000 of a 720-hour window
    expect(burn.consumed).toBeCloseTo(2000 / 720, 6);
    expect(burn.peakBurnRate).toBe(1000);
    expect(burn.deployments.map((d: any) => d.id)).toEqual(['d-before']);
    expect(burn.explanation).toContain(
      `production deployments in it or just before it: d-before (v-d-before) at ${iso(
        SPIKE_AFTER - 30 * 60_000,
      )}`,
    );
    expect(output.summary).toMatch(
      /^component:default\/checkout is frozen since .*: the error budget of checkout-availability is exhausted\. Biggest burns: checkout-availability burned 277\.8% of its budget/,
    );
    // the SLO backend's own service token
    expect(delivery.state.requests[0].auth).toMatch(/^Bearer /);
    expect(delivery.state.requests[0].query.entityRef).toBe(CHECKOUT);
  });

  it('says the deployments are unknown while the delivery backend is down', async () => {
    delivery.state.down = true;
    const output = await invoke('why-frozen', { entityRef: CHECKOUT });
    expect(output.deploymentsChecked).toBe(false);
    expect(output.burns[0].deployments).toEqual([]);
    expect(output.burns[0].explanation).toMatch(/deployments unknown/);
  });

  it('finds no burn for a healthy component', async () => {
    const output = await invoke('why-frozen', {
      entityRef: 'component:default/cart',
    });
    expect(output).toMatchObject({
      frozen: false,
      burns: [],
      deploymentsChecked: true,
    });
    expect(output.summary).toBe(
      "component:default/cart is not frozen: no error budget is exhausted. No burn faster than the budget allows was found in the objectives' windows.",
    );
  });

  it('rejects bad input naming the field', async () => {
    await expect(invoke('status', { entityRef: 'component:' })).rejects.toThrow(
      /entityRef/,
    );
    await expect(
      invoke('why-frozen', { entityRef: CHECKOUT, limit: 0 }),
    ).rejects.toThrow(/limit/);
  });
});
