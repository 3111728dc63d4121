import { objectiveFigures, otherExplanations, stepTarget } from './figures';
import { availability, latency } from '../testUtils/fixtures';

const byKey = (figures: ReturnType<typeof objectiveFigures>) =>
  Object.fromEntries(figures.map(f => [f.key, [f.value, f.raw, f.caption]]));

describe('objectiveFigures', () => {
  it('lists the figures of a healthy objective', () => {
    const figures = byKey(objectiveFigures(availability));
    // 1 - 400 / 1,000,000 = 0.9996 against 0.999.
    expect(figures.sli).toEqual(['99.96%', 0.9996, 'target 99.9%']);
    // 400 / 1,000,000 = 0.0004 = 0.04%.
    expect(figures.errorRatio).toEqual([
      '400 of 1,000,000',
      0.0004,
      'error ratio 0.04%',
    ]);
    expect(figures.budgetRemaining).toEqual(['60%', 0.6, 'budget B = 0.1%']);
    expect(figures.budgetConsumed.slice(0, 2)).toEqual(['40%', 0.4]);
    // 0.001 * 1,000,000 - 400 = 600.
    expect(figures.badEventsLeft).toEqual([
      '600',
      600,
      'still allowed in the window',
    ]);
    expect(figures.timeLeft.slice(0, 2)).toEqual(['24 min 12 s', 1_451_520]);
    expect(figures.timeToExhaustion.slice(0, 2)).toEqual([
      '33 d 14 h',
      2_903_040_000,
    ]);
    expect(figures.windowBurnRate.slice(0, 2)).toEqual(['0.4×', 0.4]);
    expect(figures.currentBurnRate.slice(0, 2)).toEqual(['0.5×', 0.5]);
  });

  it('says when the budget is overspent', () => {
    const figures = byKey(objectiveFigures(latency));
    expect(figures.sli[0]).toBe('98.5%');
    expect(figures.budgetRemaining[0]).toBe('-50% (overspent)');
    expect(figures.budgetConsumed[0]).toBe('150%');
    // 0.01 * 200,000 - 3,000 = -1,000.
    expect(figures.badEventsLeft).toEqual(['-1,000', -1000, 'over budget']);
    expect(figures.timeLeft[0]).toBe('none');
    expect(figures.timeToExhaustion[0]).toBe('exhausted');
  });

  it('attaches the backend explanations and lists the others', () => {
    const figures = objectiveFigures(availability);
    expect(figures.find(f => f.key === 'sli')?.explanation?.formula).toBe(
      'SLI = 1 - error ratio = 1 - 0.0004 = 0.9996',
    );
    expect(
      figures.find(f => f.key === 'timeLeft')?.explanation,
    ).toBeUndefined();
    expect(otherExplanations(availability).map(o => o.label)).toEqual([
      'Error budget B',
    ]);
  });
});

describe('stepTarget', () => {
  it('holds each step to the target, or to the slice target for timeslices', () => {
    expect(stepTarget(availability)).toBe(0.999);
    const slices = {
      ...availability,
      definition: {
        ...availability.definition,
        budgeting: {
          method: 'timeslices' as const,
          sliceTarget: 0.95,
          sliceWindow: { value: 5, unit: 'm' as const },
        },
      },
    };
    expect(stepTarget(slices)).toBe(0.95);
  });
});
