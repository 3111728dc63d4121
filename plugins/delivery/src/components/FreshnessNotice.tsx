import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { SourceStatus } from '../api/types';
import { formatRelative, formatExact } from './time';

/**
 * Says which sources are stale and since when. Nothing when every source is fresh or the
 * backend does not report freshness (`sources` undefined).
 */
export function FreshnessNotice(props: {
  sources?: SourceStatus[];
  now?: number;
}) {
  const stale = (props.sources ?? []).filter(s => s.stale);
  if (stale.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`Data may be out of date: ${stale.map(s => s.id).join(', ')}`}
      defaultExpanded
    >
      {stale.map(source => (
        <Typography
          key={source.id}
          variant="body2"
          data-testid={`delivery-stale-${source.id}`}
        >
          <strong>{source.id}</strong>:{' '}
          {source.lastSuccessAt
            ? `last successful sync ${formatRelative(
                source.lastSuccessAt,
                props.now,
              )} (${formatExact(source.lastSuccessAt)})`
            : 'no successful sync yet'}
          {source.lastErrorAt &&
            `; last error ${formatRelative(source.lastErrorAt, props.now)}`}
          {source.lastError && `: ${source.lastError}`}
        </Typography>
      ))}
    </WarningPanel>
  );
}
