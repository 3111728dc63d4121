/**
 * Discovery of Sloth SLOs (`sloth_slo_info`) and counts of the time-weighted
 * `recordedRatio` indicator against a real Prometheus, backfilled with promtool with
 * the series Sloth's rules record. Expected figures are worked out by hand below.
 */
import { importSlothInfo } from '@internal/backstage-plugin-slo-common';
import { PrometheusClient } from './client/PrometheusClient';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import type { BackfillFamily } from './__testUtils__/openMetrics';
import {
  describeIfPrometheus,
  startTestPrometheus,
  TestPrometheus,
} from './__testUtils__/prometheusServer';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Newest sample; three hours of data before it, one sample a minute. */
const END = Date.UTC(2026, 9, 1, 12, 0, 0);
const FROM = END - 3 * HOUR;

const AVAILABILITY = {
  sloth_id: 'shop-availability',
  sloth_service: 'shop',
  sloth_slo: 'availability',
};
const LATENCY = {
  sloth_id: 'shop-latency',
  sloth_service: 'shop',
  sloth_slo: 'latency',
};

const everyMinute = (
  labels: Record<string, string>,
  value: (t: number) => number | undefined,
) => ({ labels, fromMs: FROM, toMs: END, intervalMs: MINUTE, value });

/**
 * The 5m error ratio of shop-availability, by minute i = (t - FROM) / 1 min:
 * i = 0: 0.5 (before the first step: never counted);
 * i = 1..60 (step 1): 0.002; i = 61..120 (step 2): 0;
 * i = 121..180 (step 3): 0.01 at odd i, NaN (0/0: no traffic) at even i.
 */
function availabilityRatio(t: number): number {
  const i = Math.round((t - FROM) / MINUTE);
  if (i === 0) return 0.5;
  if (i <= 60) return 0.002;
  if (i <= 120) return 0;
  return i % 2 === 1 ? 0.01 : NaN;
}

const FAMILIES: BackfillFamily[] = [
  {
    name: 'sloth_slo_info',
    type: 'gauge',
    series: [
      // As a Sloth v0.11 CLI run labels it.
      everyMinute(
        {
          ...AVAILABILITY,
          sloth_mode: 'cli-gen-prom',
          sloth_objective: '99.9',
          sloth_spec: 'prometheus/v1',
          sloth_version: 'v0.11.0',
          owner: 'shop-team',
        },
        () => 1,
      ),
      // Before Sloth v0.10: no sloth_objective label.
      everyMinute(
        {
          ...LATENCY,
          sloth_mode: 'cli-gen-prom',
          sloth_spec: 'prometheus/v1',
          sloth_version: 'v0.9.0',
        },
        () => 1,
      ),
      // Another service: not discovered for "shop".
      everyMinute(
        {
          sloth_id: 'cart-availability',
          sloth_service: 'cart',
          sloth_slo: 'availability',
          sloth_objective: '99',
        },
        () => 1,
      ),
    ],
  },
  {
    name: 'slo:objective:ratio',
    type: 'gauge',
    series: [
      // Sloth writes vector(0.9990000000000001) for 99.9.
      everyMinute(LATENCY, () => 0.9990000000000001),
      everyMinute(AVAILABILITY, () => 0.9990000000000001),
    ],
  },
  {
    name: 'slo:time_period:days',
    type: 'gauge',
    series: [
      everyMinute(LATENCY, () => 28),
      everyMinute(AVAILABILITY, () => 30),
    ],
  },
  {
    name: 'slo:sli_error:ratio_rate5m',
    type: 'gauge',
    series: [
      everyMinute({ ...AVAILABILITY, sloth_window: '5m' }, availabilityRatio),
    ],
  },
  {
    // The 30m ratio of the same SLO (same labels, another name) must not be read.
    name: 'slo:sli_error:ratio_rate30m',
    type: 'gauge',
    series: [everyMinute({ ...AVAILABILITY, sloth_window: '30m' }, () => 0.9)],
  },
];

describeIfPrometheus('Sloth discovery against a real Prometheus')(
  'Sloth discovery against a real Prometheus',
  () => {
    let prometheus: TestPrometheus;
    let source: PrometheusMetricSource;

    beforeAll(async () => {
      prometheus = await startTestPrometheus(FAMILIES);
      source = new PrometheusMetricSource({
        client: new PrometheusClient({
          name: 'test',
          baseUrl: prometheus.baseUrl,
          queryTimeoutMs: 30_000,
        }),
        id: 'prometheus:test',
        now: () => END,
      });
    }, 120_000);

    afterAll(async () => {
      await prometheus?.stop();
    }, 30_000);

    it('lists the SLOs of one sloth_service with their targets and periods', async () => {
      const { objectives, errors } = await source.discoverObjectives({
        slothService: 'shop',
      });
      expect(errors).toEqual([]);
      const byId = Object.fromEntries(objectives.map(o => [o.id, o]));
      expect(Object.keys(byId).sort()).toEqual([
        'shop-availability',
        'shop-latency',
      ]);
      // sloth_objective "99.9" -> 0.999; period 30 days.
      expect(byId['shop-availability'].target).toBe(0.999);
      expect(byId['shop-availability'].window).toEqual({
        kind: 'rolling',
        duration: { value: 30, unit: 'd' },
      });
      // No label: slo:objective:ratio 0.9990000000000001 -> 0.999; period 28 days.
      expect(byId['shop-latency'].target).toBe(0.999);
      expect(byId['shop-latency'].window).toEqual({
        kind: 'rolling',
        duration: { value: 28, unit: 'd' },
      });
      expect(byId['shop-latency'].description).toContain('Sloth v0.9.0');
    });

    it('reports a sloth_service Prometheus does not know', async () => {
      const { objectives, errors } = await source.discoverObjectives({
        slothService: 'nope',
      });
      expect(objectives).toEqual([]);
      expect(errors[0].message).toContain(
        'prometheus:test has no sloth_slo_info{sloth_service="nope"}',
      );
    });

    it('counts the recorded 5m ratio once a minute: time-weighted events', async () => {
      const [availability] = importSlothInfo([
        { labels: { ...AVAILABILITY, sloth_objective: '99.9' } },
      ]).objectives;
      const series = await source.countSeries({
        objective: availability,
        from: FROM,
        to: END,
        stepMs: HOUR,
      });
      expect(series.expectedPoints).toBe(3);
      expect(series.points.map(p => p.t)).toEqual([
        FROM + HOUR,
        FROM + 2 * HOUR,
        END,
      ]);
      // Step 1: 60 readings of 0.002 -> bad 60 x 0.002 = 0.12 of 60 events.
      // Step 2: 60 readings of 0 -> bad 0 of 60.
      // Step 3: 30 readings of 0.01 (odd minutes 121..179) -> bad 0.3 of 30; the 30
      //         NaN minutes are no events. The 0.5 at FROM and the 30m series: unread.
      expect(series.points.map(p => p.total)).toEqual([60, 60, 30]);
      const bad = series.points.map(p => p.bad);
      expect(bad[0]).toBeCloseTo(0.12, 10);
      expect(bad[1]).toBe(0);
      expect(bad[2]).toBeCloseTo(0.3, 10);
      expect(series.points[0].good).toBeCloseTo(59.88, 10);
      // Over the 3 hours: 0.42 / 150 = 0.0028, Sloth's sum_over_time / count_over_time.
      const totals = series.points.reduce(
        (acc, p) => ({ bad: acc.bad + p.bad, total: acc.total + p.total }),
        { bad: 0, total: 0 },
      );
      expect(totals.bad / totals.total).toBeCloseTo(0.0028, 12);
    });
  },
);
