import { exportOpenSlo } from './exportOpenSlo';
import { importOpenSlo } from './importOpenSlo';
import { importSlothInfo } from '../imports';
import { DateTime } from 'luxon';
import { windowBounds } from '../windows';
import {
  inlineSliReadmeExample,
  lowTrafficTimeslicesExample,
  occurrencesSpecExample,
  prometheusExample,
  timeslicesSpecExample,
} from './__fixtures__/specExamples';

describe('OpenSLO import', () => {
  it('imports a Prometheus SLO with indicatorRef, targetPercent and a calendar month', () => {
    const result = importOpenSlo(prometheusExample);
    expect(result.errors).toEqual([]);
    expect(result.objectives).toEqual([
      {
        id: 'checkout-availability',
        sloName: 'checkout-availability',
        displayName: 'Checkout availability',
        service: 'checkout',
        indicatorName: 'checkout-errors',
        indicator: {
          kind: 'ratio',
          bad: {
            query: 'http_requests_total{job="checkout",code=~"5.."}',
            sourceType: 'Prometheus',
            sourceRef: 'prometheus-main',
          },
          total: {
            query: 'http_requests_total{job="checkout"}',
            sourceType: 'Prometheus',
            sourceRef: 'prometheus-main',
          },
        },
        target: 0.999,
        window: {
          kind: 'calendar',
          duration: { value: 1, unit: 'M' },
          timeZone: 'Europe/Paris',
          startTime: '2024-01-01 00:00:00',
        },
        budgeting: { method: 'occurrences' },
        burnRateTiers: ['page-fast', 'ticket-slow'],
      },
    ]);
  });

  it("rejects the spec's timeslices example: its calendar window is 1m, a minute", () => {
    const result = importOpenSlo(timeslicesSpecExample);
    expect(result.objectives).toEqual([]);
    expect(result.errors).toEqual([
      {
        document: 0,
        kind: 'SLO',
        name: 'service-availability',
        path: 'spec.timeWindow[0].duration',
        message:
          'a calendar window counts days, weeks, months, quarters or years (e.g. 1d, 1w, 1M, 2M, 1Q, 366d, 1Y); got 1m, 1 minute (did you mean 1M, a month?)',
      },
    ]);
  });

  it('imports the timeslices example once the window says 1M', () => {
    const result = importOpenSlo(
      timeslicesSpecExample.replace('duration: 1m #', 'duration: 1M #'),
    );
    expect(result.errors).toEqual([]);
    expect(result.objectives.map(o => [o.id, o.target, o.budgeting])).toEqual([
      [
        'service-availability/Internal objective',
        0.995,
        {
          method: 'timeslices',
          sliceTarget: 0.99,
          sliceWindow: { value: 1, unit: 'm' },
        },
      ],
      [
        'service-availability/SLA',
        0.99,
        {
          method: 'timeslices',
          sliceTarget: 0.99,
          sliceWindow: { value: 1, unit: 'm' },
        },
      ],
    ]);
    expect(result.objectives[0].indicator).toEqual({
      kind: 'ratio',
      good: { query: 'Any', sourceType: 'Any' },
      total: { query: 'Any', sourceType: 'Any' },
    });
  });

  it("reports the occurrences example's missing query", () => {
    const result = importOpenSlo(occurrencesSpecExample);
    expect(result.objectives).toEqual([]);
    expect(result.errors.map(e => `${e.path}: ${e.message}`)).toEqual([
      'spec.indicator.spec.thresholdMetric.metricSource.spec.query: required: a query string',
    ]);
  });

  it('reads a threshold indicator with op and value', () => {
    const withQuery = occurrencesSpecExample.replace(
      '            # Fields needed to query service for latency data.',
      '            query: search_latency_ms',
    );
    const [objective] = importOpenSlo(withQuery).objectives;
    expect(objective.indicator).toEqual({
      kind: 'threshold',
      query: { query: 'search_latency_ms', sourceType: 'Any' },
      op: 'lt',
      value: 500,
    });
    expect(objective.window).toEqual({
      kind: 'rolling',
      duration: { value: 2, unit: 'w' },
    });
  });

  it('gives one error per bad field with its path', () => {
    const broken = prometheusExample
      .replace('- targetPercent: 99.9', '- target: 99.9')
      .replace('timeZone: Europe/Paris', 'timeZone: Mars/Olympus')
      .replace('indicatorRef: checkout-errors', 'indicatorRef: nope');
    expect(
      importOpenSlo(broken).errors.map(e => [e.document, e.path, e.message]),
    ).toEqual([
      [
        3,
        'spec.timeWindow[0].calendar.timeZone',
        'unknown time zone "Mars/Olympus"',
      ],
      [3, 'spec.objectives[0].target', 'must be between 0 and 1 (exclusive)'],
      [3, 'spec.indicatorRef', 'SLI "nope" is not defined in this file'],
    ]);
  });

  it('rejects rolling months and unknown versions', () => {
    const rollingMonth = importOpenSlo(
      prometheusExample.replace('isRolling: false', 'isRolling: true'),
    );
    expect(rollingMonth.errors[0].message).toBe(
      'a rolling window needs a fixed length (s, m, h, d, w); 1M is 1 month: use isRolling: false with a calendar',
    );
    const alpha = importOpenSlo('apiVersion: openslo/v1alpha\nkind: SLO\n');
    expect(alpha.errors).toEqual([
      {
        document: 0,
        path: 'apiVersion',
        message: 'must be openslo/v1, got openslo/v1alpha',
      },
    ]);
  });
});

