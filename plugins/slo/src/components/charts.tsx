import {
  ChartLink,
  useMeasuredWidth,
  formatExact,
} from '@internal/backstage-plugin-delivery-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import type {
  BurndownPoint,
  SeriesPoint,
} from '@internal/backstage-plugin-slo-common';
import {
  burndownGeometry,
  ChartDeployment,
  DeploymentMarker,
  indicatorGeometry,
  timeTicks,
  TimeScale,
} from '../model/chart';
import { formatBudgetRemaining, formatPercent } from '../model/format';
import { describeImpact } from '../model/deployments';
import { stateColors } from './chips';

const LEFT = 56;
const RIGHT = 12;
const TOP = 10;
const AXIS = 24;
const HEIGHT = 160;

const useStyles = makeStyles(theme => ({
  root: { width: '100%' },
  svg: { display: 'block', overflow: 'visible' },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    fontSize: 12,
    color: theme.palette.text.secondary,
  },
  swatch: {
    display: 'inline-block',
    width: 18,
    height: 0,
    borderTop: '2px solid',
    verticalAlign: 'middle',
    marginRight: 4,
  },
}));

function TimeAxis(props: { scale: TimeScale; y: number }) {
  const classes = useStyles();
  const ticks = timeTicks(props.scale);
  const spanDays = (props.scale.toMs - props.scale.fromMs) / 86_400_000;
  const format = spanDays <= 2 ? 'HH:mm' : 'LLL d';
  return (
    <g>
      {ticks.map((tick, i) => (
        <text
          key={tick.ms}
          className={classes.axis}
          x={tick.x}
          y={props.y + 16}
          textAnchor={
            // eslint-disable-next-line no-nested-ternary
            i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'
          }
        >
          {DateTime.fromMillis(tick.ms).toFormat(format)}
        </text>
      ))}
    </g>
  );
}

function Markers(props: { markers: DeploymentMarker[]; height: number }) {
  const theme = useTheme();
  return (
    <g>
      {props.markers.map(marker => {
        const impact = describeImpact(marker);
        const title = `Deployment ${marker.label}${
          marker.environment ? ` to ${marker.environment}` : ''
        } at ${formatExact(marker.at)}${
          marker.frozen ? ' (made while the error budget was exhausted)' : ''
        }${impact ? `: ${impact}` : ''}`;
        const line = (
          <g
            data-testid="slo-deployment-marker"
            data-frozen={String(!!marker.frozen)}
            aria-label={title}
          >
            <title>{title}</title>
            <line
              x1={marker.x}
              x2={marker.x}
              y1={0}
              y2={props.height}
              stroke={
                marker.frozen ? stateColors.exhausted : theme.palette.info.main
              }
              strokeDasharray="3 3"
              strokeWidth={marker.frozen ? 2 : 1}
            />
            <path
              d={`M${marker.x - 4},-6L${marker.x + 4},-6L${marker.x},0Z`}
              fill={
                marker.frozen ? stateColors.exhausted : theme.palette.info.main
              }
            />
          </g>
        );
        return (
          <ChartLink key={marker.key} url={marker.url}>
            {line}
          </ChartLink>
        );
      })}
    </g>
  );
}

