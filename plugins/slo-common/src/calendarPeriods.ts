import { DateTime } from 'luxon';
import { describeDuration, SloDuration } from './duration';
import { CalendarWindow } from './model';

/** Calendar units a window may count in, as luxon names them. */
const UNITS = {
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  Y: 'years',
} as const;

type CalendarUnit = keyof typeof UNITS;

/** A calendar window counts days, weeks, months, quarters or years (any multiple). */
export function isCalendarDuration(duration: SloDuration): boolean {
  return duration.unit in UNITS;
}

/** OpenSLO writes `2022-01-01 12:00:00` (no zone): local time in the window's zone. */
export function parseCalendarStart(
  startTime: string,
  timeZone: string,
): DateTime | undefined {
  const local = DateTime.fromISO(startTime.trim().replace(' ', 'T'), {
    zone: timeZone,
  });
  return local.isValid ? local : undefined;
}

/**
 * Where periods are counted from: `startTime` when given, else 1970-01-01 00:00 in the
 * zone (for weeks the Monday after, 1970-01-05), so one-unit windows start at local
 * midnight, on Mondays, on the 1st of a month, quarter or year.
 */
function anchorOf(window: CalendarWindow): DateTime {
  if (window.startTime !== undefined) {
    const start = parseCalendarStart(window.startTime, window.timeZone);
    if (!start) {
      throw new Error(
        `calendar startTime "${window.startTime}" is not a date and time such as 2024-01-01 00:00:00`,
      );
    }
    return start;
  }
  return DateTime.fromObject(
    { year: 1970, month: 1, day: window.duration.unit === 'w' ? 5 : 1 },
    { zone: window.timeZone },
  );
}

/**
 * The calendar period containing `now`: periods of `duration` (e.g. 1M, 2M, 366d)
 * laid end to end from the window's anchor, in its time zone. Each period start is
 * computed from the anchor (anchor + k periods), so a month anchored on the 31st is
 * clamped to shorter months without drifting; days and weeks keep the local time
 * across daylight-saving changes.
 */
export function calendarPeriod(
  window: CalendarWindow,
  now: DateTime,
): { start: DateTime; end: DateTime } {
  if (!isCalendarDuration(window.duration)) {
    throw new Error(
      `a calendar window counts days, weeks, months, quarters or years, got ${describeDuration(
        window.duration,
      )}`,
    );
  }
  const unit = UNITS[window.duration.unit as CalendarUnit];
  const size = window.duration.value;
  const local = now.setZone(window.timeZone);
  if (!local.isValid) {
    throw new Error(`unknown time zone "${window.timeZone}"`);
  }
  const anchor = anchorOf(window);
  const startOf = (k: number) => anchor.plus({ [unit]: k * size });
  let k = Math.floor(local.diff(anchor, unit).get(unit) / size);
  while (startOf(k) > local) k--;
  while (startOf(k + 1) <= local) k++;
  return { start: startOf(k), end: startOf(k + 1) };
}
