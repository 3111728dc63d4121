/**
 * countSeries against a real Prometheus 2.42 holding the series of
 * __testUtils__/scenarios.ts (backfilled with promtool). Every expected count is worked
 * out by hand below; they are exact because every sample sits on a minute and every
 * step boundary on an hour (see templates.ts on increase() extrapolation).
 */
import type { SloCountSeries } from '@internal/backstage-plugin-slo-node';
import { PrometheusClient } from './client/PrometheusClient';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import { badRatio, objective } from './__testUtils__/objectives';
import {
  describeWithPrometheus,
  startTestPrometheus,
  TestPrometheus,
} from './__testUtils__/prometheusServer';
import {
  DATA_FROM,
  END,
  FAMILIES,
  GAP_FROM,
  GAP_TO,
  INCIDENT_FROM,
  INCIDENT_TO,
  LOW_TRAFFIC_BAD_AT,
  PARIS_OCTOBER_FROM,
  PARIS_OCTOBER_TO,
  WINDOW_28D,
} from './__testUtils__/scenarios';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function sum(series: SloCountSeries) {
  return series.points.reduce(
    (acc, p) => ({
      good: acc.good + p.good,
      bad: acc.bad + p.bad,
      total: acc.total + p.total,
    }),
    { good: 0, bad: 0, total: 0 },
  );
}

