import {
  previousPeriodComparability,
  previousPeriodCoverage,
} from './comparison';

const DAY = 86_400_000;
// The previous 90 days: [day 0, day 90).
const period = { from: 0, to: 90 * DAY };

describe('previousPeriodCoverage', () => {
  it('is the share of the period on or after the data start', () => {
    // Data from day 80: 10 of 90 days, 1/9.
    expect(previousPeriodCoverage({ ...period, dataFrom: 80 * DAY })).toBe(
      10 / 90,
    );
    // Data from before the period: all of it.
    expect(previousPeriodCoverage({ ...period, dataFrom: -5 * DAY })).toBe(1);
    // Data only after the period ended: none of it.
    expect(previousPeriodCoverage({ ...period, dataFrom: 91 * DAY })).toBe(0);
    expect(previousPeriodCoverage(period)).toBe(0);
  });
});

describe('previousPeriodComparability', () => {
  const deployments = { eventsLabel: 'deployment' };

  it('withholds the change when there is no data in the previous period', () => {
    expect(
      previousPeriodComparability({ ...period, events: 0, ...deployments }),
    ).toEqual({
      comparable: false,
      reason: 'no data in the previous 90 days',
    });
  });

  it('withholds the change when data covers under half the previous period', () => {
    // The demo's old case: 90 days of history, so the previous 90 days held the
    // last hour only, and 1 deployment there made "+53100%". Data from day 89.5:
    // 0.5 of 90 days covered.
    expect(
      previousPeriodComparability({
        ...period,
        dataFrom: 89.5 * DAY,
        events: 1,
        ...deployments,
      }),
    ).toEqual({
      comparable: false,
      reason: 'data covers only 0.5 of the previous 90 days',
    });
    // Data from day 46: 44 of 90 days, 0.489, just under half.
    expect(
      previousPeriodComparability({
        ...period,
        dataFrom: 46 * DAY,
        events: 40,
        ...deployments,
      }),
    ).toEqual({
      comparable: false,
      reason: 'data covers only 44 of the previous 90 days',
    });
  });

  it('compares when data covers exactly half the period or more', () => {
    // Data from day 45: 45 of 90 days, exactly half.
    expect(
      previousPeriodComparability({
        ...period,
        dataFrom: 45 * DAY,
        events: 2,
        ...deployments,
      }),
    ).toEqual({ comparable: true });
  });

  it('withholds the change when too few events are behind the figure', () => {
    // A median of one change is not a period's lead time.
    expect(
      previousPeriodComparability({
        ...period,
        dataFrom: -DAY,
        events: 1,
        eventsLabel: 'change',
      }),
    ).toEqual({
      comparable: false,
      reason: 'only 1 change in the previous 90 days',
    });
    expect(
      previousPeriodComparability(
        { ...period, dataFrom: -DAY, events: 4, ...deployments },
        { minEvents: 5 },
      ),
    ).toEqual({
      comparable: false,
      reason: 'only 4 deployments in the previous 90 days',
    });
  });

  it('honours a stricter coverage', () => {
    // 60 of 90 days = 2/3 < 0.75.
    expect(
      previousPeriodComparability(
        { ...period, dataFrom: 30 * DAY, events: 10, ...deployments },
        { minCoverage: 0.75 },
      ).comparable,
    ).toBe(false);
  });
});
