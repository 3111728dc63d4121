/**
 * The count plan (promql/countPlan.ts) against a real Prometheus 2.42 holding the
 * series of __testUtils__/jitteredScenarios.ts: scrapes off the step boundaries, counter
 * resets, a 40-minute gap, samples exactly on the boundaries, and a histogram in both
 * `le` notations.
 *
 * Prometheus 3's left-open ranges are emulated on the same server: for ms timestamps
 * `(t - R, t]` is `[t - R + 1ms, t]`, so every range of a query shortened by 1 ms reads
 * what Prometheus 3 reads. The plan must answer the same under both; the former plan
 * (`increase()` over the step) does not, which shows the emulation bites.
 */
import type { SloIndicator } from '@internal/backstage-plugin-slo-common';
import type { SloCountSeries } from '@internal/backstage-plugin-slo-node';
import { PrometheusClient } from './client/PrometheusClient';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import { objective } from './__testUtils__/objectives';
import {
  describeIfPrometheus,
  startTestPrometheus,
  TestPrometheus,
} from './__testUtils__/prometheusServer';
import {
  J_END,
  J_FROM,
  J_GAP_FROM,
  J_HOUR,
  JITTERED,
  JITTERED_FAMILIES,
  MAX_SCRAPE_INTERVAL_MS,
  RESETS,
  Sample,
  sampleIncrease,
  served,
} from './__testUtils__/jitteredScenarios';

const HOUR = J_HOUR;
const MINUTE = 60_000;
/** Requests in one longest scrape interval: 24.972 s / 60 ms = 416.2 -> 417. */
const ONE_INTERVAL_EVENTS = Math.ceil(MAX_SCRAPE_INTERVAL_MS / 60);

/** Every range `[<duration>` or `[<duration>:` shortened by 1 ms: Prometheus 3's left-open ranges. */
function leftOpenRanges(query: string): string {
  const units: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: MINUTE,
    h: HOUR,
    d: 24 * HOUR,
    w: 7 * 24 * HOUR,
  };
  return query.replace(
    /\[([0-9]+)(ms|s|m|h|d|w)(?=[\]:])/g,
    (_all, n: string, unit: string) => `[${Number(n) * units[unit] - 1}ms`,
  );
}

function clientFor(baseUrl: string, rewrite?: (query: string) => string) {
  return new PrometheusClient({
    name: 'test',
    baseUrl,
    queryTimeoutMs: 30_000,
    fetch: async (url, init) => {
      if (!rewrite || !(init?.body instanceof URLSearchParams)) {
        return fetch(url, init);
      }
      const body = new URLSearchParams(init.body);
      body.set('query', rewrite(body.get('query')!));
      return fetch(url, { ...init, body });
    },
  });
}

const requests = (service: string) => ({
  kind: 'ratio' as const,
  bad: { query: `slo_jitter_requests_total{service="${service}"}` },
  total: { query: `slo_jitter_requests_total{service="${service}"}` },
});

function totals(series: SloCountSeries): number {
  return series.points.reduce((sum, p) => sum + p.total, 0);
}

// Queries take well under a second; a shared CI machine can be slow.
jest.setTimeout(60_000);

