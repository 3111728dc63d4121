/**
 * Series whose scrapes do NOT fall on step boundaries, with counter resets and a gap,
 * and the hand-checkable oracle of what the count plan (promql/countPlan.ts) must
 * answer for them. Requests happen one every 60 ms (1,000 a minute), so the events
 * truly served in any span are known exactly; scrapes come every 15 s plus a jitter of
 * 7 ms to 9.979 s, never on a minute.
 *
 * Time line (UTC): 2024-11-27T00:00 to 2024-12-01T04:00 (100 hours).
 */
import { BackfillFamily, BackfillSeries } from './openMetrics';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const J_FROM = Date.UTC(2024, 10, 27);
export const J_END = Date.UTC(2024, 11, 1, 4);

/** Requests served in (J_FROM, t]: one every 60 ms. */
export function served(t: number): number {
  return Math.floor((t - J_FROM) / 60);
}

/** Scrape times: every 15 s, each 7 ms .. 9.979 s late (a fixed pseudo-random jitter). */
export function scrapeTimes(
  skip: (t: number) => boolean = () => false,
): number[] {
  const times: number[] = [];
  for (let k = 0; J_FROM + k * 15 * SECOND < J_END; k++) {
    const t = J_FROM + k * 15 * SECOND + 7 + ((k * 7919) % 9973);
    if (!skip(t)) times.push(t);
  }
  return times;
}

/** The scrape interval never exceeds 15 s + 9.972 s (the largest jitter difference). */
export const MAX_SCRAPE_INTERVAL_MS = 15 * SECOND + 9_972;

/** Process restarts of the `resets` service: its counter starts again from 0. */
export const RESETS = [
  Date.UTC(2024, 10, 30, 10, 20, 30, 500),
  Date.UTC(2024, 10, 30, 15, 45, 10),
];
function sinceRestart(t: number): number {
  const restart = RESETS.filter(r => r <= t).pop();
  return restart === undefined ? served(t) : served(t) - served(restart);
}

/** No scrapes of the `gappy` service for 40 minutes. */
export const J_GAP_FROM = Date.UTC(2024, 10, 30, 6, 0, 20);
export const J_GAP_TO = Date.UTC(2024, 10, 30, 6, 40, 50);
const inJGap = (t: number) => t > J_GAP_FROM && t < J_GAP_TO;

export interface Sample {
  t: number;
  v: number;
}

function jittered(
  labels: Record<string, string>,
  value: (t: number) => number,
  skip?: (t: number) => boolean,
): { series: BackfillSeries; samples: Sample[] } {
  const samples = scrapeTimes(skip).map(t => ({ t, v: value(t) }));
  const byTime = new Map(samples.map(s => [s.t, s.v]));
  return {
    samples,
    series: {
      labels,
      fromMs: samples[0].t,
      toMs: samples[samples.length - 1].t,
      intervalMs: MAX_SCRAPE_INTERVAL_MS,
      times: samples.map(s => s.t),
      value: t => byTime.get(t),
    },
  };
}

export const JITTERED = {
  steady: jittered({ service: 'jitter' }, served),
  resets: jittered({ service: 'resets' }, sinceRestart),
  gappy: jittered({ service: 'gappy' }, served, inJGap),
};

/** Samples exactly on every minute (step boundaries included): 1,000 requests a minute, an error every 2 minutes. */
function aligned(
  labels: Record<string, string>,
  value: (minute: number) => number,
): BackfillSeries {
  return {
    labels,
    fromMs: J_FROM,
    toMs: J_END,
    intervalMs: MINUTE,
    value: t => value((t - J_FROM) / MINUTE),
  };
}

export const JITTERED_FAMILIES: BackfillFamily[] = [
  {
    name: 'slo_jitter_requests',
    type: 'counter',
    series: [
      JITTERED.steady.series,
      JITTERED.resets.series,
      JITTERED.gappy.series,
      aligned({ service: 'aligned' }, m => 1000 * m),
    ],
  },
  {
    name: 'slo_jitter_errors',
    type: 'counter',
    series: [aligned({ service: 'aligned' }, m => Math.floor(m / 2))],
  },
  // The same histogram in the two notations of `le`: as a Go client exposes it and
  // Prometheus 2 keeps it (`1`), and as Prometheus 3 (or the Python client) writes it
  // (`1.0`). 1,000 requests a minute: 900 within 0.1 s, 990 within 0.25/0.5 s, 998
  // within 1 s.
  {
    name: 'slo_jitter_duration_seconds_bucket',
    type: 'unknown',
    series: [
      aligned({ service: 'go', le: '0.1' }, m => 900 * m),
      aligned({ service: 'go', le: '0.25' }, m => 990 * m),
      aligned({ service: 'go', le: '1' }, m => 998 * m),
      aligned({ service: 'go', le: '+Inf' }, m => 1000 * m),
      aligned({ service: 'py', le: '0.1' }, m => 900 * m),
      aligned({ service: 'py', le: '0.5' }, m => 990 * m),
      aligned({ service: 'py', le: '1.0' }, m => 998 * m),
      aligned({ service: 'py', le: '+Inf' }, m => 1000 * m),
    ],
  },
  {
    name: 'slo_jitter_duration_seconds_count',
    type: 'unknown',
    series: [
      aligned({ service: 'go' }, m => 1000 * m),
      aligned({ service: 'py' }, m => 1000 * m),
    ],
  },
];

/**
 * What the plan answers for the step (stepEnd - stepMs, stepEnd] (stepEnd on the
 * minute grid): the increases between consecutive samples whose later sample is in the
 * step and which are less than 5 minutes apart, a decrease (a restart) counting the
 * new value. Exact for steps without a restart; with one, the plan may also miss the
 * increments between the last minute before the restart and the restart.
 */
export function sampleIncrease(
  samples: Sample[],
  stepEnd: number,
  stepMs: number,
): number {
  let sum = 0;
  for (let i = 1; i < samples.length; i++) {
    const { t, v } = samples[i];
    const prev = samples[i - 1];
    if (t <= stepEnd - stepMs || t > stepEnd) continue;
    if (t - prev.t >= 5 * MINUTE) continue;
    sum += v >= prev.v ? v - prev.v : v;
  }
  return sum;
}

export { HOUR as J_HOUR };