describe('OpenSLO windows and budgeting as the spec allows them', () => {
  it('maps a calendar week from its startTime (Saturday noon in New York)', () => {
    const { objectives, errors } = importOpenSlo(lowTrafficTimeslicesExample);
    expect(errors).toEqual([]);
    expect(objectives[0].window).toEqual({
      kind: 'calendar',
      duration: { value: 1, unit: 'w' },
      timeZone: 'America/New_York',
      startTime: '2022-01-01 12:00:00',
    });
    // Wed 2024-03-13: the week began Sat 2024-03-09 12:00 EST = 17:00Z.
    const bounds = windowBounds(
      objectives[0].window,
      DateTime.fromISO('2024-03-13T12:00:00Z'),
    );
    expect(bounds.start.toUTC().toISO()).toBe('2024-03-09T17:00:00.000Z');
  });

  it('takes a calendar window without isRolling as calendar, as the spec says', () => {
    const { objectives, errors } = importOpenSlo(
      lowTrafficTimeslicesExample.replace('      isRolling: false\n', ''),
    );
    expect(errors).toEqual([]);
    expect(objectives[0].window.kind).toBe('calendar');
    // without a calendar, isRolling is still required
    const neither = importOpenSlo(
      occurrencesSpecExample.replace(
        '      isRolling: true # Rolling',
        '      # Rolling',
      ),
    );
    expect(neither.errors.map(e => e.path)).toContain(
      'spec.timeWindow[0].isRolling',
    );
  });

  it('accepts calendar multiples (2M, 366d) and keeps rolling months refused', () => {
    const twoMonths = importOpenSlo(
      lowTrafficTimeslicesExample.replace('duration: 1w', 'duration: 2M'),
    );
    expect(twoMonths.errors).toEqual([]);
    expect(twoMonths.objectives[0].window).toMatchObject({
      kind: 'calendar',
      duration: { value: 2, unit: 'M' },
    });
    const leapYear = importOpenSlo(
      lowTrafficTimeslicesExample.replace('duration: 1w', 'duration: 366d'),
    );
    expect(leapYear.objectives[0].window).toMatchObject({
      kind: 'calendar',
      duration: { value: 366, unit: 'd' },
    });
    // 366 days from Sat 2022-01-01 12:00 (EST, 17:00Z): 2023-01-02 12:00, then
    // 2024-01-03 12:00; 2024-03-13 is in the period that began 2024-01-03 17:00Z.
    expect(
      windowBounds(
        leapYear.objectives[0].window,
        DateTime.fromISO('2024-03-13T12:00:00Z'),
      )
        .start.toUTC()
        .toISO(),
    ).toBe('2024-01-03T17:00:00.000Z');
  });

  it('refuses a startTime that is not a date, naming the field', () => {
    const { errors } = importOpenSlo(
      lowTrafficTimeslicesExample.replace(
        'startTime: 2022-01-01 12:00:00',
        'startTime: next monday',
      ),
    );
    expect(errors.map(e => `${e.path}: ${e.message}`)).toEqual([
      'spec.timeWindow[0].calendar.startTime: "next monday" is not a date and time such as 2022-01-01 12:00:00',
    ]);
  });

  it('reads a numeric timeSliceWindow as minutes and accepts timeSliceTarget 1', () => {
    const { objectives, errors } = importOpenSlo(
      lowTrafficTimeslicesExample
        .replace('timeSliceWindow: 1m', 'timeSliceWindow: 5')
        .replace('timeSliceTarget: 0.95', 'timeSliceTarget: 1'),
    );
    expect(errors).toEqual([]);
    expect(objectives[0].budgeting).toEqual({
      method: 'timeslices',
      sliceTarget: 1,
      sliceWindow: { value: 5, unit: 'm' },
    });
    const zero = importOpenSlo(
      lowTrafficTimeslicesExample.replace(
        'timeSliceTarget: 0.95',
        'timeSliceTarget: 0',
      ),
    );
    expect(zero.errors.map(e => `${e.path}: ${e.message}`)).toEqual([
      'spec.objectives[0].timeSliceTarget: must be above 0 and at most 1',
    ]);
  });

  it('keeps counter: false (gauges) so they are summed, not increase()d, and writes it back', () => {
    const gauge = importOpenSlo(
      inlineSliReadmeExample.replace('counter: true', 'counter: false'),
    );
    expect(gauge.errors).toEqual([
      // the README example has no timeWindow
      expect.objectContaining({ path: 'spec.timeWindow' }),
    ]);
    const withWindow = inlineSliReadmeExample
      .replace('counter: true', 'counter: false')
      .replace(
        '  objectives:',
        '  timeWindow:\n    - duration: 28d\n      isRolling: true\n  objectives:',
      );
    const [objective] = importOpenSlo(withWindow).objectives;
    expect(objective.indicator).toMatchObject({
      kind: 'ratio',
      counter: false,
    });
    const yaml = exportOpenSlo([objective]);
    expect(yaml).toContain('counter: false');
    expect(importOpenSlo(yaml).objectives).toEqual([objective]);
    // counters (true or left out) carry no flag
    const counters = importOpenSlo(
      withWindow.replace('counter: false', 'counter: true'),
    ).objectives[0].indicator;
    expect(counters).not.toHaveProperty('counter');
  });
});

