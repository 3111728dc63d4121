import { Entity } from '@backstage/catalog-model';
import { entityPagePath, ownerRefsOf } from './owners';

const component = (spec: object, relations?: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart', namespace: 'shop' },
  spec,
  relations,
});

describe('ownerRefsOf', () => {
  it('reads ownedBy relations first', () => {
    expect(
      ownerRefsOf(
        component({ owner: 'ignored' }, [
          { type: 'ownedBy', targetRef: 'group:default/Team-Checkout' },
        ]),
      ),
    ).toEqual(['group:default/team-checkout']);
  });

  it('takes a bare spec.owner as a group in the entity namespace', () => {
    expect(ownerRefsOf(component({ owner: 'team-cart' }))).toEqual([
      'group:shop/team-cart',
    ]);
    expect(ownerRefsOf(component({ owner: 'user:default/jane' }))).toEqual([
      'user:default/jane',
    ]);
  });

  it('has no owner for a missing or empty spec.owner', () => {
    expect(ownerRefsOf(component({}))).toEqual([]);
    expect(ownerRefsOf(component({ owner: ' ' }))).toEqual([]);
  });
});

describe('entityPagePath', () => {
  it('builds the catalog path of an entity and a tab', () => {
    expect(entityPagePath('component:default/cart', 'slos')).toEqual(
      '/catalog/default/component/cart/slos',
    );
    expect(entityPagePath('Group:shop/Team A')).toEqual(
      '/catalog/shop/group/Team%20A',
    );
  });
});
