import { DateTime } from 'luxon';

/** The exact instant in the user's zone, e.g. "Jan 5, 2026, 10:00:00 AM GMT+1". */
export function formatExact(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString({
    ...DateTime.DATETIME_MED_WITH_SECONDS,
    timeZoneName: 'short',
  });
}

/** "3 hours ago", relative to `now` (defaults to the current time). */
export function formatRelative(iso: string, now?: number): string {
  return (
    DateTime.fromISO(iso).toRelative(
      now !== undefined ? { base: DateTime.fromMillis(now) } : undefined,
    ) ?? formatExact(iso)
  );
}

/**
 * Relative time with the exact time on hover, as the browser's own tooltip: tables show
 * one per row (the catalog's last production deploy, deployments), where a Material UI
 * Tooltip each costs a component tree on the first paint.
 */
export function RelativeTime(props: { iso: string; now?: number }) {
  return (
    <time dateTime={props.iso} title={formatExact(props.iso)}>
      {formatRelative(props.iso, props.now)}
    </time>
  );
}
