import { DateTime } from 'luxon';

/** Periods the pages offer, in days. */
export const PERIODS = [30, 90, 180] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The window of the last `days` days, ending at the next full hour: requests made
 * within the same hour ask for the same window.
 */
export function lastDays(days: number, now: number = Date.now()) {
  const to = DateTime.fromMillis(now, { zone: 'utc' })
    .startOf('hour')
    .plus({ hours: 1 });
  return {
    from: to.minus({ days }).toISO()!,
    to: to.toISO()!,
  };
}

/** A week start as "Jan 5". */
export const weekLabel = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).toFormat('LLL d');
