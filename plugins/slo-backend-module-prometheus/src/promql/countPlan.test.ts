import {
  counterStepQuery,
  gridIncrease,
  gridResolutionMs,
  subqueryRangeMs,
} from './countPlan';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The grid points a subquery `[rangeMs:resolutionMs]` evaluated at `t` reads, as
 * Prometheus 2.x (closed range, `[t - range, t]`) or 3.x (left-open, `(t - range, t]`)
 * selects them: absolute multiples of the resolution.
 */
function gridPoints(
  t: number,
  rangeMs: number,
  resolutionMs: number,
  semantics: 'closed' | 'left-open',
): number[] {
  const start = t - rangeMs;
  let g = Math.ceil(start / resolutionMs) * resolutionMs;
  if (semantics === 'left-open' && g === start) g += resolutionMs;
  const points: number[] = [];
  for (; g <= t; g += resolutionMs) points.push(g);
  return points;
}

describe('gridResolutionMs', () => {
  it.each([
    [HOUR, MINUTE],
    [5 * MINUTE, MINUTE],
    [90_000, 30_000],
    [45_000, 15_000],
    [1_000, 1_000],
    [1_500, 1_500],
  ])('a %d ms step reads a %d ms grid (it divides the step)', (step, grid) => {
    expect(gridResolutionMs(step)).toBe(grid);
    expect(step % grid).toBe(0);
  });
});

describe('subqueryRangeMs: the same grid points under closed and left-open ranges', () => {
  // Every alignment of a step's start to a 1-minute grid that matters: on the grid,
  // 1 ms after, 1 ms before (where `step - 1ms` would start exactly on a grid point),
  // and in between.
  it.each([0, 1, MINUTE - 1, 30_000, 12_345])(
    'step start at grid + %d ms',
    offset => {
      const grid = MINUTE;
      for (const step of [HOUR, 5 * MINUTE, MINUTE]) {
        const stepStart = Date.UTC(2024, 9, 31, 23) + offset;
        const t = stepStart + step;
        const range = subqueryRangeMs(stepStart, step, grid);
        const closed = gridPoints(t, range, grid, 'closed');
        const open = gridPoints(t, range, grid, 'left-open');
        expect(closed).toEqual(open);
        // Exactly the grid points of (stepStart, t]: one per minute of the step.
        expect(closed).toEqual(
          gridPoints(t, step, grid, 'left-open').filter(g => g > stepStart),
        );
        expect(closed).toHaveLength(step / grid);
      }
    },
  );

  it('uses step - 1ms except where that would start on a grid point', () => {
    // 23:00:00.000 start: 59m59.999s (starts 1 ms after the grid point of 23:00).
    expect(subqueryRangeMs(Date.UTC(2024, 9, 31, 23), HOUR, MINUTE)).toBe(
      HOUR - 1,
    );
    // 22:59:59.999 start: step - 1ms would start at 23:00:00.000, a grid point that
    // 2.x reads and 3.x does not; the whole step starts 1 ms before it instead.
    expect(subqueryRangeMs(Date.UTC(2024, 9, 31, 23) - 1, HOUR, MINUTE)).toBe(
      HOUR,
    );
  });

  it('a closed range of the whole step would read one grid point more than a left-open one', () => {
    // Why the plan never uses the naive range: with the step start on the grid, 2.x
    // reads 61 points and 3.x 60.
    const t = Date.UTC(2024, 10, 1);
    expect(gridPoints(t, HOUR, MINUTE, 'closed')).toHaveLength(61);
    expect(gridPoints(t, HOUR, MINUTE, 'left-open')).toHaveLength(60);
  });
});

describe('counterStepQuery', () => {
  it('sums reset-corrected increases read each minute, kept where the step has a sample or counted something', () => {
    const x = 'http_requests_total{job="api"}';
    const d = `${x} - (${x} offset 1m <= ${x} or ${x} offset 1m * 0)`;
    expect(gridIncrease(x, MINUTE)).toBe(d);
    expect(counterStepQuery(x, HOUR, Date.UTC(2024, 9, 31, 23))).toBe(
      `sum(sum_over_time((${d})[3599999ms:1m])` +
        ` and (count_over_time(${x}[3599999ms]) or ${x} - ${x} offset 1h != 0))`,
    );
    // A 30-minute last step on the 1-minute grid of the hourly steps.
    expect(
      counterStepQuery(x, 30 * MINUTE, Date.UTC(2024, 9, 31, 23, 30), MINUTE),
    ).toBe(
      `sum(sum_over_time((${d})[1799999ms:1m])` +
        ` and (count_over_time(${x}[1799999ms]) or ${x} - ${x} offset 30m != 0))`,
    );
  });
});
