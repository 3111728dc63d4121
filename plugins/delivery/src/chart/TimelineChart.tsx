import { useState, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import {
  ChartLink,
  DeploymentFlags,
  formatExact,
} from '@internal/backstage-plugin-delivery-react';
import type {
  IncidentEvent,
  TimelineDeployment,
} from '@internal/backstage-plugin-delivery-common';
import { describeFreezeMark } from '../gate/freezeMarks';
import { FlagMark } from '../flags/FlagMark';
import { verdictColors, verdictLabels } from '../health/verdict';
import { rolloutMarkLabel } from '../progressive/phrases';
import {
  ChartMarker,
  ChartModel,
  instantAt,
  outcomeColors,
  outcomeLabels,
} from './model';

export const LABEL_WIDTH = 110;
const LANE_HEIGHT = 44;
const AXIS_HEIGHT = 26;
const TOP = 6;
const MARKER_R = 5;
/** The verdict's ring around a production marker. */
const VERDICT_R = MARKER_R + 3;
/** Flag marks sit in the lower part of a lane, under the deployment markers. */
const FLAG_DY = 13;

/** A mark that opens something on the page: clicked, or Enter/Space when focused. */
function Selectable(props: {
  label: string;
  onSelect: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onSelect();
    }
  };
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={props.label}
      data-testid={props.testId}
      style={{ cursor: 'pointer' }}
      onClick={props.onSelect}
      onKeyDown={onKeyDown}
    >
      {props.children}
    </g>
  );
}

/** A marker's hover text: version, outcome, source, start, verdict, rollout, marks. */
function markerTitle(
  marker: ChartMarker,
  flagged: boolean | undefined,
  freeze: string | undefined,
) {
  const d = marker.deployment;
  const lines = [
    `${d.version ?? d.id} · ${outcomeLabels[marker.outcome]} · ${d.source}`,
    `Started ${formatExact(d.startedAt)}${
      d.triggeredBy ? ` by ${d.triggeredBy}` : ''
    }`,
  ];
  if (marker.verdict) lines.push(`Verdict: ${verdictLabels[marker.verdict]}`);
  if (marker.rollout) {
    lines.push(
      `${rolloutMarkLabel(
        marker.rollout.strategy,
        marker.rollout.outcome,
      )} (click for its ramp)`,
    );
  }
  if (flagged) lines.push('Error budget exhausted');
  if (freeze) lines.push(freeze);
  return lines.join('\n');
}

const useStyles = makeStyles(theme => ({
  root: { width: '100%', position: 'relative', userSelect: 'none' },
  svg: { display: 'block', overflow: 'visible' },
  label: { fill: theme.palette.text.primary, fontSize: 13 },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
}));

function ticks(fromMs: number, toMs: number, plotWidth: number) {
  const count = Math.max(2, Math.min(8, Math.floor(plotWidth / 110)));
  const spanHours = (toMs - fromMs) / 3_600_000;
  let format = 'LLL d';
  if (spanHours <= 48) format = 'HH:mm';
  else if (spanHours <= 24 * 14) format = 'EEE d';
  return Array.from({ length: count + 1 }, (_, i) => {
    const ms = fromMs + ((toMs - fromMs) * i) / count;
    return {
      ms,
      x: (plotWidth * i) / count,
      label: DateTime.fromMillis(ms).toFormat(format),
    };
  });
}

function anchor(index: number, count: number) {
  if (index === 0) return 'start';
  return index === count - 1 ? 'end' : 'middle';
}

export interface TimelineChartProps {
  model: ChartModel;
  /** Drag across the chart: zoom to the selected range. */
  onZoom?: (range: { from: number; to: number }) => void;
  flags?: Record<string, DeploymentFlags>;
  /** Click on a progressive rollout's marker: open its ramp. */
  onSelectDeployment?: (deployment: TimelineDeployment) => void;
  /** Click on an incident's span: open its detail. */
  onSelectIncident?: (incident: IncidentEvent) => void;
}

/**
 * One lane per environment, a marker per deployment (or stacked counts per bucket when
 * markers would overlap) ringed by its verdict in production, flag changes as diamonds
 * under them, incidents as spans across the lanes. Drag to zoom; click a rollout's
 * marker or an incident to open its detail.
 */