function ValueGrid(props: {
  ticks: Array<{ value: number; y: number }>;
  width: number;
  format: (value: number) => string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  return (
    <g>
      {props.ticks.map(tick => (
        <g key={tick.value}>
          <line
            x1={0}
            x2={props.width}
            y1={tick.y}
            y2={tick.y}
            stroke={theme.palette.divider}
          />
          <text className={classes.axis} x={-6} y={tick.y + 4} textAnchor="end">
            {props.format(tick.value)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The plot's size: the width the container measures, less the margins for the axes. */
function usePlotArea() {
  const { ref, width } = useMeasuredWidth(640);
  return {
    ref,
    area: { width: Math.max(200, width - LEFT - RIGHT), height: HEIGHT },
  };
}

/** A chart's SVG: the value grid under `children`, deployments and time axis over them. */
function ChartSvg(props: {
  plotWidth: number;
  label: string;
  testId: string;
  geometry: {
    valueTicks: Array<{ value: number; y: number }>;
    markers: DeploymentMarker[];
    time: TimeScale;
  };
  formatValue: (value: number) => string;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      width={LEFT + props.plotWidth + RIGHT}
      height={TOP + HEIGHT + AXIS}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
    >
      <g transform={`translate(${LEFT},${TOP})`}>
        <ValueGrid
          ticks={props.geometry.valueTicks}
          width={props.plotWidth}
          format={props.formatValue}
        />
        {props.children}
        <Markers markers={props.geometry.markers} height={HEIGHT} />
        <TimeAxis scale={props.geometry.time} y={HEIGHT} />
      </g>
    </svg>
  );
}

/** A line sample and what it stands for. */
function LegendItem(props: {
  color: string;
  lineStyle?: 'dashed' | 'dotted';
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <span>
      <span
        className={classes.swatch}
        style={{
          borderColor: props.color,
          ...(props.lineStyle ? { borderTopStyle: props.lineStyle } : {}),
        }}
      />
      {props.children}
    </span>
  );
}

/** What every chart spans and marks. */
type ChartWindow = {
  window: { from: string; to: string };
  deployments?: ChartDeployment[];
};

/** The line a chart is about, drawn over the others. */
function PrimaryLine(props: { d: string; testId: string }) {
  const theme = useTheme();
  return (
    <path
      d={props.d}
      stroke={theme.palette.primary.main}
      strokeWidth={2}
      fill="none"
      data-testid={props.testId}
    />
  );
}

/**
 * Error budget remaining over the window, against the ideal line (spending the budget
 * evenly), with deployments as dashed markers: a drop right after one is visible.
 */
export function BurndownChart(
  props: ChartWindow & { points: BurndownPoint[] },
) {
  const classes = useStyles();
  const theme = useTheme();
  const { ref, area } = usePlotArea();
  const geometry = burndownGeometry({ ...props, ...area });
  const last = geometry.last;
  return (
    <div ref={ref} className={classes.root}>
      <ChartSvg
        plotWidth={area.width}
        label={`Error budget burndown: ${
          last ? formatBudgetRemaining(last.remaining) : 'no data'
        } left`}
        testId="slo-burndown-chart"
        geometry={geometry}
        formatValue={v => formatPercent(v, 0)}
      >
        {geometry.values.min < 0 && (
          <rect
            x={0}
            y={geometry.zeroY}
            width={area.width}
            height={HEIGHT - geometry.zeroY}
            fill={stateColors.exhausted}
            opacity={0.08}
            data-testid="slo-burndown-overspent-area"
          />
        )}
        <path
          d={geometry.idealPath}
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 4"
          fill="none"
          data-testid="slo-burndown-ideal"
        />
        <PrimaryLine
          d={geometry.remainingPath}
          testId="slo-burndown-remaining"
        />
      </ChartSvg>
      <Box className={classes.legend}>
        <LegendItem color={theme.palette.primary.main}>
          budget remaining
        </LegendItem>
        <LegendItem color={theme.palette.text.secondary} lineStyle="dashed">
          ideal (budget spent evenly)
        </LegendItem>
        <LegendItem color={theme.palette.info.main} lineStyle="dotted">
          deployment ({geometry.markers.length})
        </LegendItem>
      </Box>
    </div>
  );
}

/** The indicator per step against the target line; steps below target get a dot. */
export function IndicatorChart(
  props: ChartWindow & { series: SeriesPoint[]; target: number },
) {
  const classes = useStyles();
  const { ref, area } = usePlotArea();
  const geometry = indicatorGeometry({ ...props, ...area });
  return (
    <div ref={ref} className={classes.root}>
      <ChartSvg
        plotWidth={area.width}
        label={`Indicator over time against the ${formatPercent(
          props.target,
        )} target`}
        testId="slo-indicator-chart"
        geometry={geometry}
        formatValue={v => formatPercent(v, 3)}
      >
        <line
          x1={0}
          x2={area.width}
          y1={geometry.targetY}
          y2={geometry.targetY}
          stroke={stateColors.critical}
          strokeDasharray="6 4"
          data-testid="slo-target-line"
        />
        <PrimaryLine d={geometry.path} testId="slo-indicator-line" />
        {geometry.below.map(point => (
          <circle
            key={point.t}
            cx={point.x}
            cy={point.y}
            r={3}
            fill={stateColors.critical}
            data-testid="slo-indicator-below"
          >
            <title>{`${formatPercent(point.value)} at ${formatExact(
              point.t,
            )}`}</title>
          </circle>
        ))}
      </ChartSvg>
      <Typography variant="caption" color="textSecondary">
        Gaps are steps without data; they are not counted as good or bad.
      </Typography>
    </div>
  );
}