describeIfPrometheus('count plan on a real Prometheus')(
  'count plan on a real Prometheus',
  () => {
    let prometheus: TestPrometheus;
    let v2: PrometheusMetricSource;
    let v3: PrometheusMetricSource;
    let client2: PrometheusClient;
    let client3: PrometheusClient;

    beforeAll(async () => {
      prometheus = await startTestPrometheus(JITTERED_FAMILIES);
      client2 = clientFor(prometheus.baseUrl);
      client3 = clientFor(prometheus.baseUrl, leftOpenRanges);
      v2 = new PrometheusMetricSource({ client: client2, id: 'prometheus:v2' });
      v3 = new PrometheusMetricSource({ client: client3, id: 'prometheus:v3' });
    }, 180_000);

    afterAll(async () => {
      await prometheus?.stop();
    }, 30_000);

    /** Both semantics answer the same points; returns them. */
    async function count(
      indicator: Parameters<typeof objective>[1],
      from: number,
      to: number,
      stepMs: number,
    ): Promise<SloCountSeries> {
      const request = {
        objective: objective('x', indicator),
        from,
        to,
        stepMs,
      };
      const started = Date.now();
      const closed = await v2.countSeries(request);
      const mid = Date.now();
      const leftOpen = await v3.countSeries(request);
      // eslint-disable-next-line no-console
      console.log(
        'TIMING',
        (to - from) / stepMs,
        mid - started,
        Date.now() - mid,
      );
      expect(leftOpen.points).toEqual(closed.points);
      return closed;
    }

    /** The plan's answer per step, from the generated samples (see sampleIncrease). */
    const oracle = (
      samples: Sample[],
      from: number,
      to: number,
      step: number,
    ) => {
      const steps: Array<{ t: number; total: number }> = [];
      for (let t = from + step; t <= to; t += step) {
        steps.push({ t, total: sampleIncrease(samples, t, step) });
      }
      return steps;
    };

    it('the emulation of left-open ranges changes the former increase() plan on boundary samples', async () => {
      // Errors every 2 minutes sampled on each minute: the step (02:00, 03:00] holds 30.
      // 2.x reads 61 samples from 02:00 and answers 30. 3.x reads 60 from 02:01 (30
      // errors over 59 minutes) and extrapolates to the range start 59.999 s earlier:
      // 30 x 3,599.999 / 3,540 = 30.508...
      const query =
        'sum(increase(slo_jitter_errors_total{service="aligned"}[1h]))';
      const at = J_END - HOUR;
      const [closed, leftOpen] = await Promise.all([
        client2.query(query, at),
        client3.query(query, at),
      ]);
      expect(Number(closed.data[0].value[1])).toBe(30);
      expect(Number(leftOpen.data[0].value[1])).toBeCloseTo(
        (30 * 3599.999) / 3540,
        9,
      );
    });

    it('samples on the step boundaries: the same exact counts under closed and left-open ranges', async () => {
      const from = J_END - 24 * HOUR;
      const series = await count(
        {
          kind: 'ratio',
          bad: { query: 'slo_jitter_errors_total{service="aligned"}' },
          total: { query: 'slo_jitter_requests_total{service="aligned"}' },
        },
        from,
        J_END,
        HOUR,
      );
      // 24 steps of 60 minutes x 1,000 = 60,000 requests and 30 errors (one every 2 min).
      expect(series.points).toHaveLength(24);
      expect(series.points.every(p => p.total === 60_000 && p.bad === 30)).toBe(
        true,
      );
      // 5-minute steps: errors alternate 2, 3 (at :02, :04 then :06, :08, :10).
      const fine = await count(
        {
          kind: 'ratio',
          bad: { query: 'slo_jitter_errors_total{service="aligned"}' },
          total: { query: 'slo_jitter_requests_total{service="aligned"}' },
        },
        J_END - HOUR,
        J_END,
        5 * MINUTE,
      );
      expect(fine.points.map(p => p.bad)).toEqual([
        2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3,
      ]);
    });

    it('jittered scrapes: each step is the increase between the last samples before its boundaries, within one scrape interval of the truth', async () => {
      const from = J_FROM + HOUR;
      const series = await count(requests('jitter'), from, J_END, HOUR);
      const expected = oracle(JITTERED.steady.samples, from, J_END, HOUR);
      // 99 hourly steps, each exactly the sample-to-sample increases of its samples.
      expect(series.points).toHaveLength(99);
      expect(series.points.map(p => ({ t: p.t, total: p.total }))).toEqual(
        expected,
      );
      // Against the requests truly served in (t - 1h, t] (60,000): off by at most the
      // requests of one scrape interval (24.972 s = 417 requests).
      for (const p of series.points) {
        const truth = served(p.t) - served(p.t - HOUR);
        expect(truth).toBe(60_000);
        expect(Math.abs(p.total - truth)).toBeLessThanOrEqual(
          ONE_INTERVAL_EVENTS,
        );
      }
      // The step errors cancel: over the 99 hours the count is the increase from the
      // last sample before `from` to the last sample before `to`, within one
      // interval of 99 x 60,000 = 5,940,000.
      expect(
        Math.abs(totals(series) - (served(J_END) - served(from))),
      ).toBeLessThanOrEqual(ONE_INTERVAL_EVENTS);

      // 5-minute steps over the last day add up to the same as the hourly steps.
      const fine = await count(
        requests('jitter'),
        J_END - 24 * HOUR,
        J_END,
        5 * MINUTE,
      );
      expect(fine.points).toHaveLength(288);
      expect(totals(fine)).toBe(
        series.points.slice(-24).reduce((sum, p) => sum + p.total, 0),
      );
    });

    it('counter resets: steps without a restart are exact, a restart loses at most one minute of requests', async () => {
      const from = J_FROM + HOUR;
      const series = await count(requests('resets'), from, J_END, HOUR);
      const expected = oracle(JITTERED.resets.samples, from, J_END, HOUR);
      expect(series.points).toHaveLength(99);
      const withRestart = (t: number) =>
        RESETS.some(r => r > t - HOUR && r <= t);
      expect(series.points.filter(p => withRestart(p.t))).toHaveLength(2);
      const steps = series.points.map((p, k) => ({
        t: p.t,
        total: p.total,
        expected: expected[k],
      }));
      const plain = steps.filter(s => !withRestart(s.t));
      expect(plain.map(s => ({ t: s.t, total: s.total }))).toEqual(
        plain.map(s => s.expected),
      );
      // With a restart the increments between the minute's first read and the restart
      // may be missed (15 s scrapes, 1-minute reads): at most 1,000 requests. Against
      // the truth (60,000), the requests between the last scrape before the restart and
      // the restart are lost by any counter (<= 417), plus one interval at the edges.
      for (const s of steps.filter(x => withRestart(x.t))) {
        expect(s.t).toBe(s.expected.t);
        expect(s.expected.total - s.total).toBeGreaterThanOrEqual(0);
        expect(s.expected.total - s.total).toBeLessThanOrEqual(1000);
        expect(Math.abs(60_000 - s.total)).toBeLessThanOrEqual(
          2 * ONE_INTERVAL_EVENTS + 1000,
        );
      }
    });

    it('a 40-minute gap: its requests are in no step, the step keeps what was scraped', async () => {
      const from = J_FROM + HOUR;
      const series = await count(requests('gappy'), from, J_END, HOUR);
      expect(series.points.map(p => ({ t: p.t, total: p.total }))).toEqual(
        oracle(JITTERED.gappy.samples, from, J_END, HOUR),
      );
      const gapStep = series.points.find(
        p => p.t === J_GAP_FROM - 20_000 + HOUR,
      )!;
      // 06:00-07:00 on 30 November: scrapes stop after 06:00:20 and start again after
      // 06:40:50: about 40.5 minutes = 40,500 of the 60,000 requests are not counted.
      // Lost: from the last scrape before 06:00:20 to the first after 06:40:50 (40.5
      // minutes plus up to one interval on each side), give or take one interval at
      // the step's edges.
      expect(60_000 - gapStep.total).toBeGreaterThanOrEqual(
        40_500 - ONE_INTERVAL_EVENTS,
      );
      expect(60_000 - gapStep.total).toBeLessThanOrEqual(
        40_500 + 3 * ONE_INTERVAL_EVENTS,
      );

      // 5-minute steps inside the gap have no sample: absent (missing), never 0.
      const fine = await count(
        requests('gappy'),
        J_GAP_FROM - 20_000,
        J_GAP_FROM - 20_000 + HOUR,
        5 * MINUTE,
      );
      expect(fine.expectedPoints).toBe(12);
      // (06:00, 06:05] has the scrapes up to 06:00:20; (06:40, 06:45] has the first
      // scrapes after the gap, whose increase from 06:00:20 is not counted, but those
      // after it are; the 7 steps from 06:05 to 06:40 are absent.
      expect(
        fine.points.map(p => new Date(p.t).toISOString().slice(11, 16)),
      ).toEqual(['06:05', '06:45', '06:50', '06:55', '07:00']);
    });

    it('buckets match in both notations (le="1" and le="1.0") under both semantics', async () => {
      const latency = (service: string, thresholdSeconds: number) => ({
        kind: 'latency' as const,
        metric: 'slo_jitter_duration_seconds',
        selector: `service="${service}"`,
        thresholdSeconds,
      });
      const day = [J_END - 24 * HOUR, J_END, HOUR] as const;
      // 24 h x 60 min: 1,440,000 requests, 998 a minute within 1 s = 1,437,120 good.
      for (const service of ['go', 'py']) {
        const series = await count(latency(service, 1), ...day);
        expect(series.points).toHaveLength(24);
        expect(series.points.reduce((s, p) => s + p.good, 0)).toBe(1_437_120);
        expect(totals(series)).toBe(1_440_000);
        expect(series.definitionErrors).toBeUndefined();
      }
      // 990 a minute within 0.25 s (go) and 0.5 s (py): 1,425,600.
      for (const [service, threshold] of [
        ['go', 0.25],
        ['py', 0.5],
      ] as const) {
        const series = await count(latency(service, threshold), ...day);
        expect(series.points.reduce((s, p) => s + p.good, 0)).toBe(1_425_600);
      }
    });

    it('a threshold that matches no bucket is a definition error naming the selector and the buckets that exist', async () => {
      const series = await v2.countSeries({
        objective: objective('x', {
          kind: 'latency',
          metric: 'slo_jitter_duration_seconds',
          selector: 'service="go"',
          thresholdSeconds: 0.3,
        }),
        from: J_END - 24 * HOUR,
        to: J_END,
        stepMs: HOUR,
      });
      expect(series.definitionErrors).toEqual([
        'the good selector slo_jitter_duration_seconds_bucket{service="go",le=~"0\\\\.30*"} matches no series while the total has data: no bucket of slo_jitter_duration_seconds_bucket{service="go"} has that le; its buckets are le = 0.1, 0.25, 1, +Inf: use one of them',
      ]);
      // The total is still known; the evaluator reports an error, never 0 good events.
      expect(totals(series)).toBe(1_440_000);

      // The same written as an OpenSLO ratio (good = a bucket with le="1"): matches
      // the histogram stored as le="1.0", and a missing bucket lists those that exist.
      const ratioBucket = (service: string, le: string) =>
        v2.countSeries({
          objective: objective('x', {
            kind: 'ratio',
            good: {
              query: `slo_jitter_duration_seconds_bucket{service="${service}",le="${le}"}`,
            },
            total: {
              query: `slo_jitter_duration_seconds_count{service="${service}"}`,
            },
          }),
          from: J_END - 24 * HOUR,
          to: J_END,
          stepMs: HOUR,
        });
      const py = await ratioBucket('py', '1');
      expect(py.points.reduce((s, p) => s + p.good, 0)).toBe(1_437_120);
      expect((await ratioBucket('go', '0.3')).definitionErrors).toEqual([
        'the good selector slo_jitter_duration_seconds_bucket{service="go",le=~"0\\\\.30*"} matches no series while the total has data: no bucket of slo_jitter_duration_seconds_bucket{service="go"} has that le; its buckets are le = 0.1, 0.25, 1, +Inf: use one of them',
      ]);

      // A good counter that does not exist (a typo) is one as well; a bad counter
      // that does not exist yet is only a note (a service without errors).
      const lastHourOf = (indicator: SloIndicator) =>
        v2.countSeries({
          objective: objective('x', indicator),
          from: J_END - HOUR,
          to: J_END,
          stepMs: HOUR,
        });
      const good = await lastHourOf({
        kind: 'ratio',
        good: { query: 'slo_jitter_sucesses_total{service="aligned"}' },
        total: { query: 'slo_jitter_requests_total{service="aligned"}' },
      });
      expect(good.definitionErrors).toEqual([
        'the good selector slo_jitter_sucesses_total{service="aligned"} matches no series while the total has data: check its metric name and labels',
      ]);
      const bad = await lastHourOf({
        kind: 'ratio',
        bad: { query: 'slo_jitter_failures_total{service="aligned"}' },
        total: { query: 'slo_jitter_requests_total{service="aligned"}' },
      });
      expect(bad.definitionErrors).toBeUndefined();
      expect(bad.warnings?.[0]).toMatch(/the bad query matched no series/);
    });
  },
);
