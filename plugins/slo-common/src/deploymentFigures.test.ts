import { DateTime } from 'luxon';
import { parseDuration } from './duration';
import {
  budgetAt,
  deploymentImpactOf,
  objectiveImpact,
} from './deploymentFigures';
import { SloObjective } from './model';
import { StepCounts } from './tally';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ms = (isoText: string) => DateTime.fromISO(isoText).toMillis();

const objectiveWith = (id: string, target: number): SloObjective => ({
  id,
  sloName: id,
  indicator: { kind: 'ratio', bad: { query: 'e' }, total: { query: 'r' } },
  target,
  window: { kind: 'rolling', duration: parseDuration('30d') },
  budgeting: { method: 'occurrences' },
});

/** 5m steps ending in (from, to], 1000 requests each, `bad(t)` of them bad. */
function steps(from: number, to: number, bad: (t: number) => number) {
  const points: StepCounts[] = [];
  for (let t = from + 5 * MIN; t <= to; t += 5 * MIN) {
    points.push({ t, good: 1000 - bad(t), bad: bad(t), total: 1000 });
  }
  return points;
}

describe('deployment impact', () => {
  const at = ms('2026-03-30T10:00:00Z');
  // asked 2.5h after the deployment for a 6h span: the after-span is cut short
  const now = at + 2.5 * HOUR;
  const spanMs = 6 * HOUR;
  const a = objectiveWith('a', 0.999);
  const b = objectiveWith('b', 0.99);
  // a: before, 1 bad every other step (36 of 72,000 = 0.0005); after, 2 per step
  // (60 of 30,000 = 0.002)
  const aPoints = steps(at - spanMs, now, t => {
    if (t > at) return 2;
    return ((t - at) / (5 * MIN)) % 2 === 0 ? 1 : 0;
  });
  // b: before, 10 bad per step (0.01); after, none
  const bPoints = steps(at - spanMs, now, t => (t <= at ? 10 : 0));
  const impactOf = (objective: SloObjective, around: StepCounts[]) =>
    objectiveImpact({ objective, at, finishedAt: at, spanMs, now, around });

  it('flags an after-span cut short by now with its real length, per objective', () => {
    const impact = deploymentImpactOf({
      deploymentId: 'd1',
      finishedAt: at,
      at,
      hours: 6,
      now,
      freezeWhenExhausted: true,
      objectives: [impactOf(a, aPoints), impactOf(b, bPoints)],
    });
    // a: before 0.0005 / 0.001 = 0.5 * 6h / 720h = 0.00416666666667
    //    after  0.002 / 0.001 = 2 * 2.5h / 720h = 0.00694444444444
    // b: before 0.01 / 0.01 = 1 * 6h / 720h = 0.00833333333333; after 0
    expect(impact.objectives).toEqual([
      {
        objectiveId: 'a',
        consumedBefore: 0.00416666666667,
        consumedAfter: 0.00694444444444,
        remainingAtDeployment: null,
      },
      {
        objectiveId: 'b',
        consumedBefore: 0.00833333333333,
        consumedAfter: 0,
        remainingAtDeployment: null,
      },
    ]);
    // the top level is objective a's before and after, not b's larger before
    expect(impact).toMatchObject({
      objectiveId: 'a',
      consumedAfter: 0.00694444444444,
      consumedBefore: 0.00416666666667,
      hours: 6,
      afterHours: 2.5,
      afterPartial: true,
      madeWhileFrozen: false,
    });
  });

  it('never counts a low-traffic budget as frozen', () => {
    const oneDay: SloObjective = {
      ...a,
      window: { kind: 'rolling', duration: parseDuration('1d') },
    };
    // one hourly step of 100 requests, 5 bad, in the day before: B * total = 0.1 < 10;
    // remaining = 1 - 0.05 / 0.001 = -49
    const history = [{ t: at - HOUR, good: 95, bad: 5, total: 100 }];
    expect(budgetAt({ objective: oneDay, at, points: history })).toEqual({
      remaining: -49,
      lowTraffic: true,
      exhausted: false,
    });
    const objective = objectiveImpact({
      objective: oneDay,
      at,
      finishedAt: at,
      spanMs,
      now: at + spanMs,
      history,
    });
    expect(objective).toMatchObject({
      remainingAtDeployment: -49,
      lowTraffic: true,
    });
    const impact = deploymentImpactOf({
      deploymentId: 'd2',
      finishedAt: at,
      at,
      hours: 6,
      now: at + spanMs,
      freezeWhenExhausted: true,
      objectives: [objective],
    });
    expect(impact.madeWhileFrozen).toBe(false);
    expect(impact.afterPartial).toBe(false);
    // the same spent budget with 100 times the traffic (B * total = 10) is a verdict
    const busy = [{ t: at - HOUR, good: 9500, bad: 500, total: 10_000 }];
    expect(budgetAt({ objective: oneDay, at, points: busy }).exhausted).toBe(
      true,
    );
  });
});
