/**
 * The verdicts a team freezes deploys on, one hand-worked case per defect they must
 * not have: short windows, the start of a calendar period, slices at their target and
 * aligned to the clock, a selector that matches nothing, low traffic.
 */
import { classifySlice } from './budget';
import { parseDuration } from './duration';
import { expectedSteps, planEvaluation } from './evaluate';
import { SloObjective } from './model';
import {
  calendarWindow,
  DAY,
  evaluateAt,
  HOUR,
  MIN,
  ms,
  ratioObjective,
  sliceCounts,
  tierStates,
  timeslicesBudgeting,
} from './__testUtils__/evaluation';
import { series } from './__testUtils__/series';
import { budgetWithoutFigures } from './testUtils';

const availability = ratioObjective('availability', '1d');

describe('a 1-day 99.9% objective burning at 0.5x', () => {
  const now = ms('2026-03-30T12:00:00Z');
  const plan = planEvaluation(availability, now);
  // 24 hourly steps of 10,000 requests, 5 bad: 120 / 240,000 = 0.0005 -> burn 0.5
  // 12 five-minute steps of 2000 requests, 1 bad: 0.0005 -> current burn 0.5
  const report = evaluateAt(availability, now, {
    window: () => ({ bad: 5, total: 10_000 }),
    recent: () => ({ bad: 1, total: 2000 }),
  });

  it('keeps no tier and stays ok: half its budget is unused', () => {
    // no tier applies, so the recent series is just the last hour
    expect(plan.recent).toEqual({ from: now - HOUR, to: now, stepMs: 5 * MIN });
    expect(report.burnRates).toEqual([]);
    // remaining 1 - 0.0005 / 0.001 = 0.5; exhaustion at 0.5x: 0.5 * 1d / 0.5 = 1d
    expect(report.budget).toMatchObject({
      remaining: 0.5,
      windowBurnRate: 0.5,
      currentBurnRate: 0.5,
      timeToExhaustionMs: DAY,
    });
    expect(report.state).toBe('ok');
    expect(report.frozen).toBe(false);
  });

  it('says in the explanation which tiers were dropped and why', () => {
    // thresholds p * 24h / L: page-fast 0.02 * 24 = 0.48, page-slow 0.05 * 4 = 0.2
    expect(report.explanations.burnRates.formula).toBe(
      'tiers scaled with W = 1d: none evaluated; ' +
        'page-fast dropped: its threshold 0.02 * 1d / 1h = 0.48 is below 1 (it would fire while budget is left over); ' +
        'page-slow dropped: its threshold 0.05 * 1d / 6h = 0.2 is below 1 (it would fire while budget is left over); ' +
        'ticket-fast dropped: its long window 1d is not shorter than the SLO window 1d; ' +
        'ticket-slow dropped: its long window 3d is not shorter than the SLO window 1d',
    );
  });
});

