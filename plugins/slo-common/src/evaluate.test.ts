import { parseDuration } from './duration';
import {
  budgetConsumedOver,
  compliancePeriods,
  CountSeriesData,
  expectedSteps,
  planEvaluation,
  remainingAt,
  StepCounts,
} from './evaluate';
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

const rolling30d = ratioObjective('api-availability', '30d');
const NOW = ms('2026-03-31T00:00:00Z');

describe('planEvaluation', () => {
  it('asks 1h steps over the window, 5m steps over the longest tier and history from the previous quarter', () => {
    const plan = planEvaluation(rolling30d, NOW);
    expect(plan.window).toEqual({
      from: NOW - 30 * DAY,
      to: NOW,
      stepMs: HOUR,
    });
    // the 3d ticket-slow tier is the longest
    expect(plan.recent).toEqual({
      from: NOW - 3 * DAY,
      to: NOW,
      stepMs: 5 * MIN,
    });
    // Q1 2026 started 2026-01-01; the previous quarter on 2025-10-01 (UTC)
    expect(plan.history.from).toBe(ms('2025-10-01T00:00:00Z'));
    expect(expectedSteps(plan.window)).toBe(720);
    expect(expectedSteps(plan.recent)).toBe(864);
  });

  it('uses the slice length as step for timeslices and only the enabled tiers', () => {
    const plan = planEvaluation(
      {
        ...rolling30d,
        budgeting: timeslicesBudgeting(0.95, '1m'),
        burnRateTiers: ['page-fast'],
      },
      NOW,
    );
    expect(plan.window.stepMs).toBe(MIN);
    expect(plan.recent).toEqual({ from: NOW - HOUR, to: NOW, stepMs: MIN });
    // slices are short: history from the previous month (2026-02-01), not quarter
    expect(plan.history).toEqual({
      from: ms('2026-02-01T00:00:00Z'),
      to: NOW,
      stepMs: MIN,
    });
  });
});

