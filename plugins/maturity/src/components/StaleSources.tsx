import { WarningPanel } from '@backstage/core-components';
import type { MaturitySourceFreshness } from '@internal/backstage-plugin-maturity-common';
import { formatExact } from '@internal/backstage-plugin-delivery-react';
import Typography from '@material-ui/core/Typography';

/**
 * The domains whose facts are stale (their backend could not be asked on a later
 * run): the checks still read the last good facts, so the page says from when.
 */
export function StaleSources(props: { sources?: MaturitySourceFreshness[] }) {
  const stale = (props.sources ?? []).filter(source => source.staleSince);
  if (stale.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`Stale facts: ${stale.map(s => s.domain).join(', ')}`}
    >
      {stale.map(source => (
        <Typography
          key={source.domain}
          variant="body2"
          data-testid="maturity-stale-source"
          data-domain={source.domain}
        >
          {source.domain}: could not be asked since{' '}
          {formatExact(source.staleSince!)}; the checks read the facts collected{' '}
          {formatExact(source.collectedAt)}.
        </Typography>
      ))}
    </WarningPanel>
  );
}
