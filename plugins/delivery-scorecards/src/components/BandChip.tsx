import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Band,
  BandPreset,
} from '@internal/backstage-plugin-delivery-common';
import { MetricDefinition, thresholdLines } from './metrics';

export const BAND_COLOURS: Record<Band, { background: string; text: string }> =
  {
    elite: { background: '#1b5e20', text: '#fff' },
    high: { background: '#7cb342', text: '#fff' },
    medium: { background: '#f9a825', text: '#000' },
    low: { background: '#c62828', text: '#fff' },
    unknown: { background: '#e0e0e0', text: '#424242' },
  };

const useStyles = makeStyles({
  chip: {
    display: 'inline-block',
    borderRadius: 10,
    padding: '1px 8px',
    fontSize: '0.75rem',
    fontWeight: 600,
    lineHeight: '18px',
    whiteSpace: 'nowrap',
    cursor: 'help',
  },
});

/**
 * A band as a coloured chip; the preset's thresholds on hover, so no one has to guess
 * why a number is "medium". `unknown` reads "no data": never a green chip for nothing.
 */
export function BandChip(props: {
  band: Band;
  metric: MetricDefinition;
  preset: BandPreset;
}) {
  const classes = useStyles();
  const { band, metric, preset } = props;
  const colours = BAND_COLOURS[band];
  const lines = thresholdLines(metric, preset);
  const title = (
    <>
      <Typography variant="caption" component="div">
        {metric.label}, preset “{preset.name}”
      </Typography>
      {lines.map(line => (
        <Typography variant="caption" component="div" key={line}>
          {line}
        </Typography>
      ))}
      {band === 'unknown' && (
        <Typography variant="caption" component="div">
          Not enough data in this period for a band.
        </Typography>
      )}
    </>
  );
  return (
    <Tooltip title={title} arrow>
      <span
        className={classes.chip}
        style={{ background: colours.background, color: colours.text }}
        data-testid="scorecard-band"
        data-band={band}
        aria-label={`${metric.label} band: ${
          band === 'unknown' ? 'not enough data' : band
        }. ${lines.join('; ')}`}
      >
        {band === 'unknown' ? 'no data' : band}
      </span>
    </Tooltip>
  );
}

/** A figure DORA defines but no published table bands: says so, in grey, never a colour. */
export function NoBand(props: { reason: string }) {
  const classes = useStyles();
  const colours = BAND_COLOURS.unknown;
  return (
    <Tooltip title={props.reason} arrow>
      <span
        className={classes.chip}
        style={{ background: colours.background, color: colours.text }}
        data-testid="scorecard-no-band"
        aria-label={props.reason}
      >
        no band
      </span>
    </Tooltip>
  );
}