describe('evaluateObjective, occurrences, rolling window', () => {
  const plan = planEvaluation(rolling30d, NOW);
  // 720 hourly steps of 1000 requests; every other hour has one error:
  // total = 720,000, bad = 360.
  const window = series(plan.window, k => ({ bad: k % 2, total: 1000 }));
  // 864 five-minute steps of 100 requests; the last hour (12 steps) has 1 error each.
  const recent = series(plan.recent, k => ({
    bad: k >= 864 - 12 ? 1 : 0,
    total: 100,
  }));
  const report = evaluateAt(rolling30d, NOW, { window, recent });

  it('sums counts into SLI, budget and bad events left', () => {
    // error ratio = 360 / 720,000 = 0.0005; B = 0.001
    // burn rate = 0.0005 / 0.001 = 0.5; remaining = 1 - 0.5 = 0.5
    // bad events left = 0.001 * 720,000 - 360 = 720 - 360 = 360
    // time left = 0.5 * 0.001 * 30d = 0.0005 * 2,592,000,000 ms = 1,296,000 ms (21.6 min)
    expect(report.counts).toEqual({ good: 719_640, bad: 360, total: 720_000 });
    expect(report.sli).toBe(0.9995);
    expect(report.budget).toEqual({
      total: 0.001,
      consumed: 0.5,
      remaining: 0.5,
      badEventsLeft: 360,
      timeLeftMs: 1_296_000,
      // last hour: 12 / 1200 = 0.01 -> burn 10; 0.5 * 30d / 10 = 1.5d = 129,600,000 ms
      timeToExhaustionMs: 129_600_000,
      windowBurnRate: 0.5,
      currentBurnRate: 10,
    });
    expect(report.state).toBe('ok');
    expect(report.frozen).toBe(false);
    expect(report.dataQuality).toMatchObject({
      status: 'ok',
      lowTraffic: false,
      coverage: 1,
    });
    expect(report.window).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
    });
  });

  it('evaluates the four tiers from the 5m steps', () => {
    // page-fast  1h: 12/1200 -> 10;      5m: 1/100 -> 10;   threshold 14.4 -> ok
    // page-slow  6h: 12/7200 -> 1.66667; 30m: 6/600 -> 10;  threshold 6    -> ok
    // ticket-fast 1d: 12/28,800 -> 0.416667; 2h: 12/2400 -> 5; threshold 3 -> ok
    // ticket-slow 3d: 12/86,400 -> 0.138889; 6h -> 1.66667;  threshold 1   -> ok
    expect(
      report.burnRates.map(r => [
        r.tier,
        r.threshold,
        r.longBurnRate,
        r.shortBurnRate,
        r.state,
      ]),
    ).toEqual([
      ['page-fast', 14.4, 10, 10, 'ok'],
      ['page-slow', 6, 1.66666666667, 10, 'ok'],
      ['ticket-fast', 3, 0.416666666667, 5, 'ok'],
      ['ticket-slow', 1, 0.138888888889, 1.66666666667, 'ok'],
    ]);
  });

  it('explains every figure with formula, numbers, window and queries', () => {
    expect(report.explanations.budgetRemaining).toEqual({
      formula:
        'budget remaining = 1 - error ratio / B = 1 - 0.0005 / 0.001 = 0.5',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
      counts: { good: 719_640, bad: 360, total: 720_000 },
      queries: ['q'],
      model:
        'rolling model: the budget of the last 30d is B * the events in it',
    });
    expect(report.explanations.errorRatio.formula).toBe(
      'error ratio = sum(bad) / sum(total) = 360 / 720000 = 0.0005',
    );
    expect(report.explanations.badEventsLeft.formula).toBe(
      'bad events left = B * total - bad = 0.001 * 720000 - 360 = 360',
    );
    expect(report.explanations.timeToExhaustion.formula).toBe(
      'time to exhaustion = remaining * window / current burn rate = 0.5 * 30d / 10 = 1.5d',
    );
    expect(Object.keys(report.explanations)).toEqual(
      expect.arrayContaining([
        'sli',
        'budgetTotal',
        'budgetConsumed',
        'timeLeft',
        'currentBurnRate',
        'windowBurnRate',
        'burnRate:page-fast',
        'dataQuality',
        'state',
        'frozen',
      ]),
    );
  });

  it('draws the burndown from window start with the linear ideal', () => {
    expect(report.burndown).toHaveLength(720);
    // step 1 (k=0): 0 bad of 1000 -> remaining 1; ideal 1 - 1/720
    expect(report.burndown[0]).toEqual({
      t: '2026-03-01T01:00:00.000Z',
      remaining: 1,
      ideal: 0.998611111111,
    });
    // step 2: 1 bad of 2000 -> 1 - 0.0005 / 0.001 = 0.5
    expect(report.burndown[1].remaining).toBe(0.5);
    // step 3: 1 of 3000 -> 1 - 0.000333333/0.001 = 0.666667
    expect(report.burndown[2].remaining).toBe(0.666666666667);
    expect(report.burndown[719]).toEqual({
      t: '2026-03-31T00:00:00.000Z',
      remaining: 0.5,
      ideal: 0,
    });
    // the indicator per step: 1 - 1/1000 on odd steps
    expect(report.indicatorSeries[1]).toEqual({
      t: '2026-03-01T02:00:00.000Z',
      value: 0.999,
    });
  });

  it('pages when the last hour burns fast, and freezes when the budget is gone', () => {
    // last hour: 12 steps of 20 bad in 100: 1h 240/1200 = 0.2 -> burn 200 (>= 14.4);
    // 5m 20/100 -> 200: page-fast fires. 6h: 240/7200 -> 33.3; 30m: 120/600 -> 200: page-slow too.
    const burning = series(plan.recent, k => ({
      bad: k >= 864 - 12 ? 20 : 0,
      total: 100,
    }));
    const critical = evaluateAt(rolling30d, NOW, { window, recent: burning });
    expect(critical.state).toBe('critical');
    expect(tierStates(critical)).toEqual([
      'firing',
      'firing',
      'firing', // 1d: 240/28,800 -> 8.33; 2h: 240/2400 -> 100
      'firing', // 3d: 240/86,400 -> 2.78; 6h -> 33.3
    ]);

    // an incident: step 600 (k=599) fails all 1000 requests, nothing else fails.
    // total 720,000, bad 1000 -> ratio 0.00138889 -> remaining 1 - 1.38889 = -0.388889
    const incident = series(plan.window, k => ({
      bad: k === 599 ? 1000 : 0,
      total: 1000,
    }));
    const exhausted = evaluateAt(rolling30d, NOW, { window: incident, recent });
    expect(exhausted.budget.remaining).toBeCloseTo(-0.388889, 6);
    // 0.001 * 720,000 - 1000 = -280 bad events over budget
    expect(exhausted.budget.badEventsLeft).toBe(-280);
    expect(exhausted.budget.timeToExhaustionMs).toBe(0);
    expect(exhausted.state).toBe('exhausted');
    expect(exhausted.frozen).toBe(true);
    // at step 600 the cumulative ratio is 1000/600,000 -> remaining -0.666667, and it
    // stays below 0 to the end: exhausted since 2026-03-01 + 600h = 2026-03-26T00:00Z
    expect(exhausted.burndown[599].remaining).toBeCloseTo(-0.666667, 6);
    expect(exhausted.exhaustedSince).toBe('2026-03-26T00:00:00.000Z');
    expect(
      evaluateAt(rolling30d, NOW, {
        window: incident,
        recent,
        freezeWhenExhausted: false,
      }).frozen,
    ).toBe(false);
  });
});

