import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { MaturityClient } from '@internal/backstage-plugin-maturity-common/client';
import alphaPlugin, {
  entityMaturityContent,
  maturityApi,
  maturityPage,
} from './alpha';
import { cartEntity } from './testUtils/fixtures';

const kindsShown = (shows?: (entity: Entity) => boolean) =>
  ['Component', 'System', 'Group', 'API', 'User'].filter(kind =>
    shows?.({ ...cartEntity, kind }),
  );

describe('maturity /alpha', () => {
  it('provides the maturity client', () => {
    const api = createExtensionTester(maturityApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(api.api.id).toBe('plugin.maturity.api');
    expect(
      api.factory({
        discoveryApi: { getBaseUrl: async () => '' },
        fetchApi: { fetch },
      } as any),
    ).toBeInstanceOf(MaturityClient);
  });

  it('the Maturity tab shows on components, systems and groups', () => {
    const tab = createExtensionTester(entityMaturityContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('/maturity');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Maturity');
    expect(
      kindsShown(tab.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component', 'System', 'Group']);
  });

  it('the organisation page is at /maturity', () => {
    expect(
      createExtensionTester(maturityPage).get(coreExtensionData.routePath),
    ).toBe('/maturity');
  });

  it.each(['api:maturity', 'entity-content:maturity', 'page:maturity'])(
    'the plugin installs %s',
    id => {
      expect(alphaPlugin.getExtension(id as any)).toBeDefined();
    },
  );
});
