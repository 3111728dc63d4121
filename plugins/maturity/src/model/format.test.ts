import {
  deadlineText,
  distributionRows,
  figureAgainstThreshold,
  formatFigure,
  formatRatio,
  isoDay,
  pillarShare,
  progressRatios,
} from './format';

const levels = [
  { level: 1, name: 'Repeatable' },
  { level: 2, name: 'Measured' },
];

describe('formatRatio', () => {
  it('rounds to a whole percent and names what is missing for null', () => {
    // 2 of 3 = 0.666… → 67%
    expect(formatRatio(2 / 3, 'no components in scope')).toBe('67%');
    expect(formatRatio(0, 'no components in scope')).toBe('0%');
    expect(formatRatio(null, 'no components in scope')).toBe(
      'no components in scope',
    );
  });
});

describe('figures of a check', () => {
  it('keeps at most two decimals and leaves words as they are', () => {
    expect(formatFigure(0.14285714)).toBe('0.14');
    expect(formatFigure(24)).toBe('24');
    expect(formatFigure('high')).toBe('high');
  });

  it('says the figure against its threshold, or nothing without a figure', () => {
    expect(figureAgainstThreshold({ figure: 0.4, threshold: 1 })).toBe(
      'figure 0.4, threshold 1',
    );
    expect(
      figureAgainstThreshold({ figure: 'medium', threshold: 'high' }),
    ).toBe('figure medium, threshold high');
    expect(figureAgainstThreshold({})).toBe('');
  });
});

describe('pillarShare', () => {
  it('is pass / (pass + fail), unknown results left out', () => {
    // 3 pass, 1 fail, 5 unknown: 3 / (3 + 1) = 0.75
    expect(pillarShare({ pass: 3, fail: 1 })).toBe(0.75);
  });

  it('is null when nothing is known, not 0%', () => {
    expect(pillarShare({ pass: 0, fail: 0 })).toBeNull();
  });
});

describe('distributionRows', () => {
  it('counts and shares per level, level 0 included', () => {
    // 1 + 2 + 1 = 4 components: 1/4, 2/4, 1/4
    expect(distributionRows([1, 2, 1], levels)).toEqual([
      { level: 0, name: undefined, count: 1, share: 0.25 },
      { level: 1, name: 'Repeatable', count: 2, share: 0.5 },
      { level: 2, name: 'Measured', count: 1, share: 0.25 },
    ]);
  });

  it('has no shares without components', () => {
    expect(distributionRows([0, 0, 0], levels).map(r => r.share)).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('deadlineText', () => {
  const now = '2026-12-06T09:00:00Z';

  it('counts whole days to the deadline, rounded up', () => {
    // 2026-12-31T00:00Z - 2026-12-06T09:00Z = 24 days 15 h → 25 days
    expect(deadlineText('2026-12-31', now)).toBe('due in 25 days');
    // 15 h away → 1 day
    expect(deadlineText('2026-12-07T00:00:00Z', now)).toBe('due in 1 day');
  });

  it('says how late an overdue initiative is', () => {
    // 9 h past → 1 day overdue; 2026-12-01T00:00Z is 5 days 9 h past → 6 days
    expect(deadlineText('2026-12-06T00:00:00Z', now)).toBe('1 day overdue');
    expect(deadlineText('2026-12-01', now)).toBe('6 days overdue');
    expect(deadlineText(now, now)).toBe('due today');
  });

  it('shows the day of the deadline in UTC', () => {
    expect(isoDay('2027-03-31')).toBe('2027-03-31');
    expect(isoDay('2027-03-31T23:30:00-02:00')).toBe('2027-04-01');
  });
});

describe('progressRatios', () => {
  it('is done / components per week, null for a week without components', () => {
    expect(
      progressRatios([
        { week: '2026-11-16', done: 0, components: 0 },
        { week: '2026-11-23', done: 1, components: 4 },
        { week: '2026-11-30', done: 3, components: 4 },
      ]),
    ).toEqual([
      { week: '2026-11-16', ratio: null },
      { week: '2026-11-23', ratio: 0.25 },
      { week: '2026-11-30', ratio: 0.75 },
    ]);
  });
});