describe('evaluateObjective, recorded ratio (Sloth SLO from sloth_slo_info)', () => {
  it('says the error ratio is time-weighted, over fractional bad readings', () => {
    const objective: SloObjective = {
      ...rolling30d,
      indicator: {
        kind: 'recordedRatio',
        errorRatio: { query: 'slo:sli_error:ratio_rate5m{sloth_id="api"}' },
      },
    };
    // 720 hourly steps of 60 one-minute readings of 0.0005 each: bad 0.03 a step.
    const report = evaluateAt(objective, NOW, {
      window: () => ({ bad: 0.03, total: 60 }),
      recent: () => ({ bad: 0.0025, total: 5 }),
    });
    // 720 x 0.03 = 21.6 bad of 720 x 60 = 43,200 readings: ratio 0.0005, as the
    // average of the readings; B = 0.001 -> remaining 0.5
    expect(report.explanations.errorRatio.formula).toBe(
      'error ratio = sum(recorded ratio readings) / readings (time-weighted: one event per minute, not per request) = 21.6 / 43200 = 0.0005',
    );
    expect(report.budget.remaining).toBeCloseTo(0.5, 9);
  });
});

describe('evaluateObjective, occurrences, calendar month', () => {
  const monthly: SloObjective = {
    ...rolling30d,
    window: calendarWindow('1M', 'Europe/Paris'),
  };
  const now = ms('2024-03-15T12:00:00Z');
  const plan = planEvaluation(monthly, now);

  it('covers the month so far and budgets against the whole month', () => {
    // March 2024 in Paris: 2024-02-29T23:00Z .. 2024-03-31T22:00Z = 31d - 1h = 743h;
    // elapsed at now: 14d 13h = 349h -> 349 hourly steps.
    expect(plan.window.from).toBe(ms('2024-02-29T23:00:00Z'));
    expect(expectedSteps(plan.window)).toBe(349);
    // every step: 1 bad in 2000 -> total 698,000, bad 349, ratio 0.0005
    const report = evaluateAt(monthly, now, {
      window: () => ({ bad: 1, total: 2000 }),
      recent: () => ({ bad: 0, total: 100 }),
    });
    expect(report.window).toEqual({
      from: '2024-02-29T23:00:00.000Z',
      to: '2024-03-31T22:00:00.000Z',
    });
    expect(report.sli).toBe(0.9995);
    expect(report.budgetModel).toBe('calendar');
    // Calendar model: the budget is the whole month's. consumed = (0.0005 / 0.001) *
    // (349h / 743h) = 174.5 / 743 = 0.234858681023 -> remaining 0.765141318977.
    // Events so far extrapolated to the month: 698,000 * 743 / 349 = 1,486,000, of
    // which B allows 1486 bad: 1486 - 349 = 1137 left.
    // time left 0.765141318977 * 0.001 * 743h = 2,674,800 ms - 174.5 * 3600 ms
    // = 2,674,800 - 628,200 = 2,046,600 ms
    expect(report.budget).toMatchObject({
      consumed: 0.234858681023,
      remaining: 0.765141318977,
      badEventsLeft: 1137,
      timeLeftMs: 2_046_600,
      windowBurnRate: 0.5,
      currentBurnRate: 0,
      timeToExhaustionMs: null, // nothing burns: never (Infinity has no JSON form)
    });
    // the burndown follows the same model: at now it is the report's remaining
    expect(report.burndown[348].remaining).toBe(0.765141318977);
    // the burndown's ideal at now: 1 - 349/743 = 0.530282637954
    expect(report.burndown[348].ideal).toBe(0.530282637954);
    expect(report.burndown[348].t).toBe('2024-03-15T12:00:00.000Z');
    // tiers scale with the nominal month (30d = 720h), as the generated rules do:
    // ticket-slow 0.1 * 720h / 72h = 1
    expect(report.burnRates[3].threshold).toBe(1);
  });

  it('marks gaps as partial and never fills them', () => {
    // steps 100..149 missing: 299 of 349 present
    const report = evaluateAt(monthly, now, {
      window: k => (k >= 100 && k < 150 ? null : { bad: 1, total: 2000 }),
      recent: () => ({ bad: 0, total: 100 }),
    });
    expect(report.dataQuality.status).toBe('partial');
    expect(report.dataQuality.coverage).toBeCloseTo(299 / 349, 12);
    // the ratio is over what was measured: 299 / 598,000 = 0.0005
    expect(report.sli).toBe(0.9995);
    expect(report.burndown[120].remaining).toBeNull();
    expect(report.indicatorSeries[120].value).toBeNull();
  });
});

