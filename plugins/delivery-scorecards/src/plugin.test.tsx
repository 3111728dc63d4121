import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { mockApis } from '@backstage/test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import alphaPlugin, {
  doraScorecardsApi,
  entityDoraCard,
  entityTeamScorecardContent,
  orgScorecardsPage,
} from './alpha';
import { DeliveryClient } from '@internal/backstage-plugin-delivery-common/client';
import { deliveryScorecardsPlugin } from './plugin';
import { kindsShown } from './testUtils/fixtures';

describe('delivery-scorecards plugin', () => {
  it('legacy: the scorecards client and the organisation and team routes', () => {
    const [api, ...others] = deliveryScorecardsPlugin.getApis();
    expect(others).toEqual([]);
    expect(api.api.id).toBe('plugin.delivery-scorecards.api');
    expect(
      api.factory({ discoveryApi: mockApis.discovery(), fetchApi: { fetch } }),
    ).toBeInstanceOf(DeliveryClient);
    expect(Object.keys(deliveryScorecardsPlugin.routes)).toEqual([
      'root',
      'team',
    ]);
  });

  it('/alpha: the scorecards client', () => {
    const { api, factory } = createExtensionTester(doraScorecardsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(api.id).toBe('plugin.delivery-scorecards.api');
    const discoveryApi = mockApis.discovery();
    expect(
      factory({ discoveryApi, fetchApi: { fetch } } as any),
    ).toBeInstanceOf(DeliveryClient);
  });

  it('/alpha: the DORA card on components and systems, the scorecard tab on groups', () => {
    const card = createExtensionTester(entityDoraCard);
    expect(
      kindsShown(card.get(EntityCardBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component', 'System']);
    const tab = createExtensionTester(entityTeamScorecardContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/delivery-scorecard');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Delivery scorecard',
    );
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Group']);
  });

  it('/alpha: the organisation page at /scorecards, titled for the sidebar and movable', () => {
    const page = createExtensionTester(orgScorecardsPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(page.get(coreExtensionData.title)).toBe('Scorecards');
    expect(page.get(coreExtensionData.routeRef)).toBe(alphaPlugin.routes.root);
    const moved = createExtensionTester(orgScorecardsPage, {
      config: { path: '/dora' },
    });
    expect(moved.get(coreExtensionData.routePath)).toBe('/dora');
  });

  it.each([
    'api:delivery-scorecards',
    'entity-card:delivery-scorecards/dora',
    'entity-content:delivery-scorecards/team-scorecard',
    'page:delivery-scorecards',
    'home-page-widget:delivery-scorecards/dora',
  ])('/alpha: the plugin installs %s', id => {
    expect(alphaPlugin.getExtension(id as any)).toBeDefined();
  });
});
