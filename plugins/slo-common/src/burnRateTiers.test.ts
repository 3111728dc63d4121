import { burnRateTiers, evaluateBurnRateTier } from './burnRateTiers';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

describe('burn-rate tiers', () => {
  it('gives the workbook thresholds on a 30d window', () => {
    const tiers = burnRateTiers({ windowMs: 30 * DAY_MS, target: 0.999 });
    expect(
      tiers.map(t => [
        t.name,
        t.threshold,
        t.shortWindowMs / MINUTE_MS,
        t.severity,
      ]),
    ).toEqual([
      ['page-fast', 14.4, 5, 'page'],
      ['page-slow', 6, 30, 'page'],
      ['ticket-fast', 3, 120, 'ticket'],
      ['ticket-slow', 1, 360, 'ticket'],
    ]);
    expect(tiers.every(t => t.canFire)).toBe(true);
  });

  it('scales the thresholds for a 28d window', () => {
    const tiers = burnRateTiers({ windowMs: 28 * DAY_MS, target: 0.999 });
    // p * 672h / long window
    expect(tiers.map(t => t.threshold)).toEqual([
      13.44, 5.6, 2.8, 0.933333333333,
    ]);
  });

  it('selects tiers per objective', () => {
    const tiers = burnRateTiers({
      windowMs: 30 * DAY_MS,
      target: 0.999,
      enabled: ['page-fast', 'ticket-slow'],
    });
    expect(tiers.map(t => t.name)).toEqual(['page-fast', 'ticket-slow']);
    expect(
      burnRateTiers({ windowMs: 30 * DAY_MS, target: 0.999, enabled: [] }),
    ).toEqual([]);
  });

  it('warns when a tier can never fire', () => {
    // target 90%: B = 0.1, 14.4 * 0.1 = 1.44 > 100% errors
    const [fast, slow] = burnRateTiers({ windowMs: 30 * DAY_MS, target: 0.9 });
    expect(fast.canFire).toBe(false);
    expect(fast.warning).toBe(
      'tier page-fast can never fire: a burn rate of 14.4 needs an error ratio of 1.44, above 100%',
    );
    expect(slow.canFire).toBe(true);
    expect(slow.warning).toBeUndefined();
  });

  it('fires only when both windows burn above the threshold', () => {
    const [tier] = burnRateTiers({ windowMs: 30 * DAY_MS, target: 0.999 });
    const firing = evaluateBurnRateTier({
      tier,
      target: 0.999,
      longErrorRatio: 0.015,
      shortErrorRatio: 0.02,
    });
    expect(firing.state).toBe('firing');
    expect(firing.longBurnRate).toBe(15);
    expect(firing.shortBurnRate).toBe(20);
    // the burn stopped: the short window recovered
    expect(
      evaluateBurnRateTier({
        tier,
        target: 0.999,
        longErrorRatio: 0.015,
        shortErrorRatio: 0.01,
      }).state,
    ).toBe('ok');
    expect(
      evaluateBurnRateTier({ tier, target: 0.999, longErrorRatio: 0.015 })
        .state,
    ).toBe('unknown');
  });
});