describe('evaluateObjective, partial source answers', () => {
  it('marks a partial answer as partial and keeps the figures', () => {
    const plan = planEvaluation(rolling30d, NOW);
    const window = {
      ...series(plan.window, () => ({ bad: 1, total: 2000 })),
      partial: true,
      warnings: ['store eu-2 unreachable'],
    };
    const report = evaluateAt(rolling30d, NOW, { window });
    expect(report.dataQuality.status).toBe('partial');
    expect(report.dataQuality.reason).toMatch(/store eu-2 unreachable/);
    // 720 bad in 1,440,000 -> 0.0005 -> remaining 0.5
    expect(report.budget.remaining).toBe(0.5);
    // without the burn-rate series every tier is unknown, and so is the 1h burn rate
    expect(report.burnRates.every(r => r.state === 'unknown')).toBe(true);
    expect(report.budget.currentBurnRate).toBeNull();
    expect(report.state).toBe('ok');
  });
});

describe('evaluateObjective, timeslices', () => {
  const sliced: SloObjective = {
    ...rolling30d,
    target: 0.9,
    window: { kind: 'rolling', duration: parseDuration('1d') },
    budgeting: timeslicesBudgeting(0.99, '1h'),
  };

  it('counts good and bad slices over a rolling day, leaving missing ones out', () => {
    const plan = planEvaluation(sliced, NOW);
    expect(expectedSteps(plan.window)).toBe(24);
    // 24 one-hour slices: 2 bad (95% good, below 99%), 2 missing, 20 good (100%)
    const report = evaluateAt(sliced, NOW, {
      window: k => {
        if (k === 5 || k === 6) return { bad: 5, total: 100 };
        if (k === 10 || k === 11) return null;
        return { bad: 0, total: 100 };
      },
      recent: () => ({ bad: 0, total: 100 }),
    });
    // error ratio = 2 bad / 22 judged = 0.0909091; B = 0.1
    // the whole window's slices are budgeted: allowed bad slices = 0.1 * 24 = 2.4;
    // remaining = 1 - 2 / 2.4 = 0.166667; left = 2.4 - 2 = 0.4 -> 0.4 * 1h = 1,440,000 ms
    // the two slices without data are counted and shown as missing
    expect(report.slices).toEqual(sliceCounts(20, 2, 2, 24));
    expect(report.sli).toBe(0.909090909091);
    expect(report.budget).toMatchObject({
      total: 0.1,
      badEventsLeft: 0.4,
      timeLeftMs: 1_440_000,
    });
    expect(report.budget.remaining).toBe(0.166666666667);
    expect(report.budgetModel).toBe('timeslices');
    expect(report.dataQuality.status).toBe('partial');
    // remaining below 0.25 -> warning
    expect(report.state).toBe('warning');
    expect(report.explanations.badEventsLeft.formula).toBe(
      'bad slices left = B * (window / slice) - bad slices = 0.1 * 24 - 2 = 0.4',
    );
  });

  it('budgets a calendar day in slices', () => {
    const daily: SloObjective = {
      ...sliced,
      target: 0.75,
      window: calendarWindow('1d', 'UTC'),
    };
    // 12 slices so far: 3 bad. The whole day is budgeted: allowed bad slices =
    // 0.25 * 24 = 6, left 6 - 3 = 3 (3h); remaining = 1 - 3 / 6 = 0.5, not exhausted
    // (the ratio so far, 3/12 = B, does not spend the day's budget)
    const report = evaluateAt(daily, ms('2026-03-30T12:00:00Z'), {
      window: k => (k < 3 ? { bad: 50, total: 100 } : { bad: 0, total: 100 }),
      recent: () => ({ bad: 0, total: 100 }),
    });
    expect(report.slices).toEqual(sliceCounts(9, 3, 0, 24));
    expect(report.budget.remaining).toBe(0.5);
    expect(report.budget.badEventsLeft).toBe(3);
    expect(report.budget.timeLeftMs).toBe(3 * HOUR);
    // remaining 0.5 >= 0.25; a 1d window keeps no burn-rate tier
    expect(report.burnRates).toEqual([]);
    expect(report.state).toBe('ok');
    expect(report.frozen).toBe(false);
  });
});

