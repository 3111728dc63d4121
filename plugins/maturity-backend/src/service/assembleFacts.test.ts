import { assembleFacts } from './assembleFacts';

const at = (iso: string) => new Date(iso);
const catalog = {
  entityRef: 'component:default/a',
  domain: 'catalog',
  facts: { owner: 'group:default/t', annotations: {}, links: [] },
  collectedAt: at('2026-03-10T00:00:00Z'),
};

describe('assembleFacts', () => {
  const options = {
    now: at('2026-03-10T00:00:00Z'),
    maxFactAgeMs: 7 * 86_400_000,
    catalogLink: (ref: string) => `/catalog/${ref}`,
  };

  it('keeps stale facts in use, saying since when; drops them past the maximum age', () => {
    const assembled = assembleFacts(
      [
        catalog,
        // collected 2 days ago, stale since yesterday: kept, marked
        {
          entityRef: 'component:default/a',
          domain: 'delivery',
          facts: { windowDays: 90 },
          collectedAt: at('2026-03-08T00:00:00Z'),
          staleSince: at('2026-03-09T00:00:00Z'),
        },
        // collected 8 days ago (over 7): dropped, its checks answer unknown
        {
          entityRef: 'component:default/a',
          domain: 'slo',
          facts: { objectives: [] },
          collectedAt: at('2026-03-02T00:00:00Z'),
          staleSince: at('2026-03-03T00:00:00Z'),
        },
        // no catalog facts: not collected yet, left out
        {
          entityRef: 'component:default/b',
          domain: 'delivery',
          facts: { windowDays: 90 },
          collectedAt: at('2026-03-10T00:00:00Z'),
        },
      ],
      options,
    );
    expect([...assembled.keys()]).toEqual(['component:default/a']);
    const a = assembled.get('component:default/a')!;
    expect(a.facts).toEqual({
      entityRef: 'component:default/a',
      catalog: catalog.facts,
      links: { catalog: '/catalog/component:default/a' },
      delivery: { windowDays: 90 },
    });
    expect(a.freshness).toEqual([
      {
        domain: 'delivery',
        collectedAt: '2026-03-08T00:00:00.000Z',
        staleSince: '2026-03-09T00:00:00.000Z',
      },
    ]);
  });

  it('lists the provided domains it has no usable facts of as unavailable', () => {
    const assembled = assembleFacts(
      [
        catalog,
        {
          entityRef: 'component:default/a',
          domain: 'delivery',
          facts: { windowDays: 90 },
          collectedAt: at('2026-03-09T00:00:00Z'),
        },
        // too old: dropped, so unavailable too
        {
          entityRef: 'component:default/a',
          domain: 'slo',
          facts: { objectives: [] },
          collectedAt: at('2026-03-01T00:00:00Z'),
        },
      ],
      {
        ...options,
        // progressiveDelivery: installed, never collected (its first run failed)
        providedDomains: ['delivery', 'slo', 'progressiveDelivery'],
      },
    );
    expect(assembled.get('component:default/a')!.facts.unavailable).toEqual([
      'slo',
      'progressiveDelivery',
    ]);
  });
});
