import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { componentsCoveredBy } from './coverage';

/** An entity of the default namespace with the relations the catalog would add. */
const entity = (
  kind: string,
  name: string,
  relations: Array<[type: string, targetRef: string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});
const ownedBy = (group: string): [string, string] => [
  'ownedBy',
  `group:default/${group}`,
];
const partOf = (system: string): [string, string] => [
  'partOf',
  `system:default/${system}`,
];
const parentOf = (...groups: string[]) =>
  groups.map((g): [string, string] => ['parentOf', `group:default/${g}`]);

// org > product > payments; platform beside product. Components in two systems.
const entities = [
  entity('Group', 'org', parentOf('product', 'platform')),
  entity('Group', 'product', parentOf('payments')),
  entity('Group', 'payments'),
  entity('Group', 'platform'),
  entity('Component', 'portal', [ownedBy('org')]),
  entity('Component', 'storefront', [ownedBy('product'), partOf('shop')]),
  entity('Component', 'billing', [ownedBy('payments'), partOf('shop')]),
  entity('Component', 'ci', [ownedBy('platform'), partOf('tooling')]),
  entity('System', 'shop'),
  entity('System', 'tooling'),
  entity('API', 'billing-api'),
];
const named = (name: string) => entities.find(e => e.metadata.name === name)!;

const covered = async (target: Entity) =>
  (
    await componentsCoveredBy(target, {
      catalog: catalogServiceMock({ entities }),
      credentials: mockCredentials.user(),
      fields: [],
    })
  ).map(e => stringifyEntityRef(e));

describe('componentsCoveredBy', () => {
  it('covers a component with itself, without asking the catalog', async () => {
    const catalog = catalogServiceMock.mock();
    const storefront = named('storefront');
    await expect(
      componentsCoveredBy(storefront, {
        catalog,
        credentials: mockCredentials.user(),
        fields: [],
      }),
    ).resolves.toEqual([storefront]);
    expect(catalog.getEntities).not.toHaveBeenCalled();
  });

  it('covers a system with its components, sorted by ref', async () => {
    expect(await covered(entity('System', 'shop'))).toEqual([
      'component:default/billing',
      'component:default/storefront',
    ]);
    expect(await covered(entity('System', 'tooling'))).toEqual([
      'component:default/ci',
    ]);
  });

  it("covers a group with its own components and its descendant groups'", async () => {
    // product owns storefront; payments, below it, owns billing.
    expect(await covered(named('product'))).toEqual([
      'component:default/billing',
      'component:default/storefront',
    ]);
    // org owns portal and sits above everyone.
    expect(await covered(named('org'))).toEqual([
      'component:default/billing',
      'component:default/ci',
      'component:default/portal',
      'component:default/storefront',
    ]);
    expect(await covered(named('payments'))).toEqual([
      'component:default/billing',
    ]);
  });

  it('refuses other kinds with a 400 naming the entity', async () => {
    await expect(covered(entity('API', 'billing-api'))).rejects.toMatchObject({
      name: 'InputError',
      message:
        'entityRef: api:default/billing-api is a API; use a component, system or group',
    });
  });
});
