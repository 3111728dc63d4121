/**
 * countSeries against a real Prometheus 2.42 holding the series of
 * __testUtils__/scenarios.ts (backfilled with promtool). Every expected count is worked
 * out by hand below; they are exact because every sample sits on a minute and every
 * step boundary on an hour (see promql/countPlan.ts for the bound otherwise).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type {
  ObjectiveReport,
  SloIndicator,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import {
  ratioSloYaml,
  rollingWindowYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';
import type { SloCountSeries } from '@internal/backstage-plugin-slo-node';
import request from 'supertest';
import { PrometheusClient } from './client/PrometheusClient';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import { counterStepQuery } from './promql/countPlan';
import { badRatio, objective } from './__testUtils__/objectives';
import {
  describeIfPrometheus,
  PROMTOOL_BIN,
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
import { sloComponent, useSloApi } from './__testUtils__/sloApi';

const execFileAsync = promisify(execFile);
// 28-day range queries on a freshly backfilled (still compacting) Prometheus.
jest.setTimeout(60_000);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** One Prometheus for both suites of this file (the backfill takes ~30 s). */
let shared: Promise<TestPrometheus> | undefined;
function sharedPrometheus(): Promise<TestPrometheus> {
  shared ??= startTestPrometheus(FAMILIES);
  return shared;
}
afterAll(async () => {
  await (await shared)?.stop();
}, 30_000);

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

