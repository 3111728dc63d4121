/*
 * The ramp's step chart in SVG: the share of traffic on the new version over time
 * (positions from ./ramp), gridlines at every 25 %, each phase numbered above it, an
 * abort shaded, a blue-green switch as a line, the time axis in the user's zone.
 */
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { formatExact } from '@internal/backstage-plugin-delivery-react';
import {
  labelRows,
  Ramp,
  rampPath,
  RampScale,
  rampTicks,
  rampX,
  rampY,
} from './ramp';

const LEFT = 40;
const RIGHT = 16;
const ROW_Y = [12, 25];
const PLOT_TOP = 42;
const PLOT_HEIGHT = 110;
const AXIS = 22;

const useStyles = makeStyles(theme => ({
  svg: { display: 'block', overflow: 'visible' },
  axis: { fill: theme.palette.text.secondary, fontSize: 10 },
  number: { fill: theme.palette.text.primary, fontSize: 10, fontWeight: 600 },
  weight: { fill: theme.palette.primary.main, fontSize: 10, fontWeight: 600 },
}));

function timeFormat(startMs: number, endMs: number) {
  const span = endMs - startMs;
  const sameDay = DateTime.fromMillis(startMs).hasSame(
    DateTime.fromMillis(endMs),
    'day',
  );
  if (!sameDay) return 'LLL d HH:mm';
  return span < 10 * 60_000 ? 'HH:mm:ss' : 'HH:mm';
}

export const isoOf = (ms: number) => new Date(ms).toISOString();

/** The step chart: traffic on the new version over time, phases numbered above it. */
export function RampChart(props: { ramp: Ramp; width: number }) {
  const { ramp, width } = props;
  const classes = useStyles();
  const theme = useTheme();
  const plotWidth = Math.max(120, width - LEFT - RIGHT);
  const scale: RampScale = {
    start: ramp.start,
    end: ramp.end,
    width: plotWidth,
    height: PLOT_HEIGHT,
  };
  const drawn = ramp.phases.filter(p => p.drawn);
  const rows = labelRows(
    drawn.map(p => rampX(p.start, scale)),
    14,
  );
  const format = timeFormat(ramp.start, ramp.end);
  const line = rampPath(ramp, scale);
  const lastX = rampX(ramp.end, scale);
  const area = `${line} V${PLOT_HEIGHT} H${rampX(ramp.start, scale)} Z`;
  const tickCount = Math.max(2, Math.min(6, Math.floor(plotWidth / 100)));

  return (
    <svg
      className={classes.svg}
      width={LEFT + plotWidth + RIGHT}
      height={PLOT_TOP + PLOT_HEIGHT + AXIS}
      role="img"
      aria-label={`${
        ramp.strategy === 'blue-green' ? 'Blue-green switch' : 'Canary ramp'
      }: ${ramp.points
        .map(p => `${p.weight}% from ${formatExact(isoOf(p.at))}`)
        .join(', ')}`}
      data-testid="delivery-ramp-chart"
    >
      {/* Phase numbers, in two rows where they would touch. */}
      {drawn.map((p, i) => (
        <text
          key={`n${p.number}`}
          className={classes.number}
          x={LEFT + rampX(p.start, scale)}
          y={ROW_Y[rows[i]]}
          textAnchor="middle"
          fill={p.phase.kind === 'abort' ? theme.palette.error.main : undefined}
          data-testid="delivery-ramp-phase-number"
        >
          <title>{`${p.number}. ${p.phase.name}`}</title>
          {p.number}
        </text>
      ))}
      <g transform={`translate(${LEFT},${PLOT_TOP})`}>
        {[0, 25, 50, 75, 100].map(weight => (
          <g key={weight}>
            <line
              x1={0}
              x2={plotWidth}
              y1={rampY(weight, scale)}
              y2={rampY(weight, scale)}
              stroke={theme.palette.divider}
            />
            <text
              className={classes.axis}
              x={-6}
              y={rampY(weight, scale) + 3}
              textAnchor="end"
            >
              {weight}%
            </text>
          </g>
        ))}
        {drawn.map(p => (
          <line
            key={`b${p.number}`}
            x1={rampX(p.start, scale)}
            x2={rampX(p.start, scale)}
            y1={-14}
            y2={PLOT_HEIGHT}
            stroke={theme.palette.text.secondary}
            strokeOpacity={0.5}
            strokeDasharray="2 3"
          />
        ))}
        {drawn
          .filter(p => p.phase.kind === 'abort')
          .map(p => (
            <rect
              key={`a${p.number}`}
              x={rampX(p.start, scale)}
              y={0}
              width={Math.max(3, rampX(p.end, scale) - rampX(p.start, scale))}
              height={PLOT_HEIGHT}
              fill={theme.palette.error.main}
              fillOpacity={0.18}
              data-testid="delivery-ramp-abort"
            />
          ))}
        {ramp.switchAt !== undefined && (
          <line
            x1={rampX(ramp.switchAt, scale)}
            x2={rampX(ramp.switchAt, scale)}
            y1={0}
            y2={PLOT_HEIGHT}
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            data-testid="delivery-ramp-switch"
          />
        )}
        <path d={area} fill={theme.palette.primary.main} fillOpacity={0.12} />
        <path
          d={line}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          data-testid="delivery-ramp-line"
        />
        {ramp.points.map(point => (
          <text
            key={point.at}
            className={classes.weight}
            x={Math.min(lastX - 24, rampX(point.at, scale) + 3)}
            y={Math.max(10, rampY(point.weight, scale) - 4)}
          >
            {point.weight}%
          </text>
        ))}
        <line
          x1={0}
          x2={plotWidth}
          y1={PLOT_HEIGHT}
          y2={PLOT_HEIGHT}
          stroke={theme.palette.text.secondary}
        />
        {rampTicks(scale, tickCount).map((tick, i, all) => (
          <text
            key={tick.ms}
            className={classes.axis}
            x={tick.x}
            y={PLOT_HEIGHT + 15}
            textAnchor={
              // eslint-disable-next-line no-nested-ternary
              i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle'
            }
          >
            {DateTime.fromMillis(tick.ms).toFormat(format)}
          </text>
        ))}
      </g>
    </svg>
  );
}
