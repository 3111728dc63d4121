import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DataQuality,
  SloState,
} from '@internal/backstage-plugin-slo-common';
import { dataQualityLabels, stateLabels } from '../model/format';

/** Colour-blind-safe (Okabe-Ito), the same palette as the delivery timeline. */
export const stateColors: Record<SloState, string> = {
  ok: '#009E73',
  warning: '#E69F00',
  critical: '#D55E00',
  exhausted: '#CC0000',
  unknown: '#999999',
};

const useStyles = makeStyles({
  chip: { color: '#fff', fontWeight: 500, marginRight: 4 },
});

const stateHelp: Record<SloState, string> = {
  ok: 'Budget left and no paging burn-rate tier firing',
  warning: 'A ticket tier fires, or less than 25% of the budget is left',
  critical: 'A paging burn-rate tier fires',
  exhausted:
    'No error budget left: the error budget policy freezes deployments',
  unknown: 'No usable data: see the data quality',
};

export function StateChip(props: { state: SloState }) {
  const classes = useStyles();
  return (
    <Tooltip title={stateHelp[props.state]}>
      <Chip
        size="small"
        className={classes.chip}
        style={{ backgroundColor: stateColors[props.state] }}
        label={stateLabels[props.state]}
        data-testid="slo-state-chip"
        data-state={props.state}
      />
    </Tooltip>
  );
}

export function DataQualityChip(props: { quality: DataQuality }) {
  const { quality } = props;
  const label = quality.lowTraffic
    ? `${dataQualityLabels[quality.status]} · low traffic`
    : dataQualityLabels[quality.status];
  return (
    <Tooltip title={quality.reason}>
      <Chip
        size="small"
        variant="outlined"
        label={label}
        color={
          quality.status === 'ok' && !quality.lowTraffic
            ? 'default'
            : 'secondary'
        }
        data-testid="slo-quality-chip"
        data-quality={quality.status}
        data-low-traffic={String(quality.lowTraffic)}
        style={{ marginRight: 4 }}
      />
    </Tooltip>
  );
}

/** What the frozen mark means, on hover. */
export const FROZEN_HELP =
  'Error budget exhausted: the error budget policy asks to stop deploying anything but fixes';
/** What the stale mark means, on hover. */
export const STALE_HELP =
  'The metric source failed at the last evaluation: these are the last good figures';

export function FrozenChip() {
  return (
    <Tooltip title={FROZEN_HELP}>
      <Chip
        size="small"
        label="Deploys frozen"
        data-testid="slo-frozen-chip"
        style={{
          backgroundColor: stateColors.exhausted,
          color: '#fff',
          marginRight: 4,
        }}
      />
    </Tooltip>
  );
}

/** The figures are the last good ones: the metric source has failed since. */
export function StaleChip() {
  return (
    <Tooltip title={STALE_HELP}>
      <Chip
        size="small"
        variant="outlined"
        label="stale"
        data-testid="slo-stale-chip"
        style={{ marginLeft: 4 }}
      />
    </Tooltip>
  );
}
