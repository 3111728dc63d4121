import { formatHours, formatPerDay, formatRatio } from './format';

describe('formatting', () => {
  it('shows frequencies per day, week or month', () => {
    expect(formatPerDay(2)).toBe('2/day');
    expect(formatPerDay(5 / 7)).toBe('5/week');
    expect(formatPerDay(1 / 30)).toBe('1/month');
  });

  it('shows durations in minutes, hours or days and ratios in percent', () => {
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(18.6)).toBe('18.6 h');
    expect(formatHours(72)).toBe('3 d');
    expect(formatRatio(0.25)).toBe('25%');
    expect(formatRatio(1 / 6)).toBe('16.7%');
  });
});
