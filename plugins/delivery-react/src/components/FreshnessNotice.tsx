import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import type { SourceStatus } from '@internal/backstage-plugin-delivery-common/client';
import { formatExact, formatRelative } from './time';

/** Props of {@link FreshnessNotice}. */
export interface FreshnessNoticeProps {
  /** `undefined` when the backend does not report freshness: nothing is shown then. */
  sources?: SourceStatus[];
  now?: number;
  /** What may be out of date: the events shown ('Data') or figures computed from them. */
  subject: 'Data' | 'Figures';
  /** `data-testid` prefix: `<prefix>-stale-<source id>`, `<prefix>-sources`. */
  testIdPrefix: string;
  /**
   * Also name every source and its last sync when none is stale (figures say what
   * they are computed from); otherwise fresh sources are not mentioned.
   */
  listSources?: boolean;
}

function SourceLine(props: { source: SourceStatus; now?: number }) {
  const { source, now } = props;
  const lastSync = source.lastSuccessAt
    ? `last successful sync ${formatRelative(
        source.lastSuccessAt,
        now,
      )} (${formatExact(source.lastSuccessAt)})`
    : 'no successful sync yet';
  let lastError = '';
  if (source.lastError) {
    lastError = `; last error: ${source.lastError}${
      source.lastErrorAt ? ` (${formatRelative(source.lastErrorAt, now)})` : ''
    }`;
  } else if (source.lastErrorAt) {
    lastError = `; last error ${formatRelative(source.lastErrorAt, now)}`;
  }
  return (
    <>
      <strong>{source.id}</strong>: {lastSync}
      {lastError}
    </>
  );
}

function sourcesSummary(sources: SourceStatus[], now?: number): string {
  return sources
    .map(s => {
      if (s.disabled) return `${s.id} (off, ${s.disabledReason ?? 'disabled'})`;
      return `${s.id}${
        s.lastSuccessAt
          ? ` (synced ${formatRelative(s.lastSuccessAt, now)})`
          : ''
      }`;
    })
    .join(', ');
}

/**
 * Says which sources are stale and since when. Sources that are off until configured
 * are never warned about. Nothing when the backend does not report freshness.
 */
export function FreshnessNotice(props: FreshnessNoticeProps) {
  const { sources, now, subject, testIdPrefix, listSources } = props;
  if (!sources) return null;
  const stale = sources.filter(s => s.stale);
  if (stale.length === 0) {
    if (!listSources) return null;
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid={`${testIdPrefix}-sources`}
      >
        {sources.length === 0
          ? 'Sources: none has reported a sync yet (demo or pushed events only).'
          : `Sources: ${sourcesSummary(sources, now)}`}
      </Typography>
    );
  }
  return (
    <WarningPanel
      severity="warning"
      title={`${subject} may be out of date: ${stale
        .map(s => s.id)
        .join(', ')}`}
      defaultExpanded
    >
      {stale.map(source => (
        <Typography
          key={source.id}
          variant="body2"
          component="div"
          data-testid={`${testIdPrefix}-stale-${source.id}`}
        >
          <SourceLine source={source} now={now} />
        </Typography>
      ))}
    </WarningPanel>
  );
}
