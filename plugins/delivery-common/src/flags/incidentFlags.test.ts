import type { FlagEvent } from '../events';
import { incidentFlagContext } from './incidentFlags';

const change = (
  id: string,
  at: string,
  flagKey: string,
  action: FlagEvent['action'],
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: 'component:default/shop',
  flagKey,
  environment: 'production',
  action,
  at,
  ...extra,
});

/*
 * Incident of shop opened 12:00, resolved 14:00; default lookback 2 h: 10:00..12:00.
 *   a 09:30 new-cart on               before the lookback: left out (but served 100 after)
 *   b 10:00 search rollout 20 (0->20)   before: raises
 *   c 11:00 new-cart targeting          before: 100 -> 100
 *   s 11:30 new-cart on in staging      not production: left out
 *   o 11:45 new-cart on of cart         another component: left out
 *   d 12:00 search rollout 50 (20->50)  at the opening: before, raises
 *   e 12:30 search rollout 10 (50->10)  during: lowered
 *   f 13:00 new-cart targeting          during, lowers nothing: left out
 *   g 14:00 new-cart off (100->0)       at the resolution: during
 *   h 14:01 search off                  after the resolution: left out
 */
const changes = [
  change('h', '2026-01-05T14:01:00Z', 'search', 'off'),
  change('a', '2026-01-05T09:30:00Z', 'new-cart', 'on'),
  change('b', '2026-01-05T10:00:00Z', 'search', 'rollout', { percentage: 20 }),
  change('c', '2026-01-05T11:00:00Z', 'new-cart', 'targeting'),
  change('s', '2026-01-05T11:30:00Z', 'new-cart', 'on', {
    environment: 'staging',
  }),
  change('o', '2026-01-05T11:45:00Z', 'new-cart', 'on', {
    entityRef: 'component:default/cart',
  }),
  change('d', '2026-01-05T13:00:00+01:00', 'search', 'rollout', {
    percentage: 50,
  }),
  change('e', '2026-01-05T12:30:00Z', 'search', 'rollout', { percentage: 10 }),
  change('f', '2026-01-05T13:00:00Z', 'new-cart', 'targeting'),
  change('g', '2026-01-05T14:00:00Z', 'new-cart', 'off'),
];

const incident = {
  entityRef: 'Component:default/shop',
  openedAt: '2026-01-05T12:00:00Z',
  resolvedAt: '2026-01-05T14:00:00Z',
};

const ids = (steps: { change: FlagEvent }[]) => steps.map(s => s.change.id);

describe('incidentFlagContext', () => {
  it('gives the production changes of the 2 h before and the lowering changes while open', () => {
    const context = incidentFlagContext(incident, changes);
    expect(ids(context.before)).toEqual(['b', 'c', 'd']);
    expect(ids(context.during)).toEqual(['e', 'g']);
    expect(context.releasedByFlag).toBe(true);
    expect(context.rolledBackByFlag).toBe(true);
    // What each served, from the whole history (a at 09:30 put new-cart at 100).
    expect(
      [...context.before, ...context.during].map(s => [
        s.change.id,
        s.servedBefore,
        s.servedAfter,
      ]),
    ).toEqual([
      ['b', 0, 20],
      ['c', 100, 100],
      ['d', 20, 50],
      ['e', 50, 10],
      ['g', 100, 0],
    ]);
  });

  it('takes another lookback, and an unresolved incident as open until now', () => {
    // 0.5 h: 11:30..12:00 holds only d.
    const context = incidentFlagContext(
      { ...incident, resolvedAt: undefined },
      changes,
      { lookbackHours: 0.5 },
    );
    expect(ids(context.before)).toEqual(['d']);
    expect(ids(context.during)).toEqual(['e', 'g', 'h']);
  });

  it('says neither when flags only changed targeting before and nothing was lowered', () => {
    const context = incidentFlagContext(incident, [
      change('a', '2026-01-05T09:30:00Z', 'new-cart', 'on'),
      change('c', '2026-01-05T11:00:00Z', 'new-cart', 'targeting'),
      change('r', '2026-01-05T13:00:00Z', 'new-cart', 'on'),
    ]);
    expect(ids(context.before)).toEqual(['c']);
    expect(context).toMatchObject({
      during: [],
      releasedByFlag: false,
      rolledBackByFlag: false,
    });
  });

  it('reads the production list given, and refuses a negative lookback', () => {
    const context = incidentFlagContext(incident, changes, {
      productionEnvironments: ['staging'],
    });
    expect(ids(context.before)).toEqual(['s']);
    expect(() =>
      incidentFlagContext(incident, changes, { lookbackHours: -1 }),
    ).toThrow(/lookbackHours/);
  });
});