export function TimelineChart(props: TimelineChartProps) {
  const { model, onZoom, flags, onSelectDeployment, onSelectIncident } = props;
  const classes = useStyles();
  const theme = useTheme();
  const plotWidth = model.width;
  const height = TOP + model.lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const lanesBottom = TOP + model.lanes.length * LANE_HEIGHT;
  const [drag, setDrag] = useState<{ start: number; end: number }>();

  // Mouse handlers sit on the <svg>, so markers keep their hover titles and links.
  const plotX = (event: MouseEvent<SVGSVGElement>) =>
    event.clientX -
    event.currentTarget.getBoundingClientRect().left -
    LABEL_WIDTH;
  const clamp = (x: number) => Math.min(plotWidth, Math.max(0, x));

  const endDrag = () => {
    if (drag && onZoom && Math.abs(drag.end - drag.start) >= 5) {
      const chart = {
        fromMs: model.fromMs,
        toMs: model.toMs,
        width: plotWidth,
      };
      const from = instantAt(Math.min(drag.start, drag.end), chart);
      const to = instantAt(Math.max(drag.start, drag.end), chart);
      if (to > from) onZoom({ from, to });
    }
    setDrag(undefined);
  };

  return (
    <div className={classes.root}>
      <svg
        className={classes.svg}
        width={LABEL_WIDTH + plotWidth}
        height={height}
        role="img"
        aria-label="Deployment timeline"
        data-testid="delivery-timeline-chart"
        style={onZoom ? { cursor: 'crosshair' } : undefined}
        onMouseDown={event => {
          const x = plotX(event);
          if (!onZoom || event.button !== 0 || x < 0 || x > plotWidth) return;
          event.preventDefault();
          setDrag({ start: x, end: x });
        }}
        onMouseMove={event =>
          drag && setDrag({ ...drag, end: clamp(plotX(event)) })
        }
        onMouseUp={endDrag}
        onMouseLeave={endDrag}
      >
        {model.lanes.map((lane, i) => {
          const y = TOP + i * LANE_HEIGHT;
          const mid = y + LANE_HEIGHT / 2;
          return (
            <g
              key={lane.environment}
              data-testid={`delivery-lane-${lane.environment}`}
              aria-label={`${lane.environment} lane: ${lane.total} deployments`}
            >
              <rect
                x={LABEL_WIDTH}
                y={y + 2}
                width={plotWidth}
                height={LANE_HEIGHT - 4}
                fill={
                  i % 2 === 0
                    ? theme.palette.action.hover
                    : theme.palette.background.paper
                }
              />
              <text
                className={classes.label}
                x={0}
                y={mid + 4}
                fontWeight={lane.production ? 'bold' : 'normal'}
              >
                {lane.environment}
              </text>
            </g>
          );
        })}

        <g transform={`translate(${LABEL_WIDTH},0)`}>
          {/* Incident spans under the markers, across every lane. */}
          {model.spans.map(span => {
            const content = (
              <>
                <title>
                  {`Incident: ${span.incident.title}${
                    span.incident.severity ? ` (${span.incident.severity})` : ''
                  }\nOpened ${formatExact(span.incident.openedAt)}\n${
                    span.incident.resolvedAt
                      ? `Resolved ${formatExact(span.incident.resolvedAt)}`
                      : 'Still open'
                  }`}
                </title>
                <rect
                  x={span.x}
                  y={TOP}
                  width={span.width}
                  height={Math.max(0, lanesBottom - TOP)}
                  fill={theme.palette.error.main}
                  fillOpacity={0.14}
                  stroke={theme.palette.error.main}
                  strokeOpacity={0.6}
                  strokeDasharray={span.open ? '4 3' : undefined}
                />
                <rect
                  x={span.x}
                  y={TOP}
                  width={span.width}
                  height={3}
                  fill={theme.palette.error.main}
                />
              </>
            );
            const label = `Incident: ${span.incident.title}`;
            return onSelectIncident ? (
              <Selectable
                key={span.key}
                label={label}
                testId="delivery-incident-span"
                onSelect={() => onSelectIncident(span.incident)}
              >
                {content}
              </Selectable>
            ) : (
              <g
                key={span.key}
                data-testid="delivery-incident-span"
                aria-label={label}
              >
                {content}
              </g>
            );
          })}

          {model.lanes.map((lane, i) => {
            const y = TOP + i * LANE_HEIGHT;
            const mid = y + LANE_HEIGHT / 2;
            const barMax = LANE_HEIGHT - 10;
            return (
              <g key={lane.environment}>
                {lane.flags.map(mark => (
                  <FlagMark
                    key={mark.key}
                    mark={mark}
                    y={mid + FLAG_DY}
                    environment={lane.environment}
                  />
                ))}
                {lane.markers.map(marker => {
                  const d = marker.deployment;
                  const flagged = flags?.[marker.key]?.errorBudgetExhausted;
                  const freeze = flags?.[marker.key]?.freeze;
                  const label = `${d.version ?? d.id} ${
                    outcomeLabels[marker.outcome]
                  } in ${d.environment}${
                    marker.verdict
                      ? `, ${verdictLabels[marker.verdict].toLocaleLowerCase(
                          'en-US',
                        )}`
                      : ''
                  }${
                    marker.rollout
                      ? `, ${rolloutMarkLabel(
                          marker.rollout.strategy,
                          marker.rollout.outcome,
                        )}`
                      : ''
                  }`;
                  const circle = (
                    <circle
                      cx={marker.x}
                      cy={mid}
                      r={MARKER_R}
                      fill={outcomeColors[marker.outcome]}
                      stroke={
                        flagged || freeze
                          ? theme.palette.error.dark
                          : theme.palette.background.paper
                      }
                      strokeWidth={flagged || freeze ? 2.5 : 1}
                      strokeDasharray={freeze ? '2 1.5' : undefined}
                      data-testid="delivery-marker"
                      data-outcome={marker.outcome}
                      data-freeze={freeze?.kind}
                      data-verdict={marker.verdict}
                      data-rollout={marker.rollout?.outcome}
                      aria-label={label}
                    >
                      <title>
                        {markerTitle(
                          marker,
                          flagged,
                          freeze ? describeFreezeMark(freeze) : undefined,
                        )}
                      </title>
                    </circle>
                  );
                  const mark = (
                    <>
                      {marker.verdict && (
                        <circle
                          cx={marker.x}
                          cy={mid}
                          r={VERDICT_R}
                          fill="none"
                          stroke={verdictColors[marker.verdict]}
                          strokeWidth={2}
                          data-testid="delivery-marker-verdict"
                          data-verdict={marker.verdict}
                        />
                      )}
                      {circle}
                      {marker.rollout && (
                        // A progressive rollout: a dot inside its marker.
                        <circle
                          cx={marker.x}
                          cy={mid}
                          r={1.8}
                          fill={theme.palette.background.paper}
                          pointerEvents="none"
                        />
                      )}
                    </>
                  );
                  if (marker.rollout && onSelectDeployment) {
                    return (
                      <Selectable
                        key={marker.key}
                        label={`Show the ramp of ${label}`}
                        testId="delivery-rollout-marker"
                        onSelect={() => onSelectDeployment(d)}
                      >
                        {mark}
                      </Selectable>
                    );
                  }
                  return (
                    <ChartLink key={marker.key} url={d.url}>
                      {mark}
                    </ChartLink>
                  );
                })}
                {lane.buckets.map(bucket => {
                  const barHeight = Math.max(
                    4,
                    (bucket.total / model.maxBucket) * barMax,
                  );
                  let top = mid + barHeight / 2;
                  return (
                    <g
                      key={bucket.key}
                      data-testid="delivery-bucket"
                      aria-label={`${bucket.total} deployments in ${lane.environment}`}
                    >
                      <title>
                        {`${bucket.total} deployments, ${formatExact(
                          bucket.start,
                        )} – ${formatExact(bucket.end)}\n${bucket.segments
                          .map(s => `${outcomeLabels[s.outcome]}: ${s.count}`)
                          .join('\n')}`}
                      </title>
                      {bucket.segments.map(segment => {
                        const h = (segment.count / bucket.total) * barHeight;
                        top -= h;
                        return (
                          <rect
                            key={segment.outcome}
                            x={bucket.x + 0.5}
                            y={top}
                            width={Math.max(1, bucket.width - 1)}
                            height={h}
                            fill={outcomeColors[segment.outcome]}
                          />
                        );
                      })}
                    </g>
                  );
                })}
              </g>
            );
          })}

          {/* Axis in the user's time zone. */}
          <line
            x1={0}
            x2={plotWidth}
            y1={lanesBottom + 1}
            y2={lanesBottom + 1}
            stroke={theme.palette.divider}
          />
          {ticks(model.fromMs, model.toMs, plotWidth).map((tick, i, all) => (
            <text
              key={tick.ms}
              className={classes.axis}
              x={tick.x}
              y={lanesBottom + 17}
              textAnchor={anchor(i, all.length)}
            >
              {tick.label}
            </text>
          ))}

          {drag && (
            <rect
              data-testid="delivery-zoom-selection"
              x={Math.min(drag.start, drag.end)}
              y={TOP}
              width={Math.abs(drag.end - drag.start)}
              height={Math.max(0, lanesBottom - TOP)}
              fill={theme.palette.primary.main}
              fillOpacity={0.15}
              pointerEvents="none"
            />
          )}
        </g>
      </svg>
    </div>
  );
}