describeIfPrometheus('Prometheus metric source against a real Prometheus')(
  'Prometheus metric source against a real Prometheus',
  () => {
    let prometheus: TestPrometheus;
    let source: PrometheusMetricSource;
    let client: PrometheusClient;

    beforeAll(async () => {
      prometheus = await sharedPrometheus();
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
    }, 600_000);

    /** 28 days of 1h steps to END over `name`'s bad/total counters, unless told. */
    const countSeriesOf = (
      name: string,
      range: {
        indicator?: SloIndicator;
        overrides?: Partial<SloObjective>;
        from?: number;
        to?: number;
        stepMs?: number;
      } = {},
    ) =>
      source.countSeries({
        objective: objective(
          name,
          range.indicator ?? badRatio(name),
          range.overrides,
        ),
        from: range.from ?? END - WINDOW_28D,
        to: range.to ?? END,
        stepMs: range.stepMs ?? HOUR,
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
      const series = await countSeriesOf('steady');
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
      // The count plan of promql/countPlan.ts, not increase(): see the README.
      expect(series.queries).toEqual([
        counterStepQuery('slo_demo_errors_total{service="steady"}', HOUR, from),
        counterStepQuery(
          'slo_demo_requests_total{service="steady"}',
          HOUR,
          from,
        ),
      ]);
      expect(series.partial).toBeUndefined();
    });

    it('(a) 5-minute steps tile the same hour exactly: 12 x 5,000 requests, 12 x 2.5 errors', async () => {
      const series = await countSeriesOf('steady', {
        from: END - HOUR,
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
      const series = await countSeriesOf('incident', {
        indicator: {
          kind: 'ratio',
          good: { query: 'slo_demo_successes_total{service="incident"}' },
          total: { query: 'slo_demo_requests_total{service="incident"}' },
        },
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
      const series = await countSeriesOf('gaps');
      // No samples strictly between 06:00 and 12:00 on 20 October. Steps ending 07:00 ...
      // 11:00 have no sample (the 06:00 one carried forward by the lookback moves
      // nothing); the one ending 12:00 has the 12:00 sample, whose predecessor (06:00)
      // is older than the 5-minute lookback: 6 steps are absent. The step ending 06:00
      // and the one ending 13:00 are complete.
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
      const series = await countSeriesOf('quiet');
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
      const series = await countSeriesOf('idle');
      expect(series.points).toHaveLength(672);
      expect(sum(series)).toEqual({ good: 0, bad: 0, total: 0 });
    });

    it('no data: a selector that matches nothing gives no points', async () => {
      const series = await countSeriesOf('missing', {
        indicator: badRatio('does-not-exist'),
        from: END - DAY,
      });
      expect(series.points).toEqual([]);
      expect(series.expectedPoints).toBe(24);
    });

    it('(e) calendar month October 2024 in Europe/Paris: 745 hourly steps', async () => {
      const series = await countSeriesOf('monthly', {
        overrides: {
          window: {
            kind: 'calendar',
            duration: { value: 1, unit: 'M' },
            timeZone: 'Europe/Paris',
          },
        },
        from: PARIS_OCTOBER_FROM,
        to: PARIS_OCTOBER_TO,
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
      const series = await countSeriesOf('steady', { from: END - 2.5 * HOUR });
      expect(series.expectedPoints).toBe(3);
      expect(series.points.map(p => p.t)).toEqual([
        END - 1.5 * HOUR,
        END - 0.5 * HOUR,
        END,
      ]);
      // 150 minutes x 1000 = 150,000 requests, 75 errors.
      expect(sum(series)).toEqual({ good: 149_925, bad: 75, total: 150_000 });
      expect(series.queries).toContain(
        counterStepQuery(
          'slo_demo_requests_total{service="steady"}',
          0.5 * HOUR,
          END - 0.5 * HOUR,
          60_000,
        ),
      );
    });

    it('latency: requests within the bucket over the histogram count', async () => {
      const latency = (thresholdSeconds: number): SloIndicator => ({
        kind: 'latency',
        metric: 'slo_demo_request_duration_seconds',
        selector: 'service="latency"',
        thresholdSeconds,
      });
      const fast = await countSeriesOf('latency-300ms', {
        indicator: latency(0.3),
        from: END - DAY,
      });
      // 24 h x 60 min x 1000 = 1,440,000 requests; 990 a minute within 0.3 s.
      expect(sum(fast)).toEqual({
        good: 1_425_600,
        bad: 14_400,
        total: 1_440_000,
      });
      // A whole-second bucket is matched as le="1" (Prometheus 2) or "1.0" (3).
      const slow = await countSeriesOf('latency-1s', {
        indicator: latency(1),
        from: END - DAY,
      });
      // 998 a minute within 1 s: 1,437,120 good.
      expect(sum(slow)).toEqual({
        good: 1_437_120,
        bad: 2_880,
        total: 1_440_000,
      });
      expect(slow.queries[0]).toBe(
        counterStepQuery(
          'slo_demo_request_duration_seconds_bucket{service="latency",le=~"1(\\\\.0*)?"}',
          HOUR,
          END - DAY,
        ),
      );
    });

    it('boolean gauge: samples that were 1, each counted once across steps', async () => {
      const series = await countSeriesOf('probe', {
        indicator: {
          kind: 'boolean',
          query: { query: 'slo_demo_probe_success{service="probe"}' },
        },
        from: END - DAY,
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
      const series = await countSeriesOf('queue', {
        indicator: {
          kind: 'threshold',
          query: { query: 'slo_demo_queue_latency_seconds{service="queue"}' },
          op: 'lte',
          value: 2,
        },
        from: END - DAY,
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
        countSeriesOf('bad', {
          indicator: {
            kind: 'ratio',
            bad: { query: 'sum(rate(slo_demo_errors_total[5m]))' },
            total: { query: 'slo_demo_requests_total' },
          },
          from: END - DAY,
        }),
      ).rejects.toThrow(/is not a series selector/);
    });
  },
);

/*
 * The same Prometheus through the SLO backend's HTTP API (real slo-backend plugin,
 * this module configured with the test instance, entities with inline OpenSLO
 * definitions), evaluated `at` fixed instants so the figures do not depend on the clock.
 */
const openslo = (options: {
  name: string;
  service: string;
  numerator: 'good' | 'bad';
  target: string;
  window: string;
}) =>
  ratioSloYaml({
    name: options.name,
    service: options.service,
    counts: options.numerator,
    countQuery: `${
      options.numerator === 'bad'
        ? 'slo_demo_errors_total'
        : 'slo_demo_successes_total'
    }{service="${options.service}"}`,
    totalQuery: `slo_demo_requests_total{service="${options.service}"}`,
    window: options.window,
    target: options.target,
  });

const ROLLING_28D_YAML = rollingWindowYaml('28d');
const PARIS_MONTH_YAML = `    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: Europe/Paris`;

const rolling = (service: string, numerator: 'good' | 'bad' = 'bad') =>
  sloComponent(
    service,
    openslo({
      name: `${service}-availability`,
      service,
      numerator,
      target: '99.9',
      window: ROLLING_28D_YAML,
    }),
  );

const API_ENTITIES: Entity[] = [
  rolling('steady'),
  rolling('incident', 'good'),
  rolling('gaps'),
  rolling('quiet'),
  rolling('idle'),
  rolling('ghost'),
  sloComponent(
    'monthly',
    openslo({
      name: 'monthly-availability',
      service: 'monthly',
      numerator: 'bad',
      target: '99.9',
      window: PARIS_MONTH_YAML,
    }),
  ),
];

describeIfPrometheus('SLO API on a real Prometheus')(
  'SLO API on a real Prometheus',
  () => {
    const auth = { Authorization: mockCredentials.user.header() };
    const api = useSloApi({
      startPrometheus: sharedPrometheus,
      entities: API_ENTITIES,
    });
    const report = api.report;
    const END_ISO = new Date(END).toISOString();
    const tierStates = (r: ObjectiveReport) =>
      r.burnRates.map(t => [t.tier, t.longBurnRate, t.shortBurnRate, t.state]);

    it('(a) steady 99.95% against 99.9%: half the budget left, no tier firing', async () => {
      const r = await report('steady', END_ISO);
      expect(r.source).toEqual({
        id: 'prometheus:test',
        type: 'prometheus',
        url: api.prometheus().baseUrl,
      });
      expect(r.window).toEqual({
        from: '2024-10-04T00:00:00.000Z',
        to: '2024-11-01T00:00:00.000Z',
      });
      expect(r.dataQuality).toMatchObject({
        status: 'ok',
        lowTraffic: false,
        coverage: 1,
      });
      // 672 h x 60,000 = 40,320,000 requests, 672 x 30 = 20,160 errors.
      expect(r.counts).toEqual({
        good: 40_299_840,
        bad: 20_160,
        total: 40_320_000,
      });
      // error ratio 20,160 / 40,320,000 = 0.0005; SLI 0.9995; B = 0.001;
      // burn 0.5; remaining 1 - 0.5 = 0.5; bad left 0.001 x 40,320,000 - 20,160 = 20,160;
      // time left 0.5 x 0.001 x 28 d (2,419,200,000 ms) = 1,209,600 ms (20.16 min);
      // current (1h) burn 30 / 60,000 / 0.001 = 0.5; exhaustion 0.5 x 28 d / 0.5 = 28 d.
      expect(r.sli).toBe(0.9995);
      expect(r.budget).toEqual({
        total: 0.001,
        consumed: 0.5,
        remaining: 0.5,
        badEventsLeft: 20_160,
        timeLeftMs: 1_209_600,
        timeToExhaustionMs: 2_419_200_000,
        windowBurnRate: 0.5,
        currentBurnRate: 0.5,
      });
      // 5-minute steps: the last one, (23:55, 24:00], holds errors at :56, :58, :00 = 3
      // of 5,000: 0.0006 / 0.001 = 0.6; every longer window is at 0.5. Thresholds on
      // 28 d: 13.44, 5.6, 2.8 (ticket-slow, 0.933, is below 1: dropped): nothing fires.
      expect(tierStates(r)).toEqual([
        ['page-fast', 0.5, 0.6, 'ok'],
        ['page-slow', 0.5, 0.5, 'ok'],
        ['ticket-fast', 0.5, 0.5, 'ok'],
      ]);
      expect(r.state).toBe('ok');
      expect(r.frozen).toBe(false);
      expect(r.burndown).toHaveLength(672);
      // After the first hour: 30 / 60,000 = 0.0005 -> 0.5 remaining, and so on.
      expect(r.burndown[0].remaining).toBe(0.5);
      const from = Date.parse(r.window.from);
      expect(r.explanations.errorRatio.queries).toEqual([
        counterStepQuery('slo_demo_errors_total{service="steady"}', HOUR, from),
        counterStepQuery(
          'slo_demo_requests_total{service="steady"}',
          HOUR,
          from,
        ),
      ]);
      expect(r.explanations.currentBurnRate.queries).toEqual(
        ['errors', 'requests'].map(name =>
          counterStepQuery(
            `slo_demo_${name}_total{service="steady"}`,
            5 * 60_000,
            END,
          ),
        ),
      );
    });

    it('(b) one incident burned the budget: exhausted, frozen, no tier firing 3 hours later', async () => {
      const r = await report('incident', END_ISO);
      expect(r.counts).toEqual({
        good: 40_230_000,
        bad: 90_000,
        total: 40_320_000,
      });
      // error ratio 90,000 / 40,320,000 = 0.00223214285714 (12 digits); burn 2.23214285714;
      // remaining 1 - 2.23214285714 = -1.23214285714; bad left 40,320 - 90,000 = -49,680;
      // time left (B - ratio) x window = 2,419,200 - 90,000 x 60 = -2,980,800 ms.
      expect(r.sli).toBe(0.997767857143);
      expect(r.budget).toMatchObject({
        remaining: -1.23214285714,
        consumed: 2.23214285714,
        windowBurnRate: 2.23214285714,
        badEventsLeft: -49_680,
        timeLeftMs: -2_980_800,
        timeToExhaustionMs: 0,
        // The incident ended 3 h before: the last hour is clean.
        currentBurnRate: 0,
      });
      // At 00:00 the incident (18:00-21:00) is 3 h old: 1h/5m, 6h/30m, 1d/2h short
      // windows are clean (0). Long windows: 6 h: 90,000 / 360,000 = 0.25 -> 250;
      // 1 d: 90,000 / 1,440,000 = 0.0625 -> 62.5. ticket-slow (threshold 0.933 on
      // 28 d, below 1) is dropped: no tier fires, the budget is exhausted.
      expect(tierStates(r)).toEqual([
        ['page-fast', 0, 0, 'ok'],
        ['page-slow', 250, 0, 'ok'],
        ['ticket-fast', 62.5, 0, 'ok'],
      ]);
      expect(r.state).toBe('exhausted');
      expect(r.frozen).toBe(true);

      // During the incident (at 20:00, 2 hours in) the page tiers fire: 1 h and 5 m at
      // 0.5 / 0.001 = 500 >= 13.44.
      const during = await report('incident', '2024-10-31T20:00:00Z');
      expect(during.burnRates.find(t => t.tier === 'page-fast')).toMatchObject({
        longBurnRate: 500,
        shortBurnRate: 500,
        state: 'firing',
      });
      // The window is still 28 d = 672 h (3 Oct 20:00 .. 31 Oct 20:00): 40,320,000
      // requests, 2 h x 30,000 = 60,000 bad: ratio 0.00148809523810 (rounded to 12
      // digits) / 0.001 = 1.4880952381 burn, remaining -0.4880952381: already exhausted
      // two hours in.
      expect(during.counts).toEqual({
        good: 40_260_000,
        bad: 60_000,
        total: 40_320_000,
      });
      expect(during.budget.remaining).toBe(-0.4880952381);
      expect(during.state).toBe('exhausted');
    });

    it('(c) gaps: partial data quality, the missing hours count neither good nor bad', async () => {
      const r = await report('gaps', END_ISO);
      // 666 of 672 steps: coverage 0.991071...
      expect(r.dataQuality.status).toBe('partial');
      expect(r.dataQuality.coverage).toBeCloseTo(666 / 672, 12);
      expect(r.counts).toEqual({
        good: 39_940_020,
        bad: 19_980,
        total: 39_960_000,
      });
      // 19,980 / 39,960,000 = 0.0005, as for the steady service: the 360,000 errors
      // inside the gap are unknown, not counted.
      expect(r.sli).toBe(0.9995);
      expect(r.budget.remaining).toBe(0.5);
      const missing = r.burndown.filter(p => p.remaining === null);
      expect(missing.map(p => p.t)).toEqual([
        '2024-10-20T07:00:00.000Z',
        '2024-10-20T08:00:00.000Z',
        '2024-10-20T09:00:00.000Z',
        '2024-10-20T10:00:00.000Z',
        '2024-10-20T11:00:00.000Z',
        '2024-10-20T12:00:00.000Z',
      ]);
    });

    it('(d) almost no traffic: flagged low traffic instead of paging on one error', async () => {
      const r = await report('quiet', END_ISO);
      expect(r.counts).toEqual({ good: 335, bad: 1, total: 336 });
      // B x total = 0.001 x 336 = 0.336 allowed bad events < 10: low traffic.
      expect(r.dataQuality).toMatchObject({ status: 'ok', lowTraffic: true });
      // 1 / 336 = 0.00297619047619 -> remaining 1 - 2.97619047619 = -1.97619047619
      expect(r.budget.remaining).toBe(-1.97619047619);

      // At 03:45 on 15 October, a quarter of an hour after the failed request (03:30):
      // the 5 m step (03:40, 03:45] has no request: no ratio, page-fast is unknown, not
      // ok. 30 m (03:15, 03:45] holds 1 bad of 1: burn 1 / 0.001 = 1000; 6 h (21:45,
      // 03:45] holds the requests of 23:30, 01:30 and 03:30: 1 / 3 -> 333.33. Both >= 5.6:
      // page-slow fires on a single failed request, which is why the report carries the
      // low-traffic flag (0.001 x requests in the window < 10 allowed bad events).
      const atError = await report('quiet', '2024-10-15T03:45:00Z');
      expect(atError.dataQuality.lowTraffic).toBe(true);
      expect(atError.burnRates.find(t => t.tier === 'page-fast')!.state).toBe(
        'unknown',
      );
      const pageSlow = atError.burnRates.find(t => t.tier === 'page-slow')!;
      expect(pageSlow.shortBurnRate).toBe(1000);
      expect(pageSlow.longBurnRate).toBeCloseTo(333.333333, 5);
      expect(pageSlow.state).toBe('firing');
      // Never "critical" on low traffic (here the budget is already exhausted anyway).
      expect(atError.state).not.toBe('critical');
    });

    it('no traffic and no data are shown as such, never as 100% or 0%', async () => {
      const idle = await report('idle', END_ISO);
      expect(idle.dataQuality.status).toBe('no_traffic');
      expect(idle.sli).toBeNull();
      expect(idle.budget.remaining).toBeNull();
      expect(idle.state).toBe('unknown');

      const ghost = await report('ghost', END_ISO);
      expect(ghost.dataQuality.status).toBe('no_data');
      expect(ghost.sli).toBeNull();
      expect(ghost.counts).toBeNull();
      expect(ghost.state).toBe('unknown');
    });

    it('(e) calendar month in Europe/Paris: 745 hours, the DST hour included', async () => {
      // 31 Oct 22:00Z = 23:00 in Paris: October so far is 30 Sep 22:00Z .. 31 Oct 22:00Z
      // = 744 h x 60,000 = 44,640,000 requests; 21,600 errors (15 days x 1,440).
      const r = await report('monthly', '2024-10-31T22:00:00Z');
      expect(r.window).toEqual({
        from: '2024-09-30T22:00:00.000Z',
        to: '2024-10-31T23:00:00.000Z',
      });
      expect(r.counts).toEqual({
        good: 44_618_400,
        bad: 21_600,
        total: 44_640_000,
      });
      expect(r.dataQuality.status).toBe('ok');
      // Calendar model: the month's budget, events so far extrapolated to 745 h.
      // ratio 21,600 / 44,640,000 = 0.000483870967742; consumed = (ratio / B) x
      // 744 / 745 = 21,600 / 44,700,000 / 0.001 = 0.48322147651; remaining 0.51677852349.
      expect(r.budget.remaining).toBe(0.51677852349);
      // Time left over the whole 745 h month (2,682,000,000 ms): remaining x B x month
      // = 2,682,000 - 21,600 x 2,682,000,000 / 44,700,000 = 2,682,000 - 1,296,000
      // = 1,386,000 ms.
      expect(r.budget.timeLeftMs).toBe(1_386_000);

      // On 1 November, October is a finished compliance period: 745 h x 60,000 =
      // 44,700,000 requests, 21,600 errors: SLI 1 - 0.000483221476510 =
      // 0.99951677852349 (12 digits: 0.999516778523) >= 0.999: met.
      const november = await report('monthly', END_ISO);
      const october = november.compliance.find(p => p.period === '2024-10');
      expect(october).toMatchObject({
        period: '2024-10',
        from: '2024-09-30T22:00:00.000Z',
        to: '2024-10-31T23:00:00.000Z',
        value: 0.999516778523,
        met: true,
      });
    });

    it('answers recording and alerting rules that promtool accepts', async () => {
      const response = await request(api.server())
        .get('/api/slo/rules?entityRef=component:default/steady&format=yaml')
        .set(auth);
      expect(response.status).toBe(200);
      const dir = await mkdtemp(join(tmpdir(), 'slo-api-rules-'));
      try {
        const file = join(dir, 'rules.yml');
        await writeFile(file, response.text);
        const { stdout } = await execFileAsync(PROMTOOL_BIN, [
          'check',
          'rules',
          file,
        ]);
        // 11 recording rules (no 3d ratio: ticket-slow is dropped on 28 d) and
        // 3 tiers + exhausted + missing = 5 alerts.
        expect(stdout).toContain('SUCCESS: 16 rules found');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