describe('evaluateObjective, data quality', () => {
  const evaluate = (extra: Partial<Parameters<typeof evaluateAt>[2]>) =>
    evaluateAt(rolling30d, NOW, { window: () => null, ...extra });

  it('never turns missing data into 100% or 0', () => {
    const empty = evaluate({});
    expect(empty.dataQuality.status).toBe('no_data');
    expect(empty.sli).toBeNull();
    expect(empty.budget.remaining).toBeNull();
    expect(empty.counts).toBeNull();
    expect(empty.state).toBe('unknown');
    expect(empty.burnRates.every(r => r.state === 'unknown')).toBe(true);

    const quiet = evaluate({ window: () => ({ bad: 0, total: 0 }) });
    expect(quiet.dataQuality.status).toBe('no_traffic');
    expect(quiet.sli).toBeNull();
    expect(quiet.state).toBe('unknown');

    const failed = evaluate({ queryError: 'connect ECONNREFUSED' });
    expect(failed.dataQuality.status).toBe('error');
    expect(failed.dataQuality.reason).toMatch(/ECONNREFUSED/);
    expect(failed.freshness.lastError).toBe('connect ECONNREFUSED');
    expect(failed.state).toBe('unknown');
  });

  it('flags low traffic and does not page on it', () => {
    const lowTarget: SloObjective = { ...rolling30d, target: 0.99 };
    // 500 hourly steps with 1 request, 2 of them bad: B * total = 0.01 * 500 = 5 < 10
    const report = evaluateAt(lowTarget, NOW, {
      window: k =>
        k < 220 ? null : { bad: k === 700 || k === 710 ? 1 : 0, total: 1 },
      // one request per 5m; the last step and the 12th-to-last are bad:
      // 1h 2/12 -> 0.166667 / 0.01 = 16.6667 >= 14.4; 5m 1/1 -> 100: page-fast fires
      recent: k => ({ bad: k === 863 || k === 852 ? 1 : 0, total: 1 }),
    });
    expect(report.dataQuality.lowTraffic).toBe(true);
    // ratio 2/500 = 0.004 -> remaining 1 - 0.4 = 0.6
    expect(report.budget.remaining).toBe(0.6);
    expect(report.burnRates[0]).toMatchObject({
      tier: 'page-fast',
      state: 'firing',
      longBurnRate: 16.6666666667,
      shortBurnRate: 100,
    });
    expect(report.state).toBe('warning');
    expect(report.explanations.state.formula).toMatch(/low traffic/);
  });

  it('warns when a tier can never fire', () => {
    // target 0.9, B 0.1: page-fast needs 14.4 * 0.1 = 1.44 > 100% errors
    const report = evaluateAt({ ...rolling30d, target: 0.9 }, NOW, {
      window: () => ({ bad: 0, total: 10 }),
    });
    expect(report.burnRates[0].warning).toMatch(/can never fire/);
    expect(report.burnRates[1].warning).toBeUndefined();
  });
});

