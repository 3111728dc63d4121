import { DateTime } from 'luxon';
import { calendarPeriod } from './calendarPeriods';
import { durationToMillis } from './duration';
import { SloWindow } from './model';

export { isCalendarDuration } from './calendarPeriods';

export interface WindowBounds {
  /** Inclusive start. */
  start: DateTime;
  /** Exclusive end: `now` for rolling windows, the period's end for calendar ones. */
  end: DateTime;
  /** Length of the whole window in milliseconds. */
  lengthMs: number;
  /** Part of the window already elapsed at `now`. */
  elapsedMs: number;
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * Bounds of the window containing `now`. Calendar periods start at midnight in the
 * window's time zone (weeks on Monday), or at the window's `startTime`, and repeat
 * every `duration` (see `calendarPeriod`), so a month is 28 to 31 days and may contain
 * a daylight-saving change.
 */
export function windowBounds(window: SloWindow, now: DateTime): WindowBounds {
  if (window.kind === 'rolling') {
    const lengthMs = durationToMillis(window.duration);
    return {
      start: now.minus({ milliseconds: lengthMs }),
      end: now,
      lengthMs,
      elapsedMs: lengthMs,
    };
  }
  const { start, end } = calendarPeriod(window, now);
  return {
    start,
    end,
    lengthMs: end.toMillis() - start.toMillis(),
    elapsedMs: now.toMillis() - start.toMillis(),
  };
}
