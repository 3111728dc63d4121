import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PluginBackendClient } from '@internal/backstage-plugin-maturity-node';
import {
  FakePluginBackend,
  startFakePluginBackend,
} from '@internal/backstage-plugin-maturity-node/testUtils';
import { DeliveryFactProvider } from './DeliveryFactProvider';

const checkout = {
  dataSince: '2025-12-01T00:00:00.000Z',
  deploymentsBySource: { github: 5, argocd: 1 },
  productionDeployments: 3,
  preProductionDeployments: 2,
  deploymentsPerDay: 3 / 90,
  leadTimeMedianHours: 4,
  changeFailureRate: { ratio: 1 / 3, band: 'low' },
  recovery: { failures: 1, unrecovered: 0, medianHours: 2, band: 'high' },
};
const progressive = { phasedDeployments: 2, flagReleases: 1 };

describe('DeliveryFactProvider', () => {
  let backend: FakePluginBackend;
  beforeAll(async () => {
    const answers: Record<string, unknown> = {
      'component:default/checkout': { ...checkout, ...progressive },
      'component:default/idle': {
        ...checkout,
        ...progressive,
        dataSince: null,
        deploymentsBySource: {},
      },
    };
    backend = await startFakePluginBackend('delivery', ({ body }) => ({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      windowDays: 90,
      items: Object.fromEntries(
        (body.entityRefs as string[]).map(ref => [ref, answers[ref] ?? null]),
      ),
    }));
  });
  afterAll(() => backend.stop());

  const provider = () =>
    new DeliveryFactProvider(
      new PluginBackendClient({
        discovery: backend.discovery as any,
        auth: mockServices.auth(),
        pluginId: 'delivery',
      }),
    );

  it('asks for the whole batch in one request with a service token, and maps the answer', async () => {
    const facts = await provider().collect(
      [
        'component:default/checkout',
        'component:default/idle',
        'component:default/gone',
      ],
      { credentials: mockCredentials.service(), now: new Date() },
    );
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0]).toMatchObject({
      method: 'POST',
      path: '/component-facts',
      body: {
        entityRefs: [
          'component:default/checkout',
          'component:default/idle',
          'component:default/gone',
        ],
      },
      authorization: expect.stringMatching(/^Bearer /),
    });
    // progressive delivery is another domain's: not in the delivery facts
    expect(facts.get('component:default/checkout')).toEqual({
      windowDays: 90,
      ...checkout,
    });
    // no data yet: no dataSince, never a made-up date
    expect(facts.get('component:default/idle')).not.toHaveProperty('dataSince');
    // null in the answer: no facts for it
    expect(facts.has('component:default/gone')).toBe(false);
  });

  it('throws when the delivery backend is down, so the last good facts are kept', async () => {
    backend.state.mode = 'error';
    await expect(
      provider().collect(['component:default/checkout'], {
        credentials: mockCredentials.service(),
        now: new Date(),
      }),
    ).rejects.toThrow(/503/);
    backend.state.mode = 'up';
  });
});
