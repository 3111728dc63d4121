import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SelectorIndex, selectorOf } from './selectors';
import { annotatedComponent as component } from '@internal/backstage-plugin-delivery-node/testUtils';

describe('selectorOf', () => {
  it('prefers the component selector, else the team, and ANDs the extra query', () => {
    const both = component('checkout', {
      'opsgenie.com/component-selector': 'tag:"service:checkout"',
      'opsgenie.com/team': 'Payments',
    });
    expect(selectorOf(both)).toBe('tag:"service:checkout"');
    expect(selectorOf(both, 'priority: P1')).toBe(
      '(tag:"service:checkout") AND (priority: P1)',
    );
    expect(
      selectorOf(component('team-only', { 'opsgenie.com/team': 'Pay "Ops"' })),
    ).toBe('teams:"Pay \\"Ops\\""');
    expect(selectorOf(component('none', {}))).toBe(undefined);
  });
});

describe('SelectorIndex', () => {
  it('lists every component with an alert query, once', async () => {
    const index = new SelectorIndex({
      catalog: catalogServiceMock({
        entities: [
          component('Checkout', {
            'opsgenie.com/component-selector': 'tag:"service:checkout"',
            'opsgenie.com/team': 'Payments',
          }),
          component('ledger', { 'opsgenie.com/team': 'Payments' }),
          component('other', { 'pagerduty.com/service-id': 'P1' }),
        ],
      }),
      auth: mockServices.auth(),
    });
    expect(await index.selectors()).toEqual([
      {
        entityRef: 'component:default/checkout',
        query: 'tag:"service:checkout"',
      },
      { entityRef: 'component:default/ledger', query: 'teams:"Payments"' },
    ]);
  });
});
