import {
  classifySlice,
  countSlices,
  errorBudget,
  errorRatio,
  occurrencesBudget,
  sumCounts,
  timeslicesBudget,
  timeToExhaustionMs,
} from './budget';

const DAY_MS = 86_400_000;

describe('error budget math', () => {
  it('computes the budget without float noise', () => {
    expect(1 - 0.999).not.toBe(0.001);
    expect(errorBudget(0.999)).toBe(0.001);
    expect(errorBudget(0.9995)).toBe(0.0005);
  });

  it('sums counts instead of averaging ratios', () => {
    // a quiet hour with 10 of 10 failing and a busy one with 0 of 1000:
    // the average of ratios would be 50%, the event-weighted ratio is 10/1010
    const counts = sumCounts([
      { bad: 0, total: 1000 },
      { bad: 10, total: 10 },
    ]);
    expect(counts).toEqual({ bad: 10, total: 1010 });
    expect(errorRatio(counts)).toBeCloseTo(0.00990099, 8);
  });

  it('has no ratio without traffic', () => {
    expect(errorRatio({ bad: 0, total: 0 })).toBeUndefined();
    expect(
      occurrencesBudget({
        target: 0.999,
        counts: { bad: 0, total: 0 },
        windowMs: 30 * DAY_MS,
      }),
    ).toEqual({ budget: 0.001 });
  });

  it('reports a 99.9% objective with 400 bad events in 1,000,000 over 30d', () => {
    const status = occurrencesBudget({
      target: 0.999,
      counts: { bad: 400, total: 1_000_000 },
      windowMs: 30 * DAY_MS,
      currentBurnRate: 2,
    });
    expect(status).toEqual({
      budget: 0.001,
      errorRatio: 0.0004,
      sli: 0.9996,
      burnRate: 0.4,
      remaining: 0.6,
      consumed: 0.4,
      allowedBad: 1000,
      badLeft: 600,
      // 0.6 * 0.001 * 30d = 25.92 minutes of full outage
      timeLeftMs: 1_555_200,
      // 0.6 of the budget at 2x: 0.6 * 30d / 2 = 9 days
      timeToExhaustionMs: 9 * DAY_MS,
    });
  });

  it('shows an overspent budget below zero', () => {
    const status = occurrencesBudget({
      target: 0.999,
      counts: { bad: 25, total: 10_000 },
      windowMs: 30 * DAY_MS,
    });
    expect(status.errorRatio).toBe(0.0025);
    expect(status.burnRate).toBe(2.5);
    expect(status.remaining).toBe(-1.5);
    expect(status.badLeft).toBe(-15);
    expect(status.timeToExhaustionMs).toBe(0);
  });

  it('never exhausts a budget that does not burn', () => {
    expect(timeToExhaustionMs(0.5, 0, DAY_MS)).toBe(Infinity);
    expect(timeToExhaustionMs(undefined, 1, DAY_MS)).toBeUndefined();
  });

  it('counts timeslices, leaving missing slices out', () => {
    expect(classifySlice(0.995, 0.99)).toBe('good');
    expect(classifySlice(0.99, 0.99)).toBe('good');
    expect(classifySlice(0.98, 0.99)).toBe('bad');
    expect(classifySlice(undefined, 0.99)).toBe('missing');
    expect(
      countSlices([
        classifySlice(1, 0.99),
        classifySlice(0.5, 0.99),
        classifySlice(undefined, 0.99),
      ]),
    ).toEqual({ good: 1, bad: 1, missing: 1 });
  });

  it('reports a 99% timeslices objective with 1m slices over 1d', () => {
    // 1440 slices in the day, 14.4 may be bad; 1000 measured, 5 bad
    const status = timeslicesBudget({
      target: 0.99,
      slices: { good: 995, bad: 5, missing: 40 },
      sliceMs: 60_000,
      windowMs: DAY_MS,
    });
    expect(status.slicesInWindow).toBe(1440);
    expect(status.allowedBadSlices).toBe(14.4);
    expect(status.errorRatio).toBe(0.005);
    expect(status.burnRate).toBe(0.5);
    expect(status.remaining).toBe(0.5);
    expect(status.badLeft).toBe(9.4);
    expect(status.timeLeftMs).toBe(564_000);
  });
});
