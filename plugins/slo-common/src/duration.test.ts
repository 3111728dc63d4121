import {
  durationToMillis,
  millisToDuration,
  parseDuration,
  describeDuration,
} from './duration';

describe('durations', () => {
  it('tells a minute (1m) from a month (1M)', () => {
    expect(parseDuration('1m')).toEqual({ value: 1, unit: 'm' });
    expect(parseDuration('1M')).toEqual({ value: 1, unit: 'M' });
    expect(parseDuration('1m')).not.toEqual(parseDuration('1M'));
    expect(durationToMillis(parseDuration('1m'))).toBe(60_000);
    expect(() => durationToMillis(parseDuration('1M'))).toThrow(
      '1M (1 month) has no fixed length; use a calendar window',
    );
    expect(describeDuration(parseDuration('1m'))).toBe('1 minute');
  });

  it('converts fixed durations to milliseconds', () => {
    expect(durationToMillis(parseDuration('1h'))).toBe(3_600_000);
    expect(durationToMillis(parseDuration('1d'))).toBe(86_400_000);
    expect(durationToMillis(parseDuration('1w'))).toBe(604_800_000);
    expect(durationToMillis(parseDuration('28d'))).toBe(2_419_200_000);
    expect(durationToMillis(parseDuration('30d'))).toBe(2_592_000_000);
  });

  it('rejects malformed durations', () => {
    expect(() => parseDuration('0d')).toThrow('invalid duration "0d"');
    expect(() => parseDuration('1.5h')).toThrow('invalid duration');
    expect(() => parseDuration('5 minutes')).toThrow('invalid duration');
  });

  it('formats milliseconds in the largest exact unit', () => {
    expect(millisToDuration(300_000)).toEqual({ value: 5, unit: 'm' });
    expect(millisToDuration(7_200_000)).toEqual({ value: 2, unit: 'h' });
    expect(millisToDuration(21_600_000)).toEqual({ value: 6, unit: 'h' });
    expect(millisToDuration(259_200_000)).toEqual({ value: 3, unit: 'd' });
  });
});
