import { exportOpenSlo } from './exportOpenSlo';
import { importOpenSlo } from './importOpenSlo';
import { importSlothInfo } from '../imports';
import {
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
          'a calendar window must be 1d, 1w, 1M, 1Q or 1Y; got 1m, 1 minute (did you mean 1M, a month?)',
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

  it('writes a latency indicator as a ratio of histogram counters', () => {
    const yaml = exportOpenSlo([
      {
        id: 'api-latency',
        sloName: 'api-latency',
        indicator: {
          kind: 'latency',
          metric: 'http_request_duration_seconds',
          selector: 'job="api"',
          thresholdSeconds: 0.3,
        },
        target: 0.99,
        window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
        budgeting: { method: 'occurrences' },
      },
    ]);
    const [objective] = importOpenSlo(yaml).objectives;
    expect(objective.indicator).toEqual({
      kind: 'ratio',
      good: {
        query: 'http_request_duration_seconds_bucket{job="api",le="0.3"}',
        sourceType: 'Prometheus',
      },
      total: {
        query: 'http_request_duration_seconds_count{job="api"}',
        sourceType: 'Prometheus',
      },
    });
  });
});
