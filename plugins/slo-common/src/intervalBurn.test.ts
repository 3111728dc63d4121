import { DateTime } from 'luxon';
import { parseDuration } from './duration';
import { intervalBurnOf, planIntervalBurn } from './intervalBurn';
import { SloObjective } from './model';
import { StepCounts } from './tally';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ms = (isoText: string) => DateTime.fromISO(isoText).toMillis();

const objectiveWith = (
  id: string,
  target: number,
  window = '30d',
): SloObjective => ({
  id,
  sloName: id,
  indicator: { kind: 'ratio', bad: { query: 'e' }, total: { query: 'r' } },
  target,
  window: { kind: 'rolling', duration: parseDuration(window) },
  budgeting: { method: 'occurrences' },
});

/** 1m steps ending in (from, to], 1000 requests each, `bad(t)` of them bad. */
function minuteSteps(from: number, to: number, bad: (t: number) => number) {
  const points: StepCounts[] = [];
  for (let t = from + MIN; t <= to; t += MIN) {
    points.push({ t, good: 1000 - bad(t), bad: bad(t), total: 1000 });
  }
  return points;
}

describe('planIntervalBurn', () => {
  const start = ms('2026-03-30T10:00:00Z');

  it('reads a rollout of a few hours at 1 m steps, each phase in whole minutes', () => {
    const plan = planIntervalBurn(
      [
        // 10:00:30 to 10:05:10 -> [10:00, 10:06)
        { id: 'p0', from: start + 30_000, to: start + 5 * MIN + 10_000 },
        // exactly on the minutes: unchanged
        { id: 'p1', from: start + 6 * MIN, to: start + 2 * HOUR },
      ],
      start + 3 * HOUR,
    );
    expect(plan).toEqual({
      stepMs: MIN,
      range: { from: start, to: start + 2 * HOUR },
      intervals: [
        { id: 'p0', from: start, to: start + 6 * MIN },
        { id: 'p1', from: start + 6 * MIN, to: start + 2 * HOUR },
      ],
    });
  });

  it('takes the finest step reading the span in at most 1,440 steps', () => {
    const at = (span: number) =>
      planIntervalBurn(
        [{ id: 'a', from: start, to: start + span }],
        start + 90 * DAY,
      ).stepMs;
    // 24 h = 1,440 minutes: 1 m; one minute more: 5 m
    expect(at(DAY)).toBe(MIN);
    expect(at(DAY + MIN)).toBe(5 * MIN);
    // 5 days = 1,440 five-minute steps; 15 days at 15 m; 60 days at 1 h
    expect(at(5 * DAY)).toBe(5 * MIN);
    expect(at(15 * DAY)).toBe(15 * MIN);
    expect(at(16 * DAY)).toBe(HOUR);
    expect(at(60 * DAY)).toBe(HOUR);
  });

  it('cuts a running phase at the last whole step and measures nothing of a future one', () => {
    // now 10:20:40: the last whole minute ends 10:20
    const now = start + 20 * MIN + 40_000;
    const plan = planIntervalBurn(
      [
        { id: 'running', from: start + 15 * MIN, to: now },
        { id: 'later', from: now + 5 * MIN, to: now + 10 * MIN },
        { id: 'this-minute', from: start + 20 * MIN + 10_000, to: now },
      ],
      now,
    );
    expect(plan.range).toEqual({
      from: start + 15 * MIN,
      to: start + 20 * MIN,
    });
    expect(plan.intervals).toEqual([
      { id: 'running', from: start + 15 * MIN, to: start + 20 * MIN },
      { id: 'later', from: start + 20 * MIN, to: start + 20 * MIN },
      { id: 'this-minute', from: start + 20 * MIN, to: start + 20 * MIN },
    ]);
    // nothing passed at all: no range to read
    expect(
      planIntervalBurn(
        [{ id: 'later', from: now + MIN, to: now + 2 * MIN }],
        now,
      ).range,
    ).toBeUndefined();
  });
});

