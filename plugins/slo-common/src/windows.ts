import { DateTime } from 'luxon';
import { durationToMillis, SloDuration } from './duration';
import { SloWindow } from './model';

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

const CALENDAR_UNITS = {
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
} as const;

export function isCalendarDuration(duration: SloDuration): boolean {
  return duration.value === 1 && duration.unit in CALENDAR_UNITS;
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * Bounds of the window containing `now`. Calendar periods start at midnight in the
 * window's time zone (weeks on Monday), so a month is 28 to 31 days and may contain a
 * daylight-saving change.
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
  if (!isCalendarDuration(window.duration)) {
    throw new Error(
      `calendar windows must be 1d, 1w, 1M, 1Q or 1Y, got ${window.duration.value}${window.duration.unit}`,
    );
  }
  const unit =
    CALENDAR_UNITS[window.duration.unit as keyof typeof CALENDAR_UNITS];
  const local = now.setZone(window.timeZone);
  if (!local.isValid) {
    throw new Error(`unknown time zone "${window.timeZone}"`);
  }
  const start = local.startOf(unit);
  const end = start.plus({ [`${unit}s`]: 1 });
  return {
    start,
    end,
    lengthMs: end.toMillis() - start.toMillis(),
    elapsedMs: local.toMillis() - start.toMillis(),
  };
}
