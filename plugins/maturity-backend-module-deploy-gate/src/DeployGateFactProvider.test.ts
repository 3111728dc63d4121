import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PluginBackendClient } from '@internal/backstage-plugin-maturity-node';
import {
  FakePluginBackend,
  startFakePluginBackend,
} from '@internal/backstage-plugin-maturity-node/testUtils';
import { DeployGateFactProvider } from './DeployGateFactProvider';

describe('DeployGateFactProvider', () => {
  let backend: FakePluginBackend;
  beforeAll(async () => {
    backend = await startFakePluginBackend('deploy-gate', ({ body }) => ({
      since: body.since,
      items: { 'component:default/checkout': 4, 'component:default/cart': 0 },
    }));
  });
  afterAll(() => backend.stop());

  it('counts the last 30 days of decisions for the batch in one request', async () => {
    const provider = new DeployGateFactProvider(
      new PluginBackendClient({
        discovery: backend.discovery as any,
        auth: mockServices.auth(),
        pluginId: 'deploy-gate',
      }),
    );
    const refs = ['component:default/checkout', 'component:default/cart'];
    const facts = await provider.collect(refs, {
      credentials: mockCredentials.service(),
      now: new Date('2026-03-31T12:00:00Z'),
    });
    // 2026-03-31T12:00Z - 30 days = 2026-03-01T12:00Z
    expect(backend.requests.map(r => [r.path, r.body])).toEqual([
      [
        '/decision-counts',
        { entityRefs: refs, since: '2026-03-01T12:00:00.000Z' },
      ],
    ]);
    expect(Object.fromEntries(facts)).toEqual({
      'component:default/checkout': { windowDays: 30, decisions: 4 },
      'component:default/cart': { windowDays: 30, decisions: 0 },
    });
  });
});
