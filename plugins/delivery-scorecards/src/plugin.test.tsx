import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
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
import { DoraScorecardsClient } from './api/DoraScorecardsClient';
import { deliveryScorecardsPlugin } from './plugin';

const deps = {
  discoveryApi: { getBaseUrl: async () => 'http://localhost/api/delivery' },
  fetchApi: { fetch },
};

/** The kinds, of a few, whose entity pages show the extension. */
const kindsShown = (shows: (entity: any) => boolean) =>
  ['Component', 'System', 'Group', 'API', 'User'].filter(kind =>
    shows({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    }),
  );

describe('delivery-scorecards plugin', () => {
  it('legacy: provides the scorecards client and both routes', () => {
    const apis = [...deliveryScorecardsPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual(['plugin.delivery-scorecards.api']);
    expect(apis[0].factory(deps as any)).toBeInstanceOf(DoraScorecardsClient);
    expect(Object.keys(deliveryScorecardsPlugin.routes)).toEqual([
      'root',
      'team',
    ]);
  });

  it('/alpha: provides the scorecards client', () => {
    const api = createExtensionTester(doraScorecardsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(api.api.id).toBe('plugin.delivery-scorecards.api');
    expect(api.factory(deps as any)).toBeInstanceOf(DoraScorecardsClient);
  });

  it('/alpha: the DORA card shows on components and systems', () => {
    const card = createExtensionTester(entityDoraCard);
    expect(
      kindsShown(card.get(EntityCardBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['Component', 'System']);
  });

  it('/alpha: the Delivery scorecard tab shows on groups', () => {
    const tab = createExtensionTester(entityTeamScorecardContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/delivery-scorecard');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Delivery scorecard',
    );
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['Group']);
  });

  it('/alpha: the organisation page sits at /scorecards, titled for the sidebar', () => {
    const page = createExtensionTester(orgScorecardsPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(page.get(coreExtensionData.title)).toBe('Scorecards');
    expect(page.get(coreExtensionData.routeRef)).toBe(alphaPlugin.routes.root);
  });

  it('/alpha: app-config can move the organisation page', () => {
    const page = createExtensionTester(orgScorecardsPage, {
      config: { path: '/dora' },
    });
    expect(page.get(coreExtensionData.routePath)).toBe('/dora');
  });

  it('/alpha: the plugin installs the card, tab, page and home widget', () => {
    for (const id of [
      'api:delivery-scorecards',
      'entity-card:delivery-scorecards/dora',
      'entity-content:delivery-scorecards/team-scorecard',
      'page:delivery-scorecards',
      'home-page-widget:delivery-scorecards/dora',
    ]) {
      expect(alphaPlugin.getExtension(id as any)).toBeDefined();
    }
  });
});
