import { BurnRateTierReport } from '@internal/backstage-plugin-slo-common';
import {
  ComponentEvaluation,
  displayName,
  shortDuration,
  sloEpisodes,
} from './sloEpisodes';

type Objective = ComponentEvaluation['objectives'][number];

const tier = (
  name: BurnRateTierReport['tier'],
  state: BurnRateTierReport['state'],
): BurnRateTierReport => ({
  tier: name,
  severity: name.startsWith('page') ? 'page' : 'ticket',
  longWindowMs: name === 'page-fast' ? 3_600_000 : 21_600_000,
  shortWindowMs: name === 'page-fast' ? 300_000 : 1_800_000,
  threshold: name === 'page-fast' ? 14.4 : 6,
  longBurnRate: 16.24,
  shortBurnRate: 15.01,
  state,
});

const objective = (overrides: Partial<Objective>): Objective => ({
  id: 'availability',
  definition: { displayName: 'Checkout availability' },
  state: 'ok',
  frozen: false,
  exhaustedSince: null,
  burnRates: [],
  freshness: {
    stale: false,
    lastSuccessAt: '2026-12-06T05:00:00Z',
    lastError: null,
    lastErrorAt: null,
  },
  budget: {
    total: 0.001,
    consumed: null,
    remaining: null,
    badEventsLeft: null,
    timeLeftMs: null,
    timeToExhaustionMs: null,
    windowBurnRate: null,
    currentBurnRate: null,
  },
  ...overrides,
});

const component = (objectives: Objective[]): ComponentEvaluation => ({
  entityRef: 'component:default/checkout-service',
  owners: ['group:default/team-checkout'],
  objectives,
});

describe('sloEpisodes', () => {
  it('opens a freeze episode per frozen objective, high severity, linking to the SLOs tab', () => {
    const { episodes, evaluatedSubjects } = sloEpisodes([
      component([
        objective({
          state: 'exhausted',
          frozen: true,
          exhaustedSince: '2026-12-05T22:00:00Z',
          budget: { ...objective({}).budget, remaining: -0.125 },
        }),
      ]),
    ]);
    expect(episodes).toEqual([
      {
        key: 'slo:freeze:component:default/checkout-service:availability',
        subject: 'component:default/checkout-service:availability',
        topic: 'slo-budget-freeze',
        entityRef: 'component:default/checkout-service',
        recipients: ['group:default/team-checkout'],
        link: '/catalog/default/component/checkout-service/slos',
        start: {
          title:
            'Deploys frozen: checkout-service has spent the error budget of Checkout availability',
          description:
            'Error budget spent: 112.5% since 5 Dec 2026, 22:00 UTC. The error budget policy stops production deploys until the budget recovers.',
          severity: 'high',
        },
        end: {
          title:
            'Deploys unfrozen: checkout-service has error budget again on Checkout availability',
          description:
            'The error budget policy no longer stops production deploys of checkout-service.',
          severity: 'normal',
        },
      },
    ]);
    expect([...evaluatedSubjects]).toEqual([
      'component:default/checkout-service:availability',
    ]);
  });

  it('opens one episode per firing severity: page high, ticket normal', () => {
    const { episodes, evaluatedSubjects } = sloEpisodes([
      component([
        objective({
          state: 'critical',
          burnRates: [
            tier('page-fast', 'firing'),
            tier('page-slow', 'ok'),
            tier('ticket-fast', 'firing'),
            tier('ticket-slow', 'unknown'),
          ],
        }),
      ]),
    ]);
    expect(
      episodes.map(e => [e.key, e.topic, e.start.severity, e.end?.severity]),
    ).toEqual([
      [
        'slo:burn:component:default/checkout-service:availability:page',
        'slo-burn-page',
        'high',
        'low',
      ],
      [
        'slo:burn:component:default/checkout-service:availability:ticket',
        'slo-burn-ticket',
        'normal',
        'low',
      ],
    ]);
    expect(episodes[0].start).toEqual({
      title:
        'checkout-service burns the error budget of Checkout availability too fast (page-fast firing)',
      description:
        'page-fast: burn rate 16.2x over 1h and 15x over 5m, threshold 14.4x.',
      severity: 'high',
    });
    // Both severities fire, so both are evaluated.
    expect([...evaluatedSubjects].sort()).toEqual([
      'component:default/checkout-service:availability',
      'component:default/checkout-service:availability:page',
      'component:default/checkout-service:availability:ticket',
    ]);
  });

  it('makes both page tiers one page, and never ends a severity on an unknown tier', () => {
    const { episodes, evaluatedSubjects } = sloEpisodes([
      component([
        objective({
          state: 'critical',
          burnRates: [
            tier('page-fast', 'firing'),
            tier('page-slow', 'firing'),
            tier('ticket-fast', 'ok'),
            tier('ticket-slow', 'unknown'),
          ],
        }),
      ]),
    ]);
    expect(episodes.map(e => e.key)).toEqual([
      'slo:burn:component:default/checkout-service:availability:page',
    ]);
    expect(episodes[0].start.title).toBe(
      'checkout-service burns the error budget of Checkout availability too fast (page-fast, page-slow firing)',
    );
    // ticket: none firing and one unknown, so an open ticket episode would stay open
    expect([...evaluatedSubjects].sort()).toEqual([
      'component:default/checkout-service:availability',
      'component:default/checkout-service:availability:page',
    ]);
  });

  it('neither starts nor ends anything for an objective without current figures', () => {
    const stale = objective({
      state: 'exhausted',
      frozen: true,
      freshness: { ...objective({}).freshness, stale: true },
    });
    const unknown = objective({ id: 'latency', state: 'unknown' });
    expect(sloEpisodes([component([stale, unknown])])).toEqual({
      episodes: [],
      evaluatedSubjects: new Set(),
    });
  });
});

describe('formatting', () => {
  it('shortens durations and names', () => {
    expect(shortDuration(3_600_000)).toBe('1h');
    expect(shortDuration(300_000)).toBe('5m');
    expect(shortDuration(259_200_000)).toBe('3d');
    expect(displayName('component:default/cart')).toBe('cart');
    expect(displayName('component:shop/cart')).toBe('shop/cart');
  });
});
