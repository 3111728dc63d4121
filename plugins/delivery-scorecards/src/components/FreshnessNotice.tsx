import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { DateTime } from 'luxon';
import type { SourceStatus } from '../api/types';

const relative = (iso: string, now?: number) =>
  DateTime.fromISO(iso).toRelative(
    now !== undefined ? { base: DateTime.fromMillis(now) } : undefined,
  ) ?? iso;

/**
 * Which sources feed the numbers and how fresh they are; a warning when any is stale.
 * Sources that are off until configured are listed as off, never warned about.
 * Nothing when the backend does not report sources.
 */
export function FreshnessNotice(props: {
  sources?: SourceStatus[];
  now?: number;
}) {
  const { sources, now } = props;
  if (!sources) return null;
  if (sources.length === 0) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="scorecard-sources"
      >
        Sources: none has reported a sync yet (demo or pushed events only).
      </Typography>
    );
  }
  const stale = sources.filter(s => s.stale);
  const summary = sources
    .map(s => {
      if (s.disabled) return `${s.id} (off, ${s.disabledReason ?? 'disabled'})`;
      return `${s.id}${
        s.lastSuccessAt ? ` (synced ${relative(s.lastSuccessAt, now)})` : ''
      }`;
    })
    .join(', ');
  if (stale.length === 0) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="scorecard-sources"
      >
        Sources: {summary}
      </Typography>
    );
  }
  return (
    <WarningPanel
      severity="warning"
      title={`Figures may be out of date: ${stale.map(s => s.id).join(', ')}`}
      defaultExpanded
    >
      {stale.map(s => (
        <Typography
          key={s.id}
          variant="caption"
          component="div"
          data-testid={`scorecard-stale-${s.id}`}
        >
          <strong>{s.id}</strong>:{' '}
          {s.lastSuccessAt
            ? `last successful sync ${relative(s.lastSuccessAt, now)}`
            : 'no successful sync yet'}
          {s.lastError && `; last error: ${s.lastError}`}
        </Typography>
      ))}
    </WarningPanel>
  );
}
