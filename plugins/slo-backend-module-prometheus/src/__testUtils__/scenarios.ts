/**
 * The known series backfilled into the test Prometheus. Every counter is sampled
 * exactly on each minute, so a 1h step's `increase()` has samples on both of its
 * boundaries and Prometheus 2.x returns v(end) - v(start) without extrapolation: the
 * counts below are exact and the tests compare them with `toBe`.
 *
 * Time line (UTC): samples from 2024-09-30T00:00 to 2024-11-01T00:00 (32 days, 46,081
 * samples per series). Rolling windows are evaluated at END = 2024-11-01T00:00, so a 28d
 * window is [2024-10-04T00:00, 2024-11-01T00:00): 672 hourly steps.
 */
import { BackfillFamily, BackfillSeries } from './openMetrics';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DATA_FROM = Date.UTC(2024, 8, 30); // 2024-09-30T00:00Z
export const END = Date.UTC(2024, 10, 1); // 2024-11-01T00:00Z
export const WINDOW_28D = 28 * 24 * HOUR;

/** Minutes since DATA_FROM. */
const minutes = (t: number) => (t - DATA_FROM) / MINUTE;

function series(
  labels: Record<string, string>,
  value: (minute: number, t: number) => number | undefined,
): BackfillSeries {
  return {
    labels,
    fromMs: DATA_FROM,
    toMs: END,
    intervalMs: MINUTE,
    value: t => value(minutes(t), t),
  };
}

/** (b) 3 hours of 50% errors: 2024-10-31T18:00Z to 21:00Z. */
export const INCIDENT_FROM = Date.UTC(2024, 9, 31, 18);
export const INCIDENT_TO = Date.UTC(2024, 9, 31, 21);
/** Bad events of the incident service up to minute m: 500 per incident minute. */
function incidentBad(t: number): number {
  const inIncident =
    Math.min(Math.max(t, INCIDENT_FROM), INCIDENT_TO) - INCIDENT_FROM;
  return 500 * (inIncident / MINUTE);
}

/** (c) scrapes missing after 2024-10-20T06:00Z until 12:00Z (samples at 06:00 and 12:00 exist). */
export const GAP_FROM = Date.UTC(2024, 9, 20, 6);
export const GAP_TO = Date.UTC(2024, 9, 20, 12);
const inGap = (t: number) => t > GAP_FROM && t < GAP_TO;

/** (d) one request at hh:30 of every odd hour; the one at 2024-10-15T03:30Z failed. */
export const LOW_TRAFFIC_BAD_AT = Date.UTC(2024, 9, 15, 3, 30);
function lowTrafficRequests(t: number): number {
  // Requests at 01:30, 03:30, ...: one every 120 minutes starting at minute 90.
  return Math.max(0, Math.floor((minutes(t) - 90) / 120) + 1);
}

/** (e) Calendar month October 2024 in Europe/Paris: [2024-09-30T22:00Z, 2024-10-31T23:00Z). */
export const PARIS_OCTOBER_FROM = Date.UTC(2024, 8, 30, 22);
export const PARIS_OCTOBER_TO = Date.UTC(2024, 9, 31, 23);
/** 1 error per minute until Paris midnight of 16 October (2024-10-15T22:00Z), none after. */
export const MONTHLY_ERRORS_UNTIL = Date.UTC(2024, 9, 15, 22);

export const FAMILIES: BackfillFamily[] = [
  {
    name: 'slo_demo_requests',
    type: 'counter',
    help: 'Requests served.',
    series: [
      // (a) steady: 1000 requests a minute.
      series({ service: 'steady' }, m => 1000 * m),
      // (b) incident: 1000 a minute.
      series({ service: 'incident' }, m => 1000 * m),
      // (c) gaps: 1000 a minute, 6 hours of scrapes missing.
      series({ service: 'gaps' }, (m, t) => (inGap(t) ? undefined : 1000 * m)),
      // (d) low traffic: one request every 2 hours.
      series({ service: 'quiet' }, (_m, t) => lowTrafficRequests(t)),
      // no traffic at all: the counter exists and stays at 0.
      series({ service: 'idle' }, () => 0),
      // (e) monthly: 1000 a minute.
      series({ service: 'monthly' }, m => 1000 * m),
    ],
  },
  {
    name: 'slo_demo_errors',
    type: 'counter',
    help: 'Requests that failed.',
    series: [
      // (a) one error every 2 minutes: 0.5 a minute, 30 an hour.
      series({ service: 'steady' }, m => Math.floor(m / 2)),
      // (c) the same, but during the gap the service failed every request: the
      // counter jumps by 360,000 across the gap, which no step can see.
      series({ service: 'gaps' }, (m, t) =>
        inGap(t)
          ? undefined
          : Math.floor(m / 2) + (t >= GAP_TO ? 1000 * 360 : 0),
      ),
      // (d) the one failed request.
      series({ service: 'quiet' }, (_m, t) =>
        t >= LOW_TRAFFIC_BAD_AT ? 1 : 0,
      ),
      series({ service: 'idle' }, () => 0),
      // (e) 1 a minute until MONTHLY_ERRORS_UNTIL.
      series({ service: 'monthly' }, (_m, t) =>
        minutes(Math.min(t, MONTHLY_ERRORS_UNTIL)),
      ),
    ],
  },
  {
    // (b) as good/total: good = total - 500 per incident minute.
    name: 'slo_demo_successes',
    type: 'counter',
    help: 'Requests that succeeded.',
    series: [
      series({ service: 'incident' }, (m, t) => 1000 * m - incidentBad(t)),
    ],
  },
  // Latency histogram: 1000 requests a minute, 990 within 0.3 s, 998 within 1 s.
  {
    name: 'slo_demo_request_duration_seconds_bucket',
    type: 'unknown',
    series: [
      series({ service: 'latency', le: '0.3' }, m => 990 * m),
      series({ service: 'latency', le: '1' }, m => 998 * m),
      series({ service: 'latency', le: '+Inf' }, m => 1000 * m),
    ],
  },
  {
    name: 'slo_demo_request_duration_seconds_count',
    type: 'unknown',
    series: [series({ service: 'latency' }, m => 1000 * m)],
  },
  // Boolean probe: 1, except 0 on every 10th minute (6 failed samples an hour).
  {
    name: 'slo_demo_probe_success',
    type: 'gauge',
    series: [series({ service: 'probe' }, m => (m % 10 === 0 ? 0 : 1))],
  },
  // Threshold gauge: 3 s during minutes 0-14 of each hour, 0.5 s otherwise.
  {
    name: 'slo_demo_queue_latency_seconds',
    type: 'gauge',
    series: [series({ service: 'queue' }, m => (m % 60 < 15 ? 3 : 0.5))],
  },
];
