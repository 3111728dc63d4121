import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  SloMetricSource,
  sloMetricSourcesExtensionPoint,
} from '@internal/backstage-plugin-slo-node';
import { sloModulePrometheus } from './module';

/** A stand-in for the SLO backend that only collects the registered sources. */
function collectingPlugin(into: SloMetricSource[]) {
  return createBackendPlugin({
    pluginId: 'slo',
    register(env) {
      env.registerExtensionPoint(sloMetricSourcesExtensionPoint, {
        addMetricSource: source => into.push(source),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('sloModulePrometheus', () => {
  it('registers one source per configured instance', async () => {
    const sources: SloMetricSource[] = [];
    const backend = await startTestBackend({
      features: [
        collectingPlugin(sources),
        sloModulePrometheus,
        mockServices.rootConfig.factory({
          data: {
            slo: {
              prometheus: {
                instances: [
                  { baseUrl: 'http://prometheus:9090' },
                  {
                    name: 'thanos',
                    baseUrl: 'http://thanos:10902',
                    uiUrl: 'https://thanos.example.com',
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    expect(sources.map(s => [s.id, s.type, s.url])).toEqual([
      ['prometheus:default', 'prometheus', 'http://prometheus:9090'],
      ['prometheus:thanos', 'prometheus', 'https://thanos.example.com'],
    ]);
    expect(typeof sources[0].rules).toBe('function');
    await backend.stop();
  });

  it('registers nothing without configuration', async () => {
    const sources: SloMetricSource[] = [];
    const backend = await startTestBackend({
      features: [collectingPlugin(sources), sloModulePrometheus],
    });
    expect(sources).toEqual([]);
    await backend.stop();
  });

  it('refuses to start on a bad instance', async () => {
    await expect(
      startTestBackend({
        features: [
          collectingPlugin([]),
          sloModulePrometheus,
          mockServices.rootConfig.factory({
            data: { slo: { prometheus: { instances: [{ baseUrl: 'nope' }] } } },
          }),
        ],
      }),
    ).rejects.toThrow(/slo\.prometheus\.instances\[0\]\.baseUrl/);
  });
});
