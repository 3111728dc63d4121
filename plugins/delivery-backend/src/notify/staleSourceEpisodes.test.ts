import { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import { humanDuration, staleSourceEpisodes } from './staleSourceEpisodes';

const now = new Date('2026-12-06T12:00:00Z');
const HOUR = 3_600_000;

const fed = new Map([
  [
    'argocd',
    [
      {
        entityRef: 'component:default/checkout-service',
        owners: ['group:default/team-checkout'],
      },
      {
        entityRef: 'component:default/cart-service',
        owners: ['group:default/team-checkout'],
      },
      {
        entityRef: 'component:default/search-service',
        owners: ['group:default/team-catalog'],
      },
    ],
  ],
]);

const source = (overrides: Partial<SourceStatus>): SourceStatus => ({
  id: 'argocd/prod',
  source: 'argocd',
  instance: 'prod',
  stale: false,
  failing: [],
  ...overrides,
});

describe('staleSourceEpisodes', () => {
  it('tells each owning team once the source has been stale for the threshold', () => {
    const { episodes, evaluatedSubjects } = staleSourceEpisodes(
      [
        source({
          stale: true,
          // 3 h 30 min before now, threshold 2 h.
          staleSince: '2026-12-06T09:30:00+01:00',
          failing: ['pull'],
          lastError: 'HTTP 401',
        }),
      ],
      fed,
      { now, staleForMs: 2 * HOUR },
    );
    expect(episodes).toEqual([
      {
        key: 'delivery:stale:argocd/prod:group:default/team-catalog',
        subject: 'argocd/prod',
        topic: 'delivery-source-stale',
        entityRef: 'group:default/team-catalog',
        recipients: ['group:default/team-catalog'],
        link: '/catalog/default/group/team-catalog/deployments',
        start: {
          title: 'Delivery source argocd/prod stale for 3 hours 30 minutes',
          description:
            'No fresh data since 2026-12-06T09:30:00+01:00; it feeds search-service: their deployments and DORA figures may be missing recent events. Failing: pull (HTTP 401).',
          severity: 'normal',
        },
        end: {
          title: 'Delivery source argocd/prod is fresh again',
          severity: 'low',
        },
      },
      expect.objectContaining({
        key: 'delivery:stale:argocd/prod:group:default/team-checkout',
        recipients: ['group:default/team-checkout'],
        start: expect.objectContaining({
          description:
            'No fresh data since 2026-12-06T09:30:00+01:00; it feeds cart-service, checkout-service: their deployments and DORA figures may be missing recent events. Failing: pull (HTTP 401).',
        }),
      }),
    ]);
    // Still stale: nothing of it may end.
    expect(evaluatedSubjects).toEqual(new Set());
  });

  it('waits below the threshold, ends when fresh, and has no verdict on disabled or undated sources', () => {
    const result = staleSourceEpisodes(
      [
        // 1 h 59 min: below 2 h.
        source({ stale: true, staleSince: '2026-12-06T10:01:00Z' }),
        source({ id: 'github', source: 'github', instance: undefined }),
        source({ id: 'gitlab', source: 'gitlab', disabled: true }),
        source({ id: 'jenkins', source: 'jenkins', stale: true }),
      ],
      fed,
      { now, staleForMs: 2 * HOUR },
    );
    expect(result.episodes).toEqual([]);
    expect(result.evaluatedSubjects).toEqual(
      new Set(['argocd/prod', 'github']),
    );
  });

  it('writes durations in words', () => {
    expect(humanDuration(2 * HOUR)).toBe('2 hours');
    expect(humanDuration(26 * HOUR + 60_000)).toBe('1 day 2 hours 1 minute');
    expect(humanDuration(30_000)).toBe('less than a minute');
  });
});
