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
  deployGateApi,
  entityDeploymentsContent,
  entityLastDeploymentsCard,
} from './alpha';
import { DeliveryClient } from '@internal/backstage-plugin-delivery-common/client';
import { deliveryPlugin } from './plugin';
import { DeployGateClient } from './gate/DeployGateClient';
import { kindsShown } from './testUtils/fixtures';

describe('delivery plugin', () => {
  it('provides the delivery and deploy gate clients in both frontend systems', () => {
    const factories = [
      ...deliveryPlugin.getApis(),
      createExtensionTester(deliveryApi).get(ApiBlueprint.dataRefs.factory),
      createExtensionTester(deployGateApi).get(ApiBlueprint.dataRefs.factory),
    ];
    const deps = { discoveryApi: mockApis.discovery(), fetchApi: { fetch } };
    expect(factories.map(f => f.api.id)).toEqual([
      'plugin.delivery.api',
      'plugin.delivery.deploy-gate',
      'plugin.delivery.api',
      'plugin.delivery.deploy-gate',
    ]);
    expect(factories.map(f => f.factory(deps as any))).toEqual([
      expect.any(DeliveryClient),
      expect.any(DeployGateClient),
      expect.any(DeliveryClient),
      expect.any(DeployGateClient),
    ]);
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
    'api:delivery/deploy-gate',
    'entity-content:delivery/deployments',
    'entity-card:delivery/last-deployments',
    'home-page-widget:delivery/latest-deployments',
  ])('/alpha: the plugin installs %s', id => {
    expect(alphaPlugin.getExtension(id as any)).toBeDefined();
  });
});
