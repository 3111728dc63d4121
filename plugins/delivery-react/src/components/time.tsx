import Tooltip from '@material-ui/core/Tooltip';
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

/** Relative time with the exact time on hover. */
export function RelativeTime(props: { iso: string; now?: number }) {
  const exact = formatExact(props.iso);
  return (
    <Tooltip title={exact}>
      <time dateTime={props.iso}>{formatRelative(props.iso, props.now)}</time>
    </Tooltip>
  );
}