describe('OpenSLO export', () => {
  it('round-trips the Prometheus example', () => {
    const imported = importOpenSlo(prometheusExample).objectives;
    const yaml = exportOpenSlo(imported);
    expect(yaml).toContain('duration: 1M\n');
    expect(yaml).toContain('target: 0.999\n');
    const reimported = importOpenSlo(yaml);
    expect(reimported.errors).toEqual([]);
    // the indicatorRef becomes an inline indicator with the same name
    expect(reimported.objectives).toEqual(imported);
  });

  it('round-trips a timeslices SLO with two objectives', () => {
    const imported = importOpenSlo(
      timeslicesSpecExample.replace('duration: 1m #', 'duration: 1M #'),
    ).objectives;
    const yaml = exportOpenSlo(imported);
    expect(yaml).toContain('budgetingMethod: Timeslices');
    expect(yaml).toContain('timeSliceWindow: 1m');
    expect(importOpenSlo(yaml).objectives).toEqual(imported);
  });

  it('round-trips a Sloth SLO discovered from sloth_slo_info as a raw failure ratio', () => {
    const [discovered] = importSlothInfo([
      {
        labels: {
          sloth_id: 'shop-availability',
          sloth_service: 'shop',
          sloth_slo: 'availability',
          sloth_objective: '99.9',
        },
      },
    ]).objectives;
    const yaml = exportOpenSlo([discovered]);
    expect(yaml).toContain('rawType: failure');
    const reimported = importOpenSlo(yaml);
    expect(reimported.errors).toEqual([]);
    expect(reimported.objectives[0].indicator).toEqual(discovered.indicator);
    expect(reimported.objectives[0].target).toBe(0.999);
    // a success ratio is refused, naming the field
    const success = importOpenSlo(
      yaml.replace('rawType: failure', 'rawType: success'),
    );
    expect(success.errors[0].path).toBe(
      'spec.indicator.spec.ratioMetric.rawType',
    );
  });

  it('writes a latency indicator as a ratio of histogram counters and reads it back as latency', () => {
    const latency = (thresholdSeconds: number) =>
      ({
        id: 'api-latency',
        sloName: 'api-latency',
        indicator: {
          kind: 'latency',
          metric: 'http_request_duration_seconds',
          selector: 'job="api"',
          thresholdSeconds,
        },
        target: 0.99,
        window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
        budgeting: { method: 'occurrences' },
      } as const);
    // 0.3 is written the same way by Prometheus 2 and 3
    const fraction = exportOpenSlo([latency(0.3)]);
    expect(fraction).toContain(
      'query: http_request_duration_seconds_bucket{job="api",le="0.3"}',
    );
    expect(fraction).toContain(
      'query: http_request_duration_seconds_count{job="api"}',
    );
    expect(importOpenSlo(fraction).objectives).toEqual([latency(0.3)]);
    // a whole second is le="1" on Prometheus 2 and le="1.0" on 3: match both
    const whole = exportOpenSlo([latency(1)]);
    expect(whole).toContain(
      'query: http_request_duration_seconds_bucket{job="api",le=~"1|1.0"}',
    );
    expect(whole).not.toContain('le="1"');
    expect(importOpenSlo(whole).objectives).toEqual([latency(1)]);
  });

  it('reads bucket ratios in every le notation as latency, and other ratios as ratios', () => {
    const ratio = (good: string, total: string) =>
      importOpenSlo(
        exportOpenSlo([
          {
            id: 'x',
            sloName: 'x',
            indicator: {
              kind: 'ratio',
              good: { query: good, sourceType: 'Prometheus' },
              total: { query: total, sourceType: 'Prometheus' },
            },
            target: 0.99,
            window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
            budgeting: { method: 'occurrences' },
          },
        ]),
      ).objectives[0].indicator;
    const latencyOf = { kind: 'latency', metric: 'h', selector: 'job="a"' };
    expect(ratio('h_bucket{job="a",le="1"}', 'h_count{job="a"}')).toEqual({
      ...latencyOf,
      thresholdSeconds: 1,
    });
    expect(ratio('h_bucket{le="1.0",job="a"}', 'h_count{job="a"}')).toEqual({
      ...latencyOf,
      thresholdSeconds: 1,
    });
    expect(
      ratio('h_bucket{job="a",le=~"2.5|2.50"}', 'h_count{job="a"}'),
    ).toEqual({ ...latencyOf, thresholdSeconds: 2.5 });
    // Prometheus module's regex form, 1(\.0*)?
    expect(
      ratio('h_bucket{job="a",le=~"1(\\\\.0*)?"}', 'h_count{job="a"}'),
    ).toEqual({ ...latencyOf, thresholdSeconds: 1 });
    // two thresholds, another total or another histogram: not a latency
    expect(
      ratio('h_bucket{job="a",le=~"0.5|1"}', 'h_count{job="a"}').kind,
    ).toBe('ratio');
    expect(ratio('h_bucket{job="a",le="1"}', 'h_count{job="b"}').kind).toBe(
      'ratio',
    );
    expect(ratio('h_bucket{job="a",le="1"}', 'g_count{job="a"}').kind).toBe(
      'ratio',
    );
  });
});
