/*
 * The traffic ramp of a progressive rollout, from its phases: the share of traffic on
 * the new version over time (a step function), each phase's span and the weight it ran
 * at, and where the chart draws them. No React here: every rule is unit-tested.
 */
import {
  DeploymentPhase,
  orderedPhases,
  rolloutOutcome,
  RolloutOutcome,
  rolloutStrategy,
  RolloutStrategy,
  toMillis,
} from '@internal/backstage-plugin-delivery-common';

/** From `at` until the next point, `weight` % of the traffic goes to the new version. */
export interface RampPoint {
  at: number;
  weight: number;
}

/** A phase placed on the ramp. */
export interface RampPhase<P extends DeploymentPhase = DeploymentPhase> {
  /** 1-based, in the order the phases started: the label drawn on the chart. */
  number: number;
  phase: P;
  start: number;
  /** Its finish; a running phase runs to the ramp's end, an unfinished one to the next. */
  end: number;
  /** The weight in effect while it ran (after it applied its own); pending: its own. */
  weight: number;
  /** Pending phases have not started: listed, not drawn. */
  drawn: boolean;
}

export interface Ramp<P extends DeploymentPhase = DeploymentPhase> {
  strategy: RolloutStrategy;
  outcome: RolloutOutcome;
  start: number;
  end: number;
  /** Weight changes, oldest first; the first is the start at 0 %. */
  points: RampPoint[];
  phases: RampPhase<P>[];
  /** When a blue-green rollout switched its active service. */
  switchAt?: number;
  /** When the rollout was aborted (traffic back to the stable version). */
  abortAt?: number;
}

/**
 * The weight a phase sets, or undefined when it leaves the weight as it was:
 * an abort sends all traffic back to the stable version (0 %), a promotion or a
 * blue-green switch sends it all to the new one (100 %) unless it failed, any other
 * phase sets its own `weight` when it has one. Pending phases have not happened.
 */
export function weightSetBy(phase: DeploymentPhase): number | undefined {
  if (phase.status === 'pending') return undefined;
  if (phase.kind === 'abort') return 0;
  if (phase.kind === 'promote' || phase.kind === 'switch') {
    return phase.status === 'failed' ? undefined : 100;
  }
  return phase.weight;
}

/**
 * The ramp of a rollout with phases (undefined without). It starts at the deployment's
 * start (or its first phase, if earlier) with no traffic on the new version, and ends
 * at the latest of the deployment's finish and its phases' starts and finishes, or at
 * `now` while the deployment or a phase still runs.
 */
export function rolloutRamp<P extends DeploymentPhase>(
  phases: P[] | undefined,
  deployment: { startedAt: string; finishedAt?: string | null },
  now: number,
): Ramp<P> | undefined {
  const strategy = rolloutStrategy(phases);
  const outcome = rolloutOutcome(phases);
  if (!phases || !strategy || !outcome) return undefined;
  const ordered = orderedPhases(phases) as P[];
  const happened = ordered.filter(p => p.status !== 'pending');

  const start = Math.min(
    toMillis(deployment.startedAt),
    ...happened.map(p => toMillis(p.startedAt)),
  );
  const running =
    !deployment.finishedAt || happened.some(p => p.status === 'running');
  const end = Math.max(
    start,
    deployment.finishedAt ? toMillis(deployment.finishedAt) : start,
    ...happened.map(p => toMillis(p.startedAt)),
    ...happened.flatMap(p => (p.finishedAt ? [toMillis(p.finishedAt)] : [])),
    running ? now : start,
  );

  const points: RampPoint[] = [{ at: start, weight: 0 }];
  let weight = 0;
  const placed: RampPhase<P>[] = ordered.map((phase, index) => {
    const drawn = phase.status !== 'pending';
    const phaseStart = toMillis(phase.startedAt);
    const set = weightSetBy(phase);
    if (set !== undefined) {
      weight = set;
      const last = points[points.length - 1];
      // Phases starting at the same instant: the last one's weight holds.
      if (last.at === phaseStart) last.weight = set;
      else if (last.weight !== set)
        points.push({ at: phaseStart, weight: set });
      const before = points[points.length - 2];
      if (before && before.weight === points[points.length - 1].weight) {
        points.pop();
      }
    }
    const next = ordered.slice(index + 1).find(p => p.status !== 'pending');
    let phaseEnd = end;
    if (phase.finishedAt) phaseEnd = toMillis(phase.finishedAt);
    else if (phase.status !== 'running' && next) {
      phaseEnd = toMillis(next.startedAt);
    }
    return {
      number: index + 1,
      phase,
      start: phaseStart,
      end: Math.max(phaseStart, phaseEnd),
      // A pending step is listed at the weight it will set.
      weight: drawn ? weight : phase.weight ?? weight,
      drawn,
    };
  });

  const firstAt = (kind: DeploymentPhase['kind']) => {
    const found = happened.find(
      p => p.kind === kind && (kind === 'abort' || p.status !== 'failed'),
    );
    return found ? toMillis(found.startedAt) : undefined;
  };
  return {
    strategy,
    outcome,
    start,
    end,
    points,
    phases: placed,
    switchAt: strategy === 'blue-green' ? firstAt('switch') : undefined,
    abortAt: firstAt('abort'),
  };
}

/** Where the ramp chart draws: `width` x `height` pixels, 100 % at the top. */
export interface RampScale {
  start: number;
  end: number;
  width: number;
  height: number;
}

export const rampX = (ms: number, scale: RampScale) =>
  ((ms - scale.start) / Math.max(1, scale.end - scale.start)) * scale.width;

export const rampY = (weight: number, scale: RampScale) =>
  (1 - weight / 100) * scale.height;

/** The step line of the ramp as an SVG path: flat while a weight holds, then up or down. */
export function rampPath(ramp: Pick<Ramp, 'points' | 'end'>, scale: RampScale) {
  const [first, ...rest] = ramp.points;
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = `M${round(rampX(first.at, scale))},${round(
    rampY(first.weight, scale),
  )}`;
  for (const point of rest) {
    path += ` H${round(rampX(point.at, scale))} V${round(
      rampY(point.weight, scale),
    )}`;
  }
  return `${path} H${round(rampX(ramp.end, scale))}`;
}

/** `count + 1` evenly spaced instants of the time axis, with their x. */
export function rampTicks(scale: RampScale, count = 4) {
  return Array.from({ length: count + 1 }, (_, i) => ({
    ms: Math.round(scale.start + ((scale.end - scale.start) * i) / count),
    x: (scale.width * i) / count,
  }));
}

/**
 * Which of two rows each label goes to, left to right: the first row unless the last
 * label there is closer than `minGap` pixels, then the second, unless that one is
 * closer still (a crowded ramp overlaps least that way).
 */
export function labelRows(xs: number[], minGap: number): Array<0 | 1> {
  const last: [number, number] = [-Infinity, -Infinity];
  return xs.map(x => {
    let row: 0 | 1 = 0;
    if (x - last[0] < minGap) row = x - last[1] > x - last[0] ? 1 : 0;
    last[row] = x;
    return row;
  });
}
