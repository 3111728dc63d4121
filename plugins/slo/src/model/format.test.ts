import {
  budgetBar,
  describeIndicator,
  describeWindow,
  formatBudgetRemaining,
  formatBurnRate,
  formatCount,
  formatDurationMs,
  formatPercent,
  indicatorQueries,
} from './format';
import { availability, latency } from '../testUtils/fixtures';

describe('formatting', () => {
  it('formats ratios as percentages without float noise', () => {
    expect(formatPercent(0.9996)).toBe('99.96%');
    expect(formatPercent(0.999)).toBe('99.9%');
    expect(formatPercent(0.6)).toBe('60%');
    // 0.1 + 0.2 = 0.30000000000000004
    expect(formatPercent(0.1 + 0.2)).toBe('30%');
    expect(formatPercent(null)).toBe('–');
  });

  it('shows an overspent budget below 0', () => {
    expect(formatBudgetRemaining(0.6)).toBe('60%');
    expect(formatBudgetRemaining(-0.5)).toBe('-50% (overspent)');
    expect(formatBudgetRemaining(null)).toBe('–');
  });

  it('draws the budget bar', () => {
    expect(budgetBar(0.6)).toEqual({
      leftPercent: 60,
      overspentPercent: 0,
      known: true,
    });
    expect(budgetBar(-0.5)).toEqual({
      leftPercent: 0,
      overspentPercent: 50,
      known: true,
    });
    // More than a whole budget overspent fills the hatched part at most.
    expect(budgetBar(-2.5).overspentPercent).toBe(100);
    expect(budgetBar(null).known).toBe(false);
  });

  it('formats burn rates, counts and durations', () => {
    expect(formatBurnRate(13.44)).toBe('13.44×');
    expect(formatBurnRate(0.0833333333333)).toBe('0.08×');
    expect(formatBurnRate(null)).toBe('–');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(-1000)).toBe('-1,000');
    // 2,903,040,000 ms = 33 d 14 h 24 min: the two largest units.
    expect(formatDurationMs(2_903_040_000)).toBe('33 d 14 h');
    // 1,451,520 ms = 1,451.52 s -> 1,452 s = 24 min 12 s.
    expect(formatDurationMs(1_451_520)).toBe('24 min 12 s');
    expect(formatDurationMs(86_400_000)).toBe('1 d');
    // 1 d 0 h 5 min: the unit after days is zero, so days alone.
    expect(formatDurationMs(86_700_000)).toBe('1 d');
    expect(formatDurationMs(-5)).toBe('0 s');
    expect(formatDurationMs(null)).toBe('–');
  });

  it('describes definitions', () => {
    expect(describeWindow(availability.definition.window)).toBe(
      'rolling 28 days',
    );
    expect(
      describeWindow({
        kind: 'calendar',
        duration: { value: 1, unit: 'M' },
        timeZone: 'Europe/Paris',
      }),
    ).toBe('calendar month (Europe/Paris)');
    expect(describeIndicator(availability.definition.indicator)).toBe(
      'ratio of bad to total events',
    );
    expect(indicatorQueries(latency.definition.indicator)).toEqual([
      {
        label: 'good',
        query: 'http_request_duration_seconds_bucket{le="0.3",job="checkout"}',
      },
      {
        label: 'total',
        query: 'http_request_duration_seconds_count{job="checkout"}',
      },
    ]);
    // A Sloth SLO discovered from sloth_slo_info says it is time-weighted.
    const sloth = {
      kind: 'recordedRatio' as const,
      errorRatio: { query: 'slo:sli_error:ratio_rate5m{sloth_id="shop-a"}' },
    };
    expect(describeIndicator(sloth)).toBe(
      'average of a recorded error ratio (time-weighted, e.g. Sloth)',
    );
    expect(indicatorQueries(sloth)).toEqual([
      {
        label: 'error ratio',
        query: 'slo:sli_error:ratio_rate5m{sloth_id="shop-a"}',
      },
    ]);
  });
});
