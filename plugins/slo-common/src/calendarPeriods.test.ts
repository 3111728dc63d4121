import { DateTime } from 'luxon';
import { parseDuration } from './duration';
import { CalendarWindow } from './model';
import { windowBounds } from './windows';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const calendar = (
  duration: string,
  timeZone: string,
  startTime?: string,
): CalendarWindow => ({
  kind: 'calendar',
  duration: parseDuration(duration),
  timeZone,
  ...(startTime ? { startTime } : {}),
});
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('calendar periods', () => {
  it('starts weeks at the OpenSLO startTime: Saturday noon in New York, across DST', () => {
    // OpenSLO examples/treat-low-traffic-as-equally-important: 1w from
    // 2022-01-01 12:00:00 (a Saturday). On Wed 2024-03-13 the week began Sat
    // 2024-03-09 12:00 EST (17:00Z) and ends Sat 2024-03-16 12:00 EDT (16:00Z).
    const bounds = windowBounds(
      calendar('1w', 'America/New_York', '2022-01-01 12:00:00'),
      utc('2024-03-13T12:00:00Z'),
    );
    expect(bounds.start.toUTC().toISO()).toBe('2024-03-09T17:00:00.000Z');
    expect(bounds.end.toUTC().toISO()).toBe('2024-03-16T16:00:00.000Z');
    // 7 days less the hour lost on 10 March
    expect(bounds.lengthMs).toBe(7 * DAY - HOUR);
    // 09T17:00Z to 13T12:00Z = 3 days 19 hours
    expect(bounds.elapsedMs).toBe(3 * DAY + 19 * HOUR);
  });

  it('lays two-month periods from January 1970 without a startTime', () => {
    // (2024 - 1970) * 12 = 648 months, even: periods are Jan-Feb, Mar-Apr, ...
    const bounds = windowBounds(
      calendar('2M', 'Europe/Paris'),
      utc('2024-03-15T12:00:00Z'),
    );
    expect(bounds.start.toUTC().toISO()).toBe('2024-02-29T23:00:00.000Z');
    expect(bounds.end.toUTC().toISO()).toBe('2024-04-30T22:00:00.000Z');
    // March 31 + April 30 = 61 days, less the hour lost on 31 March
    expect(bounds.lengthMs).toBe(61 * DAY - HOUR);
  });

  it('counts 366-day periods from their start', () => {
    // 2024 has 366 days: the second period starts 2025-01-01 and, 2025 having 365,
    // ends 2026-01-02.
    const bounds = windowBounds(
      calendar('366d', 'UTC', '2024-01-01 00:00:00'),
      utc('2025-01-01T12:00:00Z'),
    );
    expect(bounds.start.toISO()).toBe('2025-01-01T00:00:00.000Z');
    expect(bounds.end.toISO()).toBe('2026-01-02T00:00:00.000Z');
    expect(bounds.lengthMs).toBe(366 * DAY);
    expect(bounds.elapsedMs).toBe(12 * HOUR);
  });

  it('clamps months anchored on the 31st without drifting', () => {
    const window = calendar('1M', 'UTC', '2024-01-31 00:00:00');
    // 31 Jan + 1 month = 29 Feb (clamped); + 2 months = 31 Mar, not 29 Mar.
    const feb = windowBounds(window, utc('2024-02-29T12:00:00Z'));
    expect(feb.start.toISO()).toBe('2024-02-29T00:00:00.000Z');
    expect(feb.end.toISO()).toBe('2024-03-31T00:00:00.000Z');
    const jan = windowBounds(window, utc('2024-02-15T00:00:00Z'));
    expect(jan.start.toISO()).toBe('2024-01-31T00:00:00.000Z');
    expect(jan.end.toISO()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('keeps one-unit windows on midnight, Mondays and the 1st, and counts back before a startTime', () => {
    const week = windowBounds(
      calendar('1w', 'UTC'),
      utc('2024-03-13T12:00:00Z'),
    );
    expect(week.start.toISO()).toBe('2024-03-11T00:00:00.000Z'); // a Monday
    const before = windowBounds(
      calendar('1M', 'UTC', '2030-01-01 00:00:00'),
      utc('2029-12-15T00:00:00Z'),
    );
    expect(before.start.toISO()).toBe('2029-12-01T00:00:00.000Z');
    expect(before.end.toISO()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('refuses a startTime that is not a date', () => {
    expect(() =>
      windowBounds(calendar('1M', 'UTC', 'soon'), utc('2024-03-13T12:00:00Z')),
    ).toThrow('calendar startTime "soon" is not a date and time');
  });
});
