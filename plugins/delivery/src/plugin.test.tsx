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
  deliveryApi,
  entityDeploymentsContent,
  entityLastDeploymentsCard,
} from './alpha';
import { DeliveryClient } from '@internal/backstage-plugin-delivery-common/client';
import { deliveryPlugin } from './plugin';
import { kindsShown } from './testUtils/fixtures';

describe('delivery plugin', () => {
  it('provides the delivery client in both frontend systems', () => {
    const factories = [
      ...deliveryPlugin.getApis(),
      createExtensionTester(deliveryApi).get(ApiBlueprint.dataRefs.factory),
    ];
    const deps = { discoveryApi: mockApis.discovery(), fetchApi: { fetch } };
    expect(factories.map(f => f.api.id)).toEqual([
      'plugin.delivery.api',
      'plugin.delivery.api',
    ]);
    for (const { factory } of factories) {
      expect(factory(deps as any)).toBeInstanceOf(DeliveryClient);
    }
  });

  it('/alpha: the Deployments tab, movable and renamable in app-config', () => {
    const tab = createExtensionTester(entityDeploymentsContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/deployments');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Deployments');
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component', 'System', 'Group']);
    const configured = createExtensionTester(entityDeploymentsContent, {
      config: { path: '/releases', title: 'Releases' },
    });
    expect(configured.get(coreExtensionData.routePath)).toBe('/releases');
    expect(configured.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Releases',
    );
  });

  it('/alpha: the last deployments card shows on components only', () => {
    const card = createExtensionTester(entityLastDeploymentsCard);
    expect(
      kindsShown(card.get(EntityCardBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component']);
  });

  it.each([
    'api:delivery',
    'entity-content:delivery/deployments',
    'entity-card:delivery/last-deployments',
    'home-page-widget:delivery/latest-deployments',
  ])('/alpha: the plugin installs %s', id => {
    expect(alphaPlugin.getExtension(id as any)).toBeDefined();
  });
});
