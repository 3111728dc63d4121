import { DateTime } from 'luxon';

/**
 * Parses an ISO-8601 date-time keeping its offset; strings without one are
 * read as UTC so results never depend on the machine's time zone.
 */
export function parseInstant(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true, zone: 'utc' });
}

/** Epoch milliseconds of an ISO-8601 date-time; throws on invalid input. */
export function toMillis(iso: string): number {
  const parsed = parseInstant(iso);
  if (!parsed.isValid) {
    throw new RangeError(`Invalid ISO-8601 date-time: ${iso}`);
  }
  return parsed.toMillis();
}
