/*
 * Pure geometry of the SLO charts (burndown, indicator over time): scales, SVG paths with
 * gaps where data is missing, deployment markers. No React here, so every mapping rule
 * is unit-tested with hand-worked coordinates.
 */
import type {
  BurndownPoint,
  SeriesPoint,
} from '@internal/backstage-plugin-slo-common';

export interface TimeScale {
  fromMs: number;
  toMs: number;
  width: number;
}

export interface ValueScale {
  min: number;
  max: number;
  height: number;
}

/** Two decimals are plenty for SVG and keep paths readable in tests. */
const px = (value: number) => Math.round(value * 100) / 100;

export function xAt(ms: number, scale: TimeScale): number {
  const span = scale.toMs - scale.fromMs;
  return span > 0 ? px(((ms - scale.fromMs) / span) * scale.width) : 0;
}

/** y grows downwards in SVG: `max` at 0, `min` at `height`. */
export function yAt(value: number, scale: ValueScale): number {
  const span = scale.max - scale.min;
  return span > 0 ? px(((scale.max - value) / span) * scale.height) : 0;
}

/**
 * An SVG path through the points; a `null` y ends the current segment, so a gap in the
 * data stays a gap (never drawn as 0 or as a straight line across).
 */
export function linePath(
  points: Array<{ x: number; y: number | null }>,
): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point.y === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${point.x},${point.y}`;
    drawing = true;
  }
  return path;
}

/** Evenly spaced instants across the window, one per ~110 px (2 to 8 intervals). */
export function timeTicks(scale: TimeScale): Array<{ ms: number; x: number }> {
  const count = Math.max(2, Math.min(8, Math.floor(scale.width / 110)));
  return Array.from({ length: count + 1 }, (_, i) => {
    const ms = scale.fromMs + ((scale.toMs - scale.fromMs) * i) / count;
    return { ms, x: xAt(ms, scale) };
  });
}

/** Vertical room a value label needs, in px. */
export const LABEL_GAP = 12;

/**
 * Keeps the value ticks whose labels do not overlap: ticks are taken in the given order
 * (most important first) and one is dropped when it sits closer than `gap` px to a kept
 * one. The result is sorted top to bottom.
 */
export function spreadTicks(
  ticks: Array<{ value: number; y: number }>,
  gap: number = LABEL_GAP,
): Array<{ value: number; y: number }> {
  const kept: Array<{ value: number; y: number }> = [];
  for (const tick of ticks) {
    if (kept.some(k => k.value === tick.value)) continue;
    if (kept.every(k => Math.abs(k.y - tick.y) >= gap)) kept.push(tick);
  }
  return kept.sort((a, b) => a.y - b.y);
}

/** A deployment drawn on a chart, from the delivery plugin. */
export interface ChartDeployment {
  key: string;
  at: string;
  label: string;
  environment?: string;
  url?: string;
  /** Made while the error budget was exhausted. */
  frozen?: boolean;
  /** Budget consumed in the hours after / before it (`/deployment-impact`). */
  impact?: {
    consumedAfter: number | null;
    consumedBefore: number | null;
    hours: number;
    /** The objective the figures belong to. */
    objectiveId?: string;
    /** Set when the after-span is cut short by now: the hours it covers. */
    afterHours?: number;
  };
}

export interface DeploymentMarker extends ChartDeployment {
  x: number;
}

/** Markers of the deployments inside the window, oldest first. */
export function deploymentMarkers(
  deployments: ChartDeployment[],
  scale: TimeScale,
): DeploymentMarker[] {
  return deployments
    .map(d => ({ ...d, ms: Date.parse(d.at) }))
    .filter(d => d.ms >= scale.fromMs && d.ms <= scale.toMs)
    .sort((a, b) => a.ms - b.ms)
    .map(({ ms, ...d }) => ({ ...d, x: xAt(ms, scale) }));
}

/** What both charts are drawn in: the window, the plot's size and the deployments. */
interface ChartFrame {
  window: { from: string; to: string };
  width: number;
  height: number;
  deployments?: ChartDeployment[];
}

function timeScaleOf(frame: ChartFrame): TimeScale {
  return {
    fromMs: Date.parse(frame.window.from),
    toMs: Date.parse(frame.window.to),
    width: frame.width,
  };
}

export interface BurndownGeometry {
  time: TimeScale;
  values: ValueScale;
  remainingPath: string;
  idealPath: string;
  /** y of "no budget left". */
  zeroY: number;
  /** Horizontal grid lines: 100%, 50%, 0% and the lowest tenth below 0 when overspent. */
  valueTicks: Array<{ value: number; y: number }>;
  /** The last known point, for its label. */
  last?: { x: number; y: number; remaining: number };
  markers: DeploymentMarker[];
}

/**
 * Budget remaining over the window against the ideal line (1 at the start, 0 at the
 * end). The value axis spans 0..1 and extends below 0, to the next tenth, when the
 * budget is overspent.
 */
export function burndownGeometry(
  input: ChartFrame & { points: BurndownPoint[] },
): BurndownGeometry {
  const time = timeScaleOf(input);
  const known = input.points
    .map(p => p.remaining)
    .filter((r): r is number => r !== null);
  const lowest = Math.min(0, ...known);
  const values: ValueScale = {
    min: lowest < 0 ? Math.floor(round6(lowest * 10)) / 10 : 0,
    max: Math.max(1, ...known),
    height: input.height,
  };
  const positioned = input.points.map(p => ({
    x: xAt(Date.parse(p.t), time),
    remaining: p.remaining,
    ideal: p.ideal,
  }));
  const lastKnown = [...positioned].reverse().find(p => p.remaining !== null);
  // Most important first: where the budget runs out, the full budget, the floor.
  const tickValues = [0, 1, ...(values.min < 0 ? [values.min] : []), 0.5];
  return {
    time,
    values,
    remainingPath: linePath(
      positioned.map(p => ({
        x: p.x,
        y: p.remaining === null ? null : yAt(p.remaining, values),
      })),
    ),
    idealPath: linePath(
      positioned.map(p => ({ x: p.x, y: yAt(p.ideal, values) })),
    ),
    zeroY: yAt(0, values),
    valueTicks: spreadTicks(
      tickValues.map(value => ({ value, y: yAt(value, values) })),
    ),
    last:
      lastKnown && lastKnown.remaining !== null
        ? {
            x: lastKnown.x,
            y: yAt(lastKnown.remaining, values),
            remaining: lastKnown.remaining,
          }
        : undefined,
    markers: deploymentMarkers(input.deployments ?? [], time),
  };
}

/** Drops float noise before flooring (-0.3 * 10 is -3.0000000000000004). */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export interface IndicatorGeometry {
  time: TimeScale;
  values: ValueScale;
  path: string;
  targetY: number;
  valueTicks: Array<{ value: number; y: number }>;
  /** Steps below the target, for the "missed" dots. */
  below: Array<{ x: number; y: number; value: number; t: string }>;
  markers: DeploymentMarker[];
}

/**
 * The indicator per step against the target line. The value axis runs from 1 down to
 * one error budget below the target (target - B), or lower when a step fell further,
 * so a 99.9% objective is not flattened against a 0..100% axis.
 */
export function indicatorGeometry(
  input: ChartFrame & { series: SeriesPoint[]; target: number },
): IndicatorGeometry {
  const time = timeScaleOf(input);
  const budget = 1 - input.target;
  const known = input.series
    .map(p => p.value)
    .filter((v): v is number => v !== null);
  const values: ValueScale = {
    min: round6(Math.max(0, Math.min(input.target - budget, ...known))),
    max: 1,
    height: input.height,
  };
  const positioned = input.series.map(p => ({
    x: xAt(Date.parse(p.t), time),
    y: p.value === null ? null : yAt(p.value, values),
    value: p.value,
    t: p.t,
  }));
  return {
    time,
    values,
    path: linePath(positioned),
    targetY: yAt(input.target, values),
    valueTicks: spreadTicks(
      [input.target, values.max, values.min].map(value => ({
        value,
        y: yAt(value, values),
      })),
    ),
    below: positioned
      .filter(p => p.value !== null && p.y !== null && p.value < input.target)
      .map(p => ({
        x: p.x,
        y: p.y as number,
        value: p.value as number,
        t: p.t,
      })),
    markers: deploymentMarkers(input.deployments ?? [], time),
  };
}