describeWithPrometheus(
  'Prometheus metric source against a real Prometheus',
  () => {
    let prometheus: TestPrometheus;
    let source: PrometheusMetricSource;
    let client: PrometheusClient;

    beforeAll(async () => {
      prometheus = await startTestPrometheus(FAMILIES);
      client = new PrometheusClient({
        name: 'test',
        baseUrl: prometheus.baseUrl,
        queryTimeoutMs: 30_000,
      });
      source = new PrometheusMetricSource({
        client,
        id: 'prometheus:test',
        url: prometheus.baseUrl,
      });
    }, 180_000);

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('serves the backfilled blocks, including the oldest samples', async () => {
      // 18 series x 46,081 minutes (32 days + 1), less 359 missing scrapes of each of the
      // two gap series: 829,458 - 718 = 828,740.
      expect(prometheus.samples).toBe(828_740);
      // The very first sample, 32 days before the newest block ends.
      const first = await client.query(
        'slo_demo_requests_total{service="steady"}',
        DATA_FROM,
      );
      expect(first.data.map(s => s.value)).toEqual([[DATA_FROM / 1000, '0']]);
    });

    it('(a) steady 99.95% service: 672 hourly steps of 60,000 requests and 30 errors', async () => {
      const from = END - WINDOW_28D;
      const series = await source.countSeries({
        objective: objective('steady', badRatio('steady')),
        from,
        to: END,
        stepMs: HOUR,
      });
      // 28 days = 672 one-hour steps, t = end of each step.
      expect(series.expectedPoints).toBe(672);
      expect(series.points).toHaveLength(672);
      expect(series.points[0]).toEqual({
        t: from + HOUR,
        good: 59_970,
        bad: 30,
        total: 60_000,
      });
      expect(series.points[671].t).toBe(END);
      // Every step: 1000/min x 60 = 60,000 requests; errors every 2 minutes = 30.
      expect(series.points.every(p => p.total === 60_000 && p.bad === 30)).toBe(
        true,
      );
      // 672 x 60,000 = 40,320,000 requests, 672 x 30 = 20,160 errors: SLI 99.95%.
      expect(sum(series)).toEqual({
        good: 40_299_840,
        bad: 20_160,
        total: 40_320_000,
      });
      expect(series.queries).toEqual([
        'sum(increase(slo_demo_errors_total{service="steady"}[1h]))',
        'sum(increase(slo_demo_requests_total{service="steady"}[1h]))',
      ]);
      expect(series.partial).toBeUndefined();
    });

    it('(a) 5-minute steps tile the same hour exactly: 12 x 5,000 requests, 12 x 2.5 errors', async () => {
      const series = await source.countSeries({
        objective: objective('steady', badRatio('steady')),
        from: END - HOUR,
        to: END,
        stepMs: 5 * 60_000,
      });
      expect(series.points).toHaveLength(12);
      // Errors every 2 minutes: a 5-minute step starting on an even minute holds 2 or 3.
      // Step (23:00, 23:05] has errors at 23:02, 23:04 = 2; (23:05, 23:10] at 23:06, :08,
      // :10 = 3; alternating, 6 x 2 + 6 x 3 = 30, as in the hourly step.
      expect(series.points.map(p => p.bad)).toEqual([
        2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3,
      ]);
      expect(sum(series)).toEqual({ good: 59_970, bad: 30, total: 60_000 });
    });

    it('(b) an incident: good/total, 3 hours of 50% errors = 90,000 bad events', async () => {
      const series = await source.countSeries({
        objective: objective('incident', {
          kind: 'ratio',
          good: { query: 'slo_demo_successes_total{service="incident"}' },
          total: { query: 'slo_demo_requests_total{service="incident"}' },
        }),
        from: END - WINDOW_28D,
        to: END,
        stepMs: HOUR,
      });
      expect(series.points).toHaveLength(672);
      const incident = series.points.filter(p => p.bad > 0);
      // Steps ending 19:00, 20:00, 21:00 on 31 October: 30,000 of 60,000 failed each.
      expect(incident).toEqual(
        [19, 20, 21].map(hour => ({
          t: Date.UTC(2024, 9, 31, hour),
          good: 30_000,
          bad: 30_000,
          total: 60_000,
        })),
      );
      expect(INCIDENT_TO - INCIDENT_FROM).toBe(3 * HOUR);
      // 40,320,000 requests, 3 x 30,000 = 90,000 failed: error ratio 0.00223214...,
      // 2.23 times the 99.9% budget.
      expect(sum(series)).toEqual({
        good: 40_230_000,
        bad: 90_000,
        total: 40_320_000,
      });
    });

    it('(c) gaps: hours without scrapes are missing points, not good events', async () => {
      const series = await source.countSeries({
        objective: objective('gaps', badRatio('gaps')),
        from: END - WINDOW_28D,
        to: END,
        stepMs: HOUR,
      });
      // No samples strictly between 06:00 and 12:00 on 20 October. Steps ending 07:00 ...
      // 12:00 each hold a single sample (at 06:00, or at 12:00 for the last), and
      // increase() needs two: 6 steps are absent. The step ending 06:00 and the one
      // ending 13:00 have samples on both boundaries and are complete.
      expect(series.expectedPoints).toBe(672);
      expect(series.points).toHaveLength(666);
      const times = new Set(series.points.map(p => p.t));
      for (let t = GAP_FROM + HOUR; t <= GAP_TO; t += HOUR) {
        expect(times.has(t)).toBe(false);
      }
      expect(times.has(GAP_FROM)).toBe(true);
      expect(times.has(GAP_TO + HOUR)).toBe(true);
      // 666 x 60,000 and 666 x 30: the 360,000 errors the service had while nobody
      // scraped it are in no step (nor are the requests): unknown, not good.
      expect(sum(series)).toEqual({
        good: 39_940_020,
        bad: 19_980,
        total: 39_960_000,
      });
    });

    it('(d) almost no traffic: one request every 2 hours, one of them failed', async () => {
      const series = await source.countSeries({
        objective: objective('quiet', badRatio('quiet')),
        from: END - WINDOW_28D,
        to: END,
        stepMs: HOUR,
      });
      // Every step has samples, so all 672 points are present; one request in each step
      // ending at an even hour (the request was at the odd hour's :30): 336 requests.
      expect(series.points).toHaveLength(672);
      expect(series.points.filter(p => p.total === 1)).toHaveLength(336);
      expect(series.points.filter(p => p.total === 0)).toHaveLength(336);
      expect(series.points.filter(p => p.bad > 0)).toEqual([
        { t: LOW_TRAFFIC_BAD_AT + HOUR / 2, good: 0, bad: 1, total: 1 },
      ]);
      expect(sum(series)).toEqual({ good: 335, bad: 1, total: 336 });
    });

    it('no traffic: the counters exist and count nothing: 672 points of 0', async () => {
      const series = await source.countSeries({
        objective: objective('idle', badRatio('idle')),
        from: END - WINDOW_28D,
        to: END,
        stepMs: HOUR,
      });
      expect(series.points).toHaveLength(672);
      expect(sum(series)).toEqual({ good: 0, bad: 0, total: 0 });
    });

    it('no data: a selector that matches nothing gives no points', async () => {
      const series = await source.countSeries({
        objective: objective('missing', badRatio('does-not-exist')),
        from: END - DAY,
        to: END,
        stepMs: HOUR,
      });
      expect(series.points).toEqual([]);
      expect(series.expectedPoints).toBe(24);
    });

    it('(e) calendar month October 2024 in Europe/Paris: 745 hourly steps', async () => {
      const series = await source.countSeries({
        objective: objective('monthly', badRatio('monthly'), {
          window: {
            kind: 'calendar',
            duration: { value: 1, unit: 'M' },
            timeZone: 'Europe/Paris',
          },
        }),
        from: PARIS_OCTOBER_FROM,
        to: PARIS_OCTOBER_TO,
        stepMs: HOUR,
      });
      // 1 Oct 00:00 CEST (+02) = 30 Sep 22:00Z; 1 Nov 00:00 CET (+01) = 31 Oct 23:00Z:
      // 31 days + the hour gained on 27 October = 745 hours.
      expect(series.expectedPoints).toBe(745);
      expect(series.points).toHaveLength(745);
      // 745 x 60,000 = 44,700,000 requests; 1 error a minute until 16 Oct 00:00 Paris
      // (15 Oct 22:00Z): 15 days x 1,440 = 21,600 errors.
      expect(sum(series)).toEqual({
        good: 44_678_400,
        bad: 21_600,
        total: 44_700_000,
      });
    });

    it('a remainder shorter than a step is one more instant query, covering [from, to) once', async () => {
      // 2h30m at 1h steps: two steps and a 30-minute remainder ending at END.
      const series = await source.countSeries({
        objective: objective('steady', badRatio('steady')),
        from: END - 2.5 * HOUR,
        to: END,
        stepMs: HOUR,
      });
      expect(series.expectedPoints).toBe(3);
      expect(series.points.map(p => p.t)).toEqual([
        END - 1.5 * HOUR,
        END - 0.5 * HOUR,
        END,
      ]);
      // 150 minutes x 1000 = 150,000 requests, 75 errors.
      expect(sum(series)).toEqual({ good: 149_925, bad: 75, total: 150_000 });
      expect(series.queries).toContain(
        'sum(increase(slo_demo_requests_total{service="steady"}[30m]))',
      );
    });

    it('latency: requests within the bucket over the histogram count', async () => {
      const day = {
        from: END - DAY,
        to: END,
        stepMs: HOUR,
      };
      const fast = await source.countSeries({
        ...day,
        objective: objective('latency-300ms', {
          kind: 'latency',
          metric: 'slo_demo_request_duration_seconds',
          selector: 'service="latency"',
          thresholdSeconds: 0.3,
        }),
      });
      // 24 h x 60 min x 1000 = 1,440,000 requests; 990 a minute within 0.3 s.
      expect(sum(fast)).toEqual({
        good: 1_425_600,
        bad: 14_400,
        total: 1_440_000,
      });
      // A whole-second bucket is matched as le="1" (Prometheus 2) or "1.0" (3).
      const slow = await source.countSeries({
        ...day,
        objective: objective('latency-1s', {
          kind: 'latency',
          metric: 'slo_demo_request_duration_seconds',
          selector: 'service="latency"',
          thresholdSeconds: 1,
        }),
      });
      // 998 a minute within 1 s: 1,437,120 good.
      expect(sum(slow)).toEqual({
        good: 1_437_120,
        bad: 2_880,
        total: 1_440_000,
      });
      expect(slow.queries[0]).toBe(
        'sum(increase(slo_demo_request_duration_seconds_bucket{service="latency",le=~"1(\\\\.0)?"}[1h]))',
      );
    });

    it('boolean gauge: samples that were 1, each counted once across steps', async () => {
      const series = await source.countSeries({
        objective: objective('probe', {
          kind: 'boolean',
          query: { query: 'slo_demo_probe_success{service="probe"}' },
        }),
        from: END - DAY,
        to: END,
        stepMs: HOUR,
      });
      // (t - 1h, t] holds the samples at minutes :01 ... :60 = 60, of which those on
      // :10, :20, ..., :60 are 0: 54 good, 6 bad. 24 steps: 1,296 good of 1,440. With a
      // closed range [t - 1h, t] the boundary sample would be counted twice (61 per step).
      expect(series.points.every(p => p.total === 60 && p.good === 54)).toBe(
        true,
      );
      expect(sum(series)).toEqual({ good: 1_296, bad: 144, total: 1_440 });
    });

    it('threshold gauge: each minute compared with the objective value', async () => {
      const series = await source.countSeries({
        objective: objective('queue', {
          kind: 'threshold',
          query: { query: 'slo_demo_queue_latency_seconds{service="queue"}' },
          op: 'lte',
          value: 2,
        }),
        from: END - DAY,
        to: END,
        stepMs: HOUR,
      });
      // The subquery evaluates at :01 ... :60 of each step; the value is 3 s (bad) at
      // minutes :00-:14, so :01-:14 and the closing :00 are bad = 15, 45 good.
      expect(series.points).toHaveLength(24);
      expect(series.points.every(p => p.total === 60 && p.good === 45)).toBe(
        true,
      );
      expect(sum(series)).toEqual({ good: 1_080, bad: 360, total: 1_440 });
    });

    it('splits ranges longer than 10,000 steps into several range queries', async () => {
      // 1-minute steps over 8 days = 11,520 steps: two range queries per series.
      const requests: string[] = [];
      const counting = new PrometheusMetricSource({
        id: 'prometheus:test',
        client: new PrometheusClient({
          name: 'test',
          baseUrl: prometheus.baseUrl,
          queryTimeoutMs: 30_000,
          fetch: async (url, init) => {
            requests.push(String(url));
            return fetch(url, init);
          },
        }),
      });
      const series = await counting.countSeries({
        objective: objective('steady', badRatio('steady')),
        from: END - 8 * DAY,
        to: END,
        stepMs: 60_000,
      });
      expect(requests).toHaveLength(4);
      expect(series.points).toHaveLength(11_520);
      // 11,520 minutes x 1000 requests and 0.5 errors.
      expect(sum(series)).toEqual({
        good: 11_514_240,
        bad: 5_760,
        total: 11_520_000,
      });
    });

    it('refuses a definition that is not a series selector', async () => {
      await expect(
        source.countSeries({
          objective: objective('bad', {
            kind: 'ratio',
            bad: { query: 'sum(rate(slo_demo_errors_total[5m]))' },
            total: { query: 'slo_demo_requests_total' },
          }),
          from: END - DAY,
          to: END,
          stepMs: HOUR,
        }),
      ).rejects.toThrow(/is not a series selector/);
    });
  },
);
