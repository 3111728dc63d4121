import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import Remove from '@material-ui/icons/Remove';
import type { MetricChange } from '@internal/backstage-plugin-delivery-common';
import { formatRatio } from '@internal/backstage-plugin-delivery-react';
import { MetricDefinition } from './metrics';

const TREND_COLOURS = {
  better: '#2e7d32',
  worse: '#c62828',
  same: '#757575',
  unknown: '#9e9e9e',
};

/**
 * The change against the previous period, as the backend computed it: an arrow for the
 * direction of the value, coloured by whether that is better or worse for this metric.
 * When the backend withheld it (the previous period is not comparable), its reason.
 */
export function ChangeIndicator(props: {
  change?: MetricChange;
  metric: MetricDefinition;
}) {
  const { change, metric } = props;
  if (change?.withheld) {
    return (
      <Tooltip
        title={`Previous period: ${
          change.previous === null
            ? 'no figure'
            : metric.format(change.previous)
        }; not compared: ${change.withheld}`}
      >
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="scorecard-change"
          data-trend="withheld"
        >
          not comparable: {change.withheld}
        </Typography>
      </Tooltip>
    );
  }
  if (!change || change.trend === 'unknown') {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="scorecard-change"
        data-trend="unknown"
      >
        no previous figure
      </Typography>
    );
  }
  const { current, previous, changeRatio, trend } = change;
  const up = current! > previous!;
  let Icon = up ? ArrowUpward : ArrowDownward;
  if (trend === 'same') Icon = Remove;
  const percent =
    changeRatio === null
      ? 'new'
      : `${changeRatio > 0 ? '+' : ''}${formatRatio(changeRatio)}`;
  return (
    <Tooltip title={`Previous period: ${metric.format(previous!)}`}>
      <span
        data-testid="scorecard-change"
        data-trend={trend}
        style={{
          color: TREND_COLOURS[trend],
          display: 'inline-flex',
          alignItems: 'center',
          fontSize: '0.75rem',
        }}
        aria-label={`${percent} against the previous period (${trend})`}
      >
        <Icon style={{ fontSize: '0.9rem' }} />
        {trend === 'same' ? 'no change' : percent}
      </span>
    </Tooltip>
  );
}
