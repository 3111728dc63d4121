import { feedingSourceStatuses, sourcesNotFeeding } from './feedingSources';

const component = (annotations: Record<string, string>) => ({
  kind: 'Component',
  metadata: { name: 'cart-service', annotations },
});

const statuses = [
  { id: 'github/github.com', stale: false },
  { id: 'gitlab/gitlab.com', stale: true, lastError: 'no token' },
  { id: 'jenkins/ci.acme.test', stale: true },
  { id: 'pagerduty', stale: true },
  { id: 'release-bot', stale: true },
];

describe('freshness of the sources that feed an entity', () => {
  it('drops annotation-driven sources a component neither names nor has events from', () => {
    const notFeeding = sourcesNotFeeding(
      component({
        'github.com/project-slug': 'acme-retail/cart-service',
        'pagerduty.com/service-id': 'PCK3V8D',
      }),
      ['jenkins'],
    );
    // github and pagerduty by annotation, jenkins by its events: the other three go.
    expect([...notFeeding].sort()).toEqual(['argocd', 'gitlab', 'opsgenie']);
    // release-bot pushes through POST /events: no annotation says it does not feed.
    expect(feedingSourceStatuses(statuses, notFeeding)!.map(s => s.id)).toEqual(
      ['github/github.com', 'jenkins/ci.acme.test', 'pagerduty', 'release-bot'],
    );
  });

  it('keeps every source for systems and groups', () => {
    const system = { ...component({}), kind: 'System' };
    expect(sourcesNotFeeding(system, [])).toEqual(new Set());
    expect(feedingSourceStatuses(statuses, sourcesNotFeeding(system))).toEqual(
      statuses,
    );
  });

  it('passes through an unknown freshness', () => {
    expect(feedingSourceStatuses(undefined, new Set(['github']))).toBe(
      undefined,
    );
  });
});
