import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { goldenPathsPlugin, GoldenPathsPage } from './plugin';
import alphaPlugin, { goldenPathsApi, scorecardGoldenPathApi } from './alpha';
import { GoldenPathsClient } from './api/GoldenPathsClient';

const deps = {
  discoveryApi: { getBaseUrl: async () => '' },
  fetchApi: { fetch },
};

describe('golden-paths', () => {
  it('legacy: the page and both APIs, the scorecards seam included', () => {
    expect(goldenPathsPlugin.getId()).toBe('golden-paths');
    expect(GoldenPathsPage).toBeDefined();
    expect([...goldenPathsPlugin.getApis()].map(api => api.api.id)).toEqual([
      'plugin.golden-paths.api',
      'plugin.delivery-scorecards.golden-path',
    ]);
  });

  it('/alpha: API extensions for both refs', () => {
    expect(alphaPlugin.id).toBe('golden-paths');
    const seam = createExtensionTester(scorecardGoldenPathApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(seam.api.id).toBe('plugin.delivery-scorecards.golden-path');
    expect(seam.factory(deps as any)).toBeInstanceOf(GoldenPathsClient);
    expect(
      createExtensionTester(goldenPathsApi).get(ApiBlueprint.dataRefs.factory)
        .api.id,
    ).toBe('plugin.golden-paths.api');
  });
});