describe('intervalBurnOf', () => {
  const start = ms('2026-03-30T10:00:00Z');
  const a = objectiveWith('availability', 0.999);
  const b = objectiveWith('checkout-errors', 0.99);
  // a: 1 bad per minute until 10:30, 4 bad per minute from then (the 25% step)
  const aPoints = minuteSteps(start, start + HOUR, t =>
    t > start + 30 * MIN ? 4 : 1,
  );
  // b: 20 bad per minute throughout
  const bPoints = minuteSteps(start, start + HOUR, () => 20);
  const intervals = [
    { id: 'setWeight 5', from: start, to: start + 30 * MIN },
    { id: 'setWeight 25', from: start + 30 * MIN, to: start + HOUR },
  ];

  it('is each interval’s share of the budget, worst objective on top', () => {
    const burns = intervalBurnOf({
      intervals,
      objectives: [
        { objective: a, points: aPoints },
        { objective: b, points: bPoints },
      ],
    });
    // a at 5%: 30 bad of 30,000 = 0.001 / B 0.001 = burn 1, * 30 min / 30 d
    //   (43,200 min) = 0.000694444444444
    // a at 25%: 120 of 30,000 = 0.004 -> burn 4 * 30 / 43,200 = 0.00277777777778
    // b: 600 of 30,000 = 0.02 / B 0.01 = burn 2 * 30 / 43,200 = 0.00138888888889
    expect(burns).toEqual([
      {
        id: 'setWeight 5',
        from: '2026-03-30T10:00:00.000Z',
        to: '2026-03-30T10:30:00.000Z',
        consumed: 0.00138888888889,
        objectiveId: 'checkout-errors',
        objectives: [
          { objectiveId: 'availability', consumed: 0.000694444444444 },
          { objectiveId: 'checkout-errors', consumed: 0.00138888888889 },
        ],
      },
      {
        id: 'setWeight 25',
        from: '2026-03-30T10:30:00.000Z',
        to: '2026-03-30T11:00:00.000Z',
        consumed: 0.00277777777778,
        objectiveId: 'availability',
        objectives: [
          { objectiveId: 'availability', consumed: 0.00277777777778 },
          { objectiveId: 'checkout-errors', consumed: 0.00138888888889 },
        ],
      },
    ]);
  });

  it('has no figure without traffic, without a series or for nothing measured', () => {
    const quiet = minuteSteps(start, start + HOUR, () => 0).map(p => ({
      ...p,
      good: 0,
      total: 0,
    }));
    const [burn] = intervalBurnOf({
      intervals: [intervals[0], { id: 'later', from: start, to: start }],
      objectives: [{ objective: a, points: quiet }, { objective: b }],
    });
    expect(burn).toMatchObject({
      consumed: null,
      objectiveId: null,
      objectives: [
        { objectiveId: 'availability', consumed: null },
        { objectiveId: 'checkout-errors', consumed: null },
      ],
    });
    const [, later] = intervalBurnOf({
      intervals: [intervals[0], { id: 'later', from: start, to: start }],
      objectives: [{ objective: a, points: aPoints }],
    });
    expect(later).toMatchObject({ id: 'later', consumed: null });
    // none burned is a figure, 0, not missing
    const [clean] = intervalBurnOf({
      intervals,
      objectives: [
        { objective: a, points: minuteSteps(start, start + HOUR, () => 0) },
      ],
    });
    expect(clean.consumed).toBe(0);
  });

  it('weighs the interval by the window it belongs to', () => {
    // the same 1 bad per minute against a 7-day window: burn 1 * 30 / 10,080 min
    const weekly = objectiveWith('weekly', 0.999, '7d');
    const [burn] = intervalBurnOf({
      intervals,
      objectives: [{ objective: weekly, points: aPoints }],
    });
    expect(burn.consumed).toBe(0.00297619047619);
  });
});
