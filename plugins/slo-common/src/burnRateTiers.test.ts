import {
  applicableBurnRateTiers,
  burnRateTiers,
  burnRateWindowMs,
  evaluateBurnRateTier,
} from './burnRateTiers';
import { parseDuration } from './duration';
import { SloWindow } from './model';

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

describe('applicable burn-rate tiers', () => {
  const tiersOf = (window: SloWindow) =>
    applicableBurnRateTiers({ window, target: 0.999 });

  it('drops tiers whose long window is not shorter than W or whose threshold is below 1', () => {
    // 1d: page-fast 0.02 * 24h / 1h = 0.48 and page-slow 0.05 * 24h / 6h = 0.2 are
    // below 1; ticket-fast (1d) and ticket-slow (3d) look at the whole window or more
    const oneDay = tiersOf({ kind: 'rolling', duration: parseDuration('1d') });
    expect(oneDay.tiers).toEqual([]);
    expect(oneDay.dropped.map(d => d.name)).toEqual([
      'page-fast',
      'page-slow',
      'ticket-fast',
      'ticket-slow',
    ]);
    expect(oneDay.dropped[2].reason).toBe(
      'ticket-fast dropped: its long window 1d is not shorter than the SLO window 1d',
    );
    // 28d: ticket-slow 0.1 * 672h / 72h = 0.933 < 1
    const fourWeeks = tiersOf({
      kind: 'rolling',
      duration: parseDuration('28d'),
    });
    expect(fourWeeks.tiers.map(t => t.name)).toEqual([
      'page-fast',
      'page-slow',
      'ticket-fast',
    ]);
    expect(fourWeeks.dropped).toEqual([
      {
        name: 'ticket-slow',
        reason:
          'ticket-slow dropped: its threshold 0.1 * 28d / 3d = 0.933333333333 is below 1 (it would fire while budget is left over)',
      },
    ]);
    // 30d keeps all four: ticket-slow is exactly 1
    expect(
      tiersOf({ kind: 'rolling', duration: parseDuration('30d') }).tiers.map(
        t => t.threshold,
      ),
    ).toEqual([14.4, 6, 3, 1]);
  });

  it('scales calendar windows with their nominal length', () => {
    const month: SloWindow = {
      kind: 'calendar',
      duration: parseDuration('1M'),
      timeZone: 'Europe/Paris',
    };
    expect(burnRateWindowMs(month)).toBe(30 * DAY_MS);
    expect(burnRateWindowMs({ ...month, duration: parseDuration('1Q') })).toBe(
      90 * DAY_MS,
    );
    expect(tiersOf(month).tiers.map(t => t.threshold)).toEqual([14.4, 6, 3, 1]);
  });
});
