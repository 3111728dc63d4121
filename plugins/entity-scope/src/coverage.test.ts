import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { componentsCoveredBy } from './coverage';

const component = (name: string, owner: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(system
      ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
      : []),
  ],
});
const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});
const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

// org > product > payments; platform beside product. Components in two systems.
const entities = [
  group('org', ['product', 'platform']),
  group('product', ['payments']),
  group('payments'),
  group('platform'),
  component('portal', 'org'),
  component('storefront', 'product', 'shop'),
  component('billing', 'payments', 'shop'),
  component('ci', 'platform', 'tooling'),
  entity('System', 'shop'),
  entity('System', 'tooling'),
  entity('API', 'billing-api'),
];

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
    const storefront = component('storefront', 'product', 'shop');
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
    expect(await covered(group('product'))).toEqual([
      'component:default/billing',
      'component:default/storefront',
    ]);
    // org owns portal and sits above everyone.
    expect(await covered(group('org'))).toEqual([
      'component:default/billing',
      'component:default/ci',
      'component:default/portal',
      'component:default/storefront',
    ]);
    expect(await covered(group('payments'))).toEqual([
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
