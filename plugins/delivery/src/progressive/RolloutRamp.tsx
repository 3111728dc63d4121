import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import type {
  DeploymentPhase,
  ListedDeployment,
  PhaseBurn,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  formatExact,
  useMeasuredWidth,
} from '@internal/backstage-plugin-delivery-react';
import { formatDuration } from '../chart/model';
import { phaseBurnPhrase, rolloutOutcomeLabels } from './phrases';
import {
  labelRows,
  Ramp,
  rampPath,
  RampScale,
  rampTicks,
  rampX,
  rampY,
  rolloutRamp,
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
  row: { '& td': { whiteSpace: 'nowrap' } },
}));

/** The deployment whose rollout is shown. */
export type RolloutDeployment = Pick<
  ListedDeployment,
  'entityRef' | 'source' | 'id' | 'startedAt' | 'finishedAt' | 'phases'
>;

function timeFormat(startMs: number, endMs: number) {
  const span = endMs - startMs;
  const sameDay = DateTime.fromMillis(startMs).hasSame(
    DateTime.fromMillis(endMs),
    'day',
  );
  if (!sameDay) return 'LLL d HH:mm';
  return span < 10 * 60_000 ? 'HH:mm:ss' : 'HH:mm';
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/** The step chart: traffic on the new version over time, phases numbered above it. */
function RampChart(props: { ramp: Ramp; width: number }) {
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

/** What the header says of the rollout's end: the switch, the abort, or how far it got. */
function RolloutSummary(props: { ramp: Ramp }) {
  const { ramp } = props;
  if (ramp.outcome === 'aborted' && ramp.abortAt !== undefined) {
    const abort = ramp.phases.find(p => p.phase.kind === 'abort');
    return (
      <Typography
        variant="body2"
        color="error"
        data-testid="delivery-rollout-aborted"
      >
        Aborted at {formatExact(isoOf(ramp.abortAt))}
        {abort ? ` (phase ${abort.number}, “${abort.phase.name}”)` : ''}:
        traffic back to the stable version.
      </Typography>
    );
  }
  if (ramp.strategy === 'blue-green') {
    return (
      <Typography variant="body2" data-testid="delivery-rollout-switch">
        {ramp.switchAt !== undefined
          ? `Switched all traffic to the new version at ${formatExact(
              isoOf(ramp.switchAt),
            )}.`
          : 'Not switched yet: the stable version still serves all traffic.'}
      </Typography>
    );
  }
  const current = ramp.points[ramp.points.length - 1].weight;
  return (
    <Typography variant="body2">
      {ramp.outcome === 'promoted'
        ? 'Promoted: the new version serves all traffic.'
        : `In progress: ${current}% of the traffic on the new version.`}
    </Typography>
  );
}

/**
 * A progressive rollout's detail: the traffic ramp over time (canary steps, or the
 * blue-green switch), an abort drawn as traffic back to the stable version, and each
 * phase's error budget burn from `GET /rollout-burn`, with its loading, no-SLO and
 * error states. The ramp is drawn from the deployment's own phases while the burn loads.
 */
export function RolloutRamp(props: {
  deployment: RolloutDeployment;
  /** The current time (tests); a running rollout's ramp ends there. */
  now?: number;
}) {
  const { deployment } = props;
  const api = useApi(deliveryApiRef);
  const classes = useStyles();
  const { ref, width } = useMeasuredWidth(640);
  const { entityRef, source, id } = deployment;
  const burn = useAsync(
    () => api.getRolloutBurn({ entityRef, source, id }),
    [api, entityRef, source, id],
  );
  const now = props.now ?? Date.now();

  // The burn's phases are the deployment's, each with what it consumed.
  const phases: Array<DeploymentPhase & Partial<PhaseBurn>> | undefined = burn
    .value?.phases.length
    ? burn.value.phases
    : deployment.phases;
  const ramp = useMemo(
    () => rolloutRamp(phases, deployment, now),
    // `now` only matters for a running rollout, drawn again when its data changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [phases, deployment.startedAt, deployment.finishedAt],
  );
  if (!ramp) return null;

  const noSlo = burn.value && !burn.value.sloAvailable;
  const consumedOf = (phase: Partial<PhaseBurn>) => {
    if (!burn.value) return undefined;
    if (noSlo) return null;
    return phase.consumed === undefined ? null : phase.consumed;
  };

  return (
    <Box
      mb={1}
      data-testid="delivery-rollout-ramp"
      data-strategy={ramp.strategy}
      data-rollout-outcome={ramp.outcome}
    >
      <Typography variant="subtitle2">
        {ramp.strategy === 'blue-green'
          ? 'Blue-green switch'
          : 'Canary ramp: traffic on the new version'}{' '}
        · {rolloutOutcomeLabels[ramp.outcome]}
      </Typography>
      <RolloutSummary ramp={ramp} />
      <div ref={ref}>
        <RampChart ramp={ramp} width={width} />
      </div>
      {burn.loading && (
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="delivery-burn-loading"
        >
          Loading the error budget burn of each phase…
        </Typography>
      )}
      {burn.error && (
        <Typography
          variant="caption"
          color="error"
          display="block"
          data-testid="delivery-burn-error"
        >
          The error budget burn could not be loaded: {burn.error.message}
        </Typography>
      )}
      {noSlo && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          data-testid="delivery-burn-no-slo"
        >
          No SLO figures for this component: the burn of its phases is unknown.
        </Typography>
      )}
      <Table size="small" aria-label="Rollout phases">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Error budget</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ramp.phases.map(p => (
            <TableRow
              key={p.number}
              className={classes.row}
              data-testid="delivery-rollout-phase"
              data-kind={p.phase.kind}
            >
              <TableCell>{p.number}</TableCell>
              <TableCell>
                {p.phase.name}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {p.phase.kind}
                </Typography>
              </TableCell>
              <TableCell title={formatExact(p.phase.startedAt)}>
                {DateTime.fromISO(p.phase.startedAt).toFormat('HH:mm:ss')}
              </TableCell>
              <TableCell>
                {p.drawn ? formatDuration(p.end - p.start) : '–'}
              </TableCell>
              <TableCell>
                <Typography
                  variant="body2"
                  component="span"
                  color={p.phase.status === 'failed' ? 'error' : 'inherit'}
                >
                  {p.phase.status}
                </Typography>
              </TableCell>
              <TableCell data-testid="delivery-phase-burn">
                {phaseBurnPhrase(p.phase, p.weight, consumedOf(p.phase))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