describe('compliancePeriods', () => {
  it('judges each calendar month and quarter met or missed', () => {
    const monthly: SloObjective = {
      ...rolling30d,
      window: calendarWindow('1M', 'Europe/Paris'),
    };
    const now = ms('2024-03-15T12:00:00Z');
    const plan = planEvaluation(monthly, now);
    // Q1 2024 in Paris starts 2024-01-01T00:00+01:00; the previous quarter 2023-10-01+02:00
    expect(plan.history.from).toBe(ms('2023-09-30T22:00:00Z'));
    const point = (t: string, bad: number, total: number) => ({
      t: ms(t),
      good: total - bad,
      bad,
      total,
    });
    const history: CountSeriesData = {
      ...plan.history,
      expectedPoints: expectedSteps(plan.history),
      queries: ['q'],
      points: [
        point('2023-10-10T00:00:00Z', 0, 1000), // Oct: 1 -> met
        point('2023-11-10T00:00:00Z', 2, 1000), // Nov: 0.998 < 0.999 -> missed
        // Dec: no data -> null
        point('2024-01-10T00:00:00Z', 1, 1000), // Jan: 0.999 >= 0.999 -> met
        point('2024-02-10T00:00:00Z', 1, 2000), // Feb: 0.9995 -> met
        point('2024-03-10T00:00:00Z', 0, 1000), // Mar so far: 1 -> met, in progress
      ],
    };
    const periods = compliancePeriods({ objective: monthly, now, history });
    expect(periods.map(p => [p.period, p.value, p.met, p.inProgress])).toEqual([
      ['2023-10', 1, true, false],
      ['2023-11', 0.998, false, false],
      ['2023-12', null, null, false],
      ['2024-01', 0.999, true, false],
      ['2024-02', 0.9995, true, false],
      ['2024-03', 1, true, true],
      // Q4: 2 bad in 2000 (December has no data) -> 0.999 -> met
      ['2023-Q4', 0.999, true, false],
      // Q1 so far: 2 bad in 4000 -> 0.9995 -> met
      ['2024-Q1', 0.9995, true, true],
    ]);
    expect(periods[0]).toMatchObject({
      from: '2023-09-30T22:00:00.000Z',
      to: '2023-10-31T23:00:00.000Z',
      kind: 'month',
    });
  });
});

describe('deployment figures', () => {
  it('expresses the budget a few hours burned as a share of the window budget', () => {
    // 4h with 6 bad in 12,000: ratio 0.0005 -> burn 0.5; 0.5 * 4h / 720h = 0.00277778
    expect(
      budgetConsumedOver({
        target: 0.999,
        counts: { bad: 6, total: 12_000 },
        spanMs: 4 * HOUR,
        windowMs: 30 * DAY,
      }),
    ).toBe(0.00277777777778);
    expect(
      budgetConsumedOver({
        target: 0.999,
        counts: { bad: 0, total: 0 },
        spanMs: 4 * HOUR,
        windowMs: 30 * DAY,
      }),
    ).toBeNull();
  });

  it('computes the budget remaining of the window ending at a deployment', () => {
    const oneDay: SloObjective = {
      ...rolling30d,
      window: { kind: 'rolling', duration: parseDuration('1d') },
    };
    const at = ms('2026-03-30T00:00:00Z');
    // hourly steps; the day before `at` has 24 * 1000 requests and 12 bad:
    // 12 / 24,000 = 0.0005 -> remaining 0.5. The step ending at `at` - 1d is outside.
    const points: StepCounts[] = [];
    for (let h = 0; h <= 24; h++) {
      points.push({
        t: at - h * HOUR,
        good: 1000 - (h === 24 ? 1000 : h % 2),
        bad: h === 24 ? 1000 : h % 2,
        total: 1000,
      });
    }
    expect(remainingAt({ objective: oneDay, at, points })).toBe(0.5);
  });
});
