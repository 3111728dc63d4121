import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PluginBackendClient } from '@internal/backstage-plugin-maturity-node';
import {
  FakePluginBackend,
  startFakePluginBackend,
} from '@internal/backstage-plugin-maturity-node/testUtils';
import { SloFactProvider } from './SloFactProvider';

describe('SloFactProvider', () => {
  let backend: FakePluginBackend;
  beforeAll(async () => {
    backend = await startFakePluginBackend('slo', () => ({
      items: {
        'component:default/checkout': {
          objectives: [
            {
              id: 'checkout-availability',
              hasMetricSource: true,
              alerting: true,
              periodsMet: [true, false, null],
            },
          ],
        },
        'component:default/search': { objectives: [] },
        'system:default/shop': null,
      },
    }));
  });
  afterAll(() => backend.stop());

  it('asks for the batch in one request and maps objectives to facts', async () => {
    const provider = new SloFactProvider(
      new PluginBackendClient({
        discovery: backend.discovery as any,
        auth: mockServices.auth(),
        pluginId: 'slo',
      }),
    );
    const refs = [
      'component:default/checkout',
      'component:default/search',
      'system:default/shop',
    ];
    const facts = await provider.collect(refs, {
      credentials: mockCredentials.service(),
      now: new Date(),
    });
    expect(backend.requests.map(r => [r.method, r.path, r.body])).toEqual([
      ['POST', '/component-facts', { entityRefs: refs }],
    ]);
    expect(Object.fromEntries(facts)).toEqual({
      'component:default/checkout': {
        objectives: [
          {
            name: 'checkout-availability',
            hasMetricSource: true,
            alerting: true,
            periodsMet: [true, false, null],
          },
        ],
      },
      // no objectives is a fact (its SLO checks fail), not unknown
      'component:default/search': { objectives: [] },
    });
  });
});
