import { DateTime } from 'luxon';

const WEEK_MS = 7 * 86_400_000;

export const utcIso = (millis: number) =>
  DateTime.fromMillis(millis, { zone: 'utc' }).toISO()!;

/** Monday 00:00 UTC of the ISO week holding `millis`. */
export function weekStartOf(millis: number): number {
  return DateTime.fromMillis(millis, { zone: 'utc' })
    .startOf('week')
    .toMillis();
}

/**
 * The ISO weeks (Monday 00:00 UTC) overlapping [from, to), each clipped to
 * [from, to). Week i starts at weekStartOf(from) + i weeks, so an instant's
 * week is floor((instant - weekStartOf(from)) / WEEK_MS): the store groups by it.
 */
export function weekWindows(
  from: number,
  to: number,
): { from: number; to: number }[] {
  const windows = [];
  for (let start = weekStartOf(from); start < to; start += WEEK_MS) {
    windows.push({
      from: Math.max(from, start),
      to: Math.min(to, start + WEEK_MS),
    });
  }
  return windows;
}
