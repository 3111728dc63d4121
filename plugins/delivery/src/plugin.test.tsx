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
  deliveryApi,
  entityDeploymentsContent,
  entityLastDeploymentsCard,
} from './alpha';
import { DeliveryClient } from './api/DeliveryClient';
import { deliveryPlugin } from './plugin';

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

describe('delivery plugin', () => {
  it('legacy: provides the delivery client', () => {
    const apis = [...deliveryPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual(['plugin.delivery.api']);
    expect(apis[0].factory(deps as any)).toBeInstanceOf(DeliveryClient);
  });

  it('/alpha: provides the delivery client', () => {
    const api = createExtensionTester(deliveryApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(api.api.id).toBe('plugin.delivery.api');
    expect(api.factory(deps as any)).toBeInstanceOf(DeliveryClient);
  });

  it('/alpha: the Deployments tab shows on components, systems and groups', () => {
    const tab = createExtensionTester(entityDeploymentsContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/deployments');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Deployments');
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['Component', 'System', 'Group']);
  });

  it('/alpha: app-config can move and rename the Deployments tab', () => {
    const tab = createExtensionTester(entityDeploymentsContent, {
      config: { path: '/releases', title: 'Releases' },
    });
    expect(tab.get(coreExtensionData.routePath)).toBe('/releases');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Releases');
  });

  it('/alpha: the last deployments card shows on components only', () => {
    const card = createExtensionTester(entityLastDeploymentsCard);
    expect(
      kindsShown(card.get(EntityCardBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['Component']);
  });

  it('/alpha: the plugin installs the tab, the card and the home widget', () => {
    for (const id of [
      'api:delivery',
      'entity-content:delivery/deployments',
      'entity-card:delivery/last-deployments',
      'home-page-widget:delivery/latest-deployments',
    ]) {
      expect(alphaPlugin.getExtension(id as any)).toBeDefined();
    }
  });
});
