import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PluginBackendClient } from '@internal/backstage-plugin-maturity-node';
import {
  FakePluginBackend,
  startFakePluginBackend,
} from '@internal/backstage-plugin-maturity-node/testUtils';
import { GoldenPathFactProvider } from './GoldenPathFactProvider';

const row = (name: string, extra: object) => ({
  entityRef: `component:default/${name}`,
  template: 'template:default/typescript-service',
  ...extra,
});

describe('GoldenPathFactProvider', () => {
  let backend: FakePluginBackend;
  beforeAll(async () => {
    // The drift report as GET /api/golden-paths/drift answers it.
    backend = await startFakePluginBackend('golden-paths', () => ({
      generatedAt: '2026-03-31T12:00:00.000Z',
      readAt: '2026-03-31T12:00:00.000Z',
      stale: false,
      templates: [],
      components: [
        row('orders', {
          version: '1.4.2',
          latestVersion: '2.0.0',
          status: 'behind',
          behind: { level: 'major', count: 1 },
        }),
        row('cart', {
          version: '2.0.0',
          latestVersion: '2.1.0',
          status: 'behind',
          behind: { level: 'minor', count: 1 },
        }),
        row('search', {
          version: '2.1.0',
          latestVersion: '2.1.0',
          status: 'current',
        }),
        {
          entityRef: 'component:default/legacy',
          template: 'template:default/gone',
          version: '1.0.0',
          status: 'unknown-template',
        },
      ],
    }));
  });
  afterAll(() => backend.stop());

  it('reads the drift of the batch in one request; components not in it have no golden path', async () => {
    const provider = new GoldenPathFactProvider(
      new PluginBackendClient({
        discovery: backend.discovery as any,
        auth: mockServices.auth(),
        pluginId: 'golden-paths',
      }),
    );
    const refs = [
      'component:default/orders',
      'component:default/cart',
      'component:default/search',
      'component:default/legacy',
      'component:default/handmade',
    ];
    const facts = await provider.collect(refs, {
      credentials: mockCredentials.service(),
      now: new Date(),
    });
    expect(backend.requests.map(r => [r.method, r.path])).toEqual([
      ['GET', `/drift?entityRef=${encodeURIComponent(refs.join(','))}`],
    ]);
    const template = 'template:default/typescript-service';
    expect(Object.fromEntries(facts)).toEqual({
      'component:default/orders': {
        template,
        version: '1.4.2',
        latestVersion: '2.0.0',
        drift: 'major',
        testsAndScansBeforeProduction: true,
      },
      'component:default/cart': {
        template,
        version: '2.0.0',
        latestVersion: '2.1.0',
        drift: 'minor',
        testsAndScansBeforeProduction: true,
      },
      'component:default/search': {
        template,
        version: '2.1.0',
        latestVersion: '2.1.0',
        drift: 'current',
        testsAndScansBeforeProduction: true,
      },
      // the template is unknown: no drift (its check answers unknown), no CI known
      'component:default/legacy': {
        template: 'template:default/gone',
        version: '1.0.0',
        latestVersion: undefined,
        drift: undefined,
        testsAndScansBeforeProduction: false,
      },
      // not made from a golden path: the check does not apply
      'component:default/handmade': {},
    });
  });
});
