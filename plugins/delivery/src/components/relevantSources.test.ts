import { Entity } from '@backstage/catalog-model';
import { relevantSourceStatuses, sourcesFeeding } from './relevantSources';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', annotations },
  spec: {},
});

const statuses = [
  { id: 'github/github.com', stale: false },
  { id: 'gitlab/gitlab.com', stale: true, lastError: 'no token' },
  { id: 'pagerduty', stale: true },
  { id: 'demo', stale: false },
];

describe('relevant source freshness', () => {
  it('keeps the sources a component is annotated for or has events from', () => {
    const feeding = sourcesFeeding(
      component({
        'github.com/project-slug': 'acme-retail/cart-service',
        'pagerduty.com/service-id': 'PCK3V8D',
      }),
      ['demo'],
    );
    expect([...feeding!].sort()).toEqual(['demo', 'github', 'pagerduty']);
    expect(relevantSourceStatuses(statuses, feeding)!.map(s => s.id)).toEqual([
      'github/github.com',
      'pagerduty',
      'demo',
    ]);
  });

  it('keeps every source for systems and groups', () => {
    const system: Entity = { ...component({}), kind: 'System' };
    expect(sourcesFeeding(system, ['github'])).toBeUndefined();
    expect(relevantSourceStatuses(statuses, undefined)).toBe(statuses);
  });

  it('passes through an unknown freshness', () => {
    expect(relevantSourceStatuses(undefined, new Set(['github']))).toBe(
      undefined,
    );
  });
});
