import type { DoraFigures } from '@internal/backstage-plugin-delivery-common';
import { MetricDefinition } from './metrics';

/**
 * Weekly values as an SVG line; weeks without data are gaps, not zeros. Pure SVG (no
 * chart library), so a table of many sparklines renders cheaply.
 */
export function Sparkline(props: {
  points: DoraFigures[];
  metric: MetricDefinition;
  width?: number;
  height?: number;
  /** Axis labels under the line (week starts), for the larger trend charts. */
  labels?: string[];
}) {
  const { points, metric, ...rest } = props;
  return (
    <SeriesSparkline
      values={points.map(p => metric.value(p))}
      label={metric.label}
      format={metric.format}
      {...rest}
    />
  );
}

/** A weekly series as a sparkline (see `Sparkline`), for figures beyond the metrics. */
export function SeriesSparkline(props: {
  values: (number | null)[];
  /** What the series is, e.g. "Pickup median". */
  label: string;
  format: (value: number) => string;
  width?: number;
  height?: number;
  labels?: string[];
  color?: string;
  'data-testid'?: string;
}) {
  const {
    values,
    format,
    width = 120,
    height = 28,
    labels,
    color = '#1976d2',
  } = props;
  const testId = props['data-testid'] ?? 'scorecard-sparkline';
  const known = values.filter((v): v is number => v !== null);
  const label = `${props.label}, weekly: ${
    values.map(v => (v === null ? 'no data' : format(v))).join(', ') ||
    'no weeks'
  }`;
  if (known.length === 0) {
    return (
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={label}
        data-testid={testId}
        data-empty="true"
      >
        <line
          x1={0}
          x2={width}
          y1={height / 2}
          y2={height / 2}
          stroke="#bdbdbd"
          strokeDasharray="3 3"
        />
      </svg>
    );
  }
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const pad = 3;
  const x = (i: number) =>
    values.length === 1
      ? width / 2
      : pad + (i * (width - 2 * pad)) / (values.length - 1);
  const y = (v: number) =>
    max === min
      ? height / 2
      : height - pad - ((v - min) * (height - 2 * pad)) / (max - min);
  // Split into runs of known values so a week without data breaks the line.
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) runs.push(current.join(' '));
      current = [];
    } else {
      current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (current.length) runs.push(current.join(' '));
  return (
    <svg
      width={width}
      height={height + (labels ? 14 : 0)}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      {runs.map(run => (
        <polyline
          key={run}
          points={run}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
        />
      ))}
      {values.map((v, i) =>
        v === null ? null : (
          <circle key={i} cx={x(i)} cy={y(v)} r={1.8} fill={color}>
            <title>
              {labels?.[i] ? `${labels[i]}: ` : ''}
              {format(v)}
            </title>
          </circle>
        ),
      )}
      {labels &&
        [0, labels.length - 1].map(i =>
          labels[i] ? (
            <text
              key={i}
              x={x(i)}
              y={height + 12}
              fontSize={10}
              fill="#757575"
              textAnchor={i === 0 ? 'start' : 'end'}
            >
              {labels[i]}
            </text>
          ) : null,
        )}
    </svg>
  );
}
