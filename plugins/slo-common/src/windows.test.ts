import { DateTime } from 'luxon';
import { parseDuration } from './duration';
import { windowBounds } from './windows';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** The bounds at `now` of a calendar window of `duration` in `timeZone`. */
const calendarBounds = (now: string, duration: string, timeZone: string) =>
  windowBounds(
    { kind: 'calendar', duration: parseDuration(duration), timeZone },
    utc(now),
  );

describe('window bounds', () => {
  it('ends a rolling window now', () => {
    const bounds = windowBounds(
      { kind: 'rolling', duration: parseDuration('28d') },
      utc('2024-03-15T12:00:00Z'),
    );
    expect(bounds.start.toISO()).toBe('2024-02-16T12:00:00.000Z');
    expect(bounds.lengthMs).toBe(2_419_200_000);
  });

  it('starts a calendar month at local midnight, across a DST change', () => {
    const bounds = calendarBounds('2024-03-15T12:00:00Z', '1M', 'Europe/Paris');
    expect(bounds.start.toUTC().toISO()).toBe('2024-02-29T23:00:00.000Z');
    expect(bounds.end.toUTC().toISO()).toBe('2024-03-31T22:00:00.000Z');
    // 31 days minus the hour lost on 31 March
    expect(bounds.lengthMs).toBe(31 * 86_400_000 - 3_600_000);
    expect(bounds.elapsedMs).toBe(14 * 86_400_000 + 13 * 3_600_000);
  });

  it('computes a calendar quarter in New York', () => {
    const bounds = calendarBounds(
      '2024-05-10T00:00:00Z',
      '1Q',
      'America/New_York',
    );
    expect(bounds.start.toUTC().toISO()).toBe('2024-04-01T04:00:00.000Z');
    expect(bounds.end.toUTC().toISO()).toBe('2024-07-01T04:00:00.000Z');
    expect(bounds.lengthMs).toBe(91 * 86_400_000);
  });
});
