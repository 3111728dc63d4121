import { Entity } from '@backstage/catalog-model';
import { ApplicationIdentity, claimsOf, ownerOf } from './claims';
import { annotatedComponent as component } from '@internal/backstage-plugin-delivery-node/testUtils';

const app = (fields: Partial<ApplicationIdentity>): ApplicationIdentity => ({
  instance: 'argo-prod',
  namespace: 'argocd',
  name: 'checkout',
  project: 'shop',
  labels: {},
  ...fields,
});

const claimsFrom = (...entities: Entity[]) =>
  entities.flatMap(entity => claimsOf(entity).claims);

describe('claimsOf', () => {
  it('reads names (comma-separated), a selector and the scope annotations', () => {
    expect(
      claimsOf(
        component('Checkout', {
          'argocd/app-name': 'checkout-prod, checkout-staging',
          'argocd/app-selector': 'app=checkout',
          'argocd/instance-name': 'argo-prod',
          'argocd/app-namespace': 'team-shop',
        }),
      ).claims.map(c => [
        c.entityRef,
        c.kind,
        c.appName ?? c.selector,
        c.instance,
        c.namespace,
      ]),
    ).toEqual([
      [
        'component:default/checkout',
        'name',
        'checkout-prod',
        'argo-prod',
        'team-shop',
      ],
      [
        'component:default/checkout',
        'name',
        'checkout-staging',
        'argo-prod',
        'team-shop',
      ],
      [
        'component:default/checkout',
        'selector',
        'app=checkout',
        'argo-prod',
        'team-shop',
      ],
    ]);
  });

  it('claims a whole project only without a name or selector, and reports a bad selector', () => {
    expect(
      claimsOf(component('shop', { 'argocd/project-name': 'shop' })).claims,
    ).toEqual([
      {
        entityRef: 'component:default/shop',
        kind: 'project',
        project: 'shop',
        namespace: undefined,
        instance: undefined,
      },
    ]);
    expect(
      claimsOf(component('bad', { 'argocd/app-selector': 'app=a b' })),
    ).toEqual({
      claims: [],
      problems: [
        "component:default/bad: argocd/app-selector 'app=a b': invalid label selector requirement 'app=a b'",
      ],
    });
  });
});

describe('ownerOf', () => {
  it('prefers a name over a selector over a project', () => {
    const claims = claimsFrom(
      component('by-project', { 'argocd/project-name': 'shop' }),
      component('by-labels', { 'argocd/app-selector': 'app=checkout' }),
      component('by-name', { 'argocd/app-name': 'checkout' }),
    );
    expect(ownerOf(claims, app({ labels: { app: 'checkout' } }))).toEqual({
      entityRef: 'component:default/by-name',
    });
    expect(
      ownerOf(
        claims,
        app({ name: 'checkout-canary', labels: { app: 'checkout' } }),
      ),
    ).toEqual({ entityRef: 'component:default/by-labels' });
    expect(ownerOf(claims, app({ name: 'cart' }))).toEqual({
      entityRef: 'component:default/by-project',
    });
  });

  it('honours the instance, namespace and project a claim names', () => {
    const claims = claimsFrom(
      component('payments', {
        'argocd/app-name': 'payments',
        'argocd/instance-name': 'Argo-Prod',
        'argocd/app-namespace': 'team-pay',
        'argocd/project-name': 'pay',
      }),
    );
    const payments = app({
      name: 'payments',
      namespace: 'team-pay',
      project: 'pay',
    });
    expect(ownerOf(claims, payments)).toEqual({
      entityRef: 'component:default/payments',
    });
    for (const other of [
      { instance: 'argo-staging' },
      { namespace: 'argocd' },
      { project: 'default' },
    ]) {
      expect(ownerOf(claims, { ...payments, ...other })).toHaveProperty(
        'unmatched',
      );
    }
  });

  it('reports an application nobody claims, or several claim alike', () => {
    const claims = claimsFrom(
      component('web', { 'argocd/app-selector': 'app=shop' }),
      component('api', { 'argocd/app-selector': 'app in (shop)' }),
    );
    expect(ownerOf(claims, app({ labels: { app: 'shop' } }))).toEqual({
      unmatched: {
        source: 'argocd',
        key: 'argo-prod/argocd/checkout',
        reason:
          'ambiguous: component:default/api, component:default/web all claim Argo CD application argocd/checkout of instance argo-prod by labels (argocd/app-selector)',
      },
    });
    expect(ownerOf(claims, app({ labels: { app: 'other' } }))).toEqual({
      unmatched: {
        source: 'argocd',
        key: 'argo-prod/argocd/checkout',
        reason:
          'no component claims Argo CD application argocd/checkout of instance argo-prod (annotate one with argocd/app-name or argocd/app-selector)',
      },
    });
  });
});
