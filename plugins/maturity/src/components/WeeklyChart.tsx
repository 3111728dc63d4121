import { useMeasuredWidth } from '@internal/backstage-plugin-delivery-react';
import { useTheme } from '@material-ui/core/styles';
import { seriesGeometry } from '../model/chart';
import { isoDay } from '../model/format';

const LEFT = 40;
const RIGHT = 12;
const TOP = 8;
const AXIS = 18;

/**
 * A small weekly line chart in plain SVG (as the scorecards' sparklines and the SLO
 * charts): one dot per week with its value on hover, weeks without a value left as
 * gaps, grid lines at `ticks`.
 */
export function WeeklyChart(props: {
  weeks: string[];
  values: (number | null)[];
  max: number;
  ticks: { value: number; label: string }[];
  /** The hover text of a week's value. */
  describe: (value: number) => string;
  label: string;
  testId: string;
  height?: number;
}) {
  const theme = useTheme();
  const { ref, width } = useMeasuredWidth(480);
  const height = props.height ?? 90;
  const plotWidth = Math.max(120, width - LEFT - RIGHT);
  const geometry = seriesGeometry(props.values, {
    width: plotWidth,
    height,
    max: props.max,
  });
  const axis = { fill: theme.palette.text.secondary, fontSize: 11 };
  const first = props.weeks[0];
  const last = props.weeks[props.weeks.length - 1];
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg
        width={LEFT + plotWidth + RIGHT}
        height={TOP + height + AXIS}
        role="img"
        aria-label={props.label}
        data-testid={props.testId}
        style={{ display: 'block', overflow: 'visible' }}
      >
        <g transform={`translate(${LEFT},${TOP})`}>
          {props.ticks.map(tick => (
            <g key={tick.value}>
              <line
                x1={0}
                x2={plotWidth}
                y1={geometry.y(tick.value)}
                y2={geometry.y(tick.value)}
                stroke={theme.palette.divider}
              />
              <text
                {...axis}
                x={-6}
                y={geometry.y(tick.value) + 4}
                textAnchor="end"
              >
                {tick.label}
              </text>
            </g>
          ))}
          {geometry.runs.map(run => (
            <polyline
              key={run}
              points={run}
              fill="none"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
            />
          ))}
          {geometry.points.map(point => (
            <circle
              key={point.index}
              cx={point.x}
              cy={point.y}
              r={3}
              fill={theme.palette.primary.main}
              data-testid={`${props.testId}-point`}
              data-week={props.weeks[point.index]}
              data-value={String(point.value)}
            >
              <title>
                {`week of ${isoDay(props.weeks[point.index])}: ${props.describe(
                  point.value,
                )}`}
              </title>
            </circle>
          ))}
          {first && (
            <text {...axis} x={0} y={height + 14} textAnchor="start">
              {isoDay(first)}
            </text>
          )}
          {last && last !== first && (
            <text {...axis} x={plotWidth} y={height + 14} textAnchor="end">
              {isoDay(last)}
            </text>
          )}
        </g>
      </svg>
    </div>
  );
}