describe('the first two hours of a calendar month at 0.2% errors', () => {
  const monthly: SloObjective = {
    ...availability,
    window: calendarWindow('1M', 'UTC'),
  };
  // March 2026 has 31 days: 744h. Two hours have elapsed.
  const now = ms('2026-03-01T02:00:00Z');
  const plan = planEvaluation(monthly, now);
  const evaluate = (bad: number, total: number) =>
    evaluateAt(monthly, now, {
      window: () => ({ bad, total }),
      // 3d of 5m steps (ticket-slow on the nominal 30d); the last 2h at 0.2%
      recent: k =>
        k >= 864 - 24 ? { bad: 2, total: 1000 } : { bad: 0, total: 1000 },
    });

  it('spends 2 hours of a 744-hour budget at 2x, not the whole budget', () => {
    expect(expectedSteps(plan.window)).toBe(2);
    // 2 steps of 12,000 requests with 24 bad: ratio 48 / 24,000 = 0.002 -> burn 2
    const report = evaluate(24, 12_000);
    expect(report.budgetModel).toBe('calendar');
    // consumed = (0.002 / 0.001) * (2h / 744h) = 4 / 744 = 0.00537634408602
    // events extrapolated: 24,000 * 744 / 2 = 8,928,000, B allows 8928, 48 spent
    // time left = 0.994623655914 * 0.001 * 744h = 2,678,400 ms - 4/744 of it = 2,664,000
    // exhaustion at the 1h burn rate 2: (744h - 4h) / 2 = 370h = 1,332,000,000 ms
    expect(report.budget).toEqual({
      total: 0.001,
      consumed: 0.00537634408602,
      remaining: 0.994623655914,
      badEventsLeft: 8880,
      timeLeftMs: 2_664_000,
      timeToExhaustionMs: 1_332_000_000,
      windowBurnRate: 2,
      currentBurnRate: 2,
    });
    // tiers: 1h 24/12,000 -> 2 < 14.4; 6h 48/72,000 -> 0.667 < 6;
    // 1d 48/288,000 -> 0.167 < 3; 3d 48/864,000 -> 0.0556 < 1: none fires
    expect(tierStates(report)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(report.state).toBe('ok');
    expect(report.frozen).toBe(false);
    // the burndown follows the same model: after 1h 1 - 2 * 1/744 = 0.997311827957;
    // the ideal after 2h is the same 1 - 2/744
    expect(report.burndown).toEqual([
      {
        t: '2026-03-01T01:00:00.000Z',
        remaining: 0.997311827957,
        ideal: 0.998655913978,
      },
      {
        t: '2026-03-01T02:00:00.000Z',
        remaining: 0.994623655914,
        ideal: 0.997311827957,
      },
    ]);
    expect(report.explanations.budgetRemaining.formula).toBe(
      'budget remaining = 1 - (error ratio / B) * (elapsed / period) = 1 - (0.002 / 0.001) * (2h / 31d) = 0.994624',
    );
    expect(report.explanations.budgetRemaining.model).toBe(
      "calendar model: the budget is the whole period's (31d), with the events so far (2h) extrapolated to the period",
    );
  });

  it('gives no verdict on too few events, even when they would overspend', () => {
    // 2 steps of 100 requests, 50 bad: B * total = 0.001 * 200 = 0.2 < 10 allowed bad
    // remaining = 1 - (0.5 / 0.001) * (2 / 744) = 1 - 1.34408602151 = -0.34408602151
    const report = evaluate(50, 100);
    expect(report.dataQuality.lowTraffic).toBe(true);
    expect(report.budget.remaining).toBe(-0.34408602151);
    expect(report.state).toBe('warning');
    expect(report.frozen).toBe(false);
    expect(report.explanations.state.formula).toBe(
      'warning: budget remaining -0.344086 <= 0, but low traffic is not a verdict: too few events to freeze on',
    );
  });
});

describe('timeslices', () => {
  const sliced: SloObjective = {
    ...availability,
    target: 0.9,
    budgeting: timeslicesBudgeting(0.93, '1h'),
  };

  it('counts a slice whose ratio equals the slice target exactly as good', () => {
    // 1 - 0.07 is 0.9299999999999999 in binary floating point
    expect(1 - 0.07 < 0.93).toBe(true);
    expect(classifySlice(1 - 0.07, 0.93)).toBe('good');
    expect(classifySlice(0.9299, 0.93)).toBe('bad');
    // 24 slices of 7 bad in 100: 0.93 each, all good
    const report = evaluateAt(sliced, ms('2026-03-30T12:00:00Z'), {
      window: () => ({ bad: 7, total: 100 }),
    });
    expect(report.slices).toEqual(sliceCounts(24, 0, 0, 24));
    expect(report.budget.remaining).toBe(1);
  });

  it('accepts a slice target of 1: only perfect slices are good', () => {
    const perfect: SloObjective = {
      ...sliced,
      budgeting: { ...sliced.budgeting, sliceTarget: 1 } as any,
    };
    // slice 0 has 1 bad in 1000: bad; the other 23 good.
    // remaining = 1 - 1 / (0.1 * 24) = 1 - 1/2.4 = 0.583333333333
    const report = evaluateAt(perfect, ms('2026-03-30T12:00:00Z'), {
      window: k => ({ bad: k === 0 ? 1 : 0, total: 1000 }),
    });
    expect(report.slices).toEqual(sliceCounts(23, 1, 0, 24));
    expect(report.budget.remaining).toBe(0.583333333333);
  });

  it('aligns slices to the clock: the same slices at 10:07 and at 10:53', () => {
    const early = ms('2026-03-30T10:07:00Z');
    const late = ms('2026-03-30T10:53:00Z');
    const plan = planEvaluation(sliced, early);
    // whole slices only, on hour boundaries, whatever the minute
    expect(plan.window).toEqual({
      from: ms('2026-03-29T10:00:00Z'),
      to: ms('2026-03-30T10:00:00Z'),
      stepMs: HOUR,
    });
    expect(planEvaluation(sliced, late)).toEqual(plan);
    // slices 3 and 4 bad (50 of 100), 10 without data, the rest good
    const window = (k: number) => {
      if (k === 10) return null;
      return k === 3 || k === 4
        ? { bad: 50, total: 100 }
        : { bad: 0, total: 100 };
    };
    const at = (now: number) => evaluateAt(sliced, now, { window });
    // 24 slices, 2 bad, 1 missing: remaining = 1 - 2 / (0.1 * 24) = 0.166666666667
    for (const report of [at(early), at(late)]) {
      expect(report.slices).toEqual(sliceCounts(21, 2, 1, 24));
      expect(report.budget.remaining).toBe(0.166666666667);
      expect(report.window.from).toBe('2026-03-29T10:00:00.000Z');
      expect(report.explanations.slices.formula).toBe(
        'slices so far: 21 good, 2 bad, 1 without data, of 24 elapsed (24 in the window)',
      );
    }
  });

  it('aligns the slices of a calendar day to its start in the zone', () => {
    const daily: SloObjective = {
      ...sliced,
      window: calendarWindow('1d', 'Asia/Kolkata'),
    };
    // 12:47 in Kolkata (UTC+5:30) is 07:17Z; the day began at 2026-03-29T18:30Z
    const plan = planEvaluation(daily, ms('2026-03-30T07:17:00Z'));
    expect(plan.window).toEqual({
      from: ms('2026-03-29T18:30:00Z'),
      to: ms('2026-03-30T06:30:00Z'),
      stepMs: HOUR,
    });
    expect(expectedSteps(plan.window)).toBe(12);
  });
});

describe('a good selector that matches nothing', () => {
  const latency: SloObjective = {
    ...availability,
    window: { kind: 'rolling', duration: parseDuration('30d') },
    indicator: {
      kind: 'latency',
      metric: 'http_request_duration_seconds',
      selector: 'job="api"',
      thresholdSeconds: 0.3,
    },
  };
  const message =
    'good selector http_request_duration_seconds_bucket{job="api",le="0.3"} matches no series; buckets that exist: 0.1, 0.25, 1';

  it('is a data-quality error with the source message, every figure null, never frozen', () => {
    const now = ms('2026-03-30T12:00:00Z');
    const plan = planEvaluation(latency, now);
    // the total has data, the good counter none: as counts, 0 good of 1000 per step
    const withError = (range: typeof plan.window) => ({
      ...series(range, () => ({ good: 0, bad: 1000, total: 1000 })),
      definitionErrors: [message],
    });
    const report = evaluateAt(latency, now, {
      window: withError(plan.window),
      recent: withError(plan.recent),
      history: withError(plan.history),
    });
    expect(report.dataQuality).toMatchObject({
      status: 'error',
      reason: message,
    });
    expect(report.sli).toBeNull();
    expect(report.counts).toBeNull();
    expect(report.budget).toEqual(budgetWithoutFigures(0.001));
    expect(tierStates(report)).toEqual(Array(4).fill('unknown'));
    expect(report.burndown.every(p => p.remaining === null)).toBe(true);
    expect(report.indicatorSeries.every(p => p.value === null)).toBe(true);
    expect(report.compliance).toEqual([]);
    expect(report.state).toBe('unknown');
    expect(report.frozen).toBe(false);
    expect(report.exhaustedSince).toBeNull();
  });
});

describe('low traffic', () => {
  it('never freezes a rolling window, even with the budget spent', () => {
    // 24 steps of 10 requests, 1 bad in step 0: B * total = 0.24 < 10
    // ratio 1/240 = 0.00416667 -> remaining 1 - 4.16667 = -3.16666666667
    const report = evaluateAt(availability, ms('2026-03-30T12:00:00Z'), {
      window: k => ({ bad: k === 0 ? 1 : 0, total: 10 }),
    });
    expect(report.budget.remaining).toBe(-3.16666666667);
    expect(report.dataQuality.lowTraffic).toBe(true);
    expect(report.state).toBe('warning');
    expect(report.frozen).toBe(false);
    expect(report.exhaustedSince).toBeNull();
  });
});
