import type { FlagEvent } from '../events';
import { flagHistory, flagHistoryKey, flagServedAfter } from './history';

const change = (
  id: string,
  at: string,
  action: FlagEvent['action'],
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: 'component:default/shop',
  flagKey: 'new-cart',
  environment: 'production',
  action,
  at,
  ...extra,
});

/** The history as id -> [servedBefore, servedAfter, release, endedAt]. */
const summary = (changes: FlagEvent[]) =>
  Object.fromEntries(
    flagHistory(changes).map(s => [
      s.change.id,
      [s.servedBefore, s.servedAfter, s.release, s.endedAt ?? null],
    ]),
  );

describe('flagServedAfter', () => {
  it('reads off as 0, on as its percentage or 100, rollout as its percentage, targeting as unchanged', () => {
    expect(flagServedAfter({ action: 'off', percentage: 30 }, 50)).toBe(0);
    expect(flagServedAfter({ action: 'on' }, 0)).toBe(100);
    expect(flagServedAfter({ action: 'on', percentage: 5 }, 0)).toBe(5);
    expect(flagServedAfter({ action: 'rollout', percentage: 25 }, 50)).toBe(25);
    expect(flagServedAfter({ action: 'targeting' }, 40)).toBe(40);
    expect(flagServedAfter({ action: 'targeting', percentage: 10 }, 40)).toBe(
      10,
    );
  });
});

describe('flagHistory', () => {
  it('finds the release (0 to more) and where it ends (0 again), ramp steps included', () => {
    // rollout 5 (0 -> 5, release) / rollout 50 / on (50 -> 100) / off (ends the
    // release at 13:00) / rollout 20 (0 -> 20, a new release, still exposed).
    expect(
      summary([
        change('d', '2026-01-05T13:00:00Z', 'off'),
        change('a', '2026-01-05T10:00:00Z', 'rollout', { percentage: 5 }),
        change('e', '2026-01-05T14:00:00Z', 'rollout', { percentage: 20 }),
        change('b', '2026-01-05T11:00:00Z', 'rollout', { percentage: 50 }),
        change('c', '2026-01-05T12:00:00+00:00', 'on'),
      ]),
    ).toEqual({
      a: [0, 5, true, '2026-01-05T13:00:00Z'],
      b: [5, 50, false, null],
      c: [50, 100, false, null],
      d: [100, 0, false, null],
      e: [0, 20, true, null],
    });
  });

  it('keeps components, flags and environments apart, environments and refs without case', () => {
    const steps = summary([
      change('p', '2026-01-05T10:00:00Z', 'on'),
      change('P', '2026-01-05T11:00:00Z', 'on', {
        environment: 'PRODUCTION',
        entityRef: 'Component:default/Shop',
      }),
      change('s', '2026-01-05T10:30:00Z', 'off', { environment: 'staging' }),
      change('k', '2026-01-05T10:30:00Z', 'off', { flagKey: 'New-Cart' }),
      change('o', '2026-01-05T10:30:00Z', 'off', {
        entityRef: 'component:default/cart',
      }),
    ]);
    // P joins p's history: already served, so no release; the others are alone.
    expect(steps).toEqual({
      p: [0, 100, true, null],
      P: [100, 100, false, null],
      s: [0, 0, false, null],
      k: [0, 0, false, null],
      o: [0, 0, false, null],
    });
    expect(flagHistoryKey({ ...change('x', '', 'on'), flagKey: 'K' })).toBe(
      'component:default/shop\u0000K\u0000production',
    );
  });

  it('orders simultaneous changes by source, then id, whatever the input order', () => {
    // At 10:00 both: launchdarkly/z (on) before unleash/a (off): on then off.
    const on = change('z', '2026-01-05T10:00:00Z', 'on', {
      source: 'launchdarkly',
    });
    const off = change('a', '2026-01-05T11:00:00+01:00', 'off');
    const expected = {
      z: [0, 100, true, '2026-01-05T11:00:00+01:00'],
      a: [100, 0, false, null],
    };
    expect(summary([on, off])).toEqual(expected);
    expect(summary([off, on])).toEqual(expected);
  });

  it('counts a change reported twice once: the second serves what was served', () => {
    expect(
      summary([
        change('u1', '2026-01-05T10:00:00Z', 'on'),
        change('l1', '2026-01-05T10:00:05Z', 'on', { source: 'launchdarkly' }),
      ]),
    ).toEqual({
      u1: [0, 100, true, null],
      l1: [100, 100, false, null],
    });
  });
});
