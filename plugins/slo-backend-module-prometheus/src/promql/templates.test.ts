import { counterStepQuery } from './countPlan';
import { indicatorTemplate, promDuration, promNumber } from './templates';

const HOUR = 3_600_000;

describe('promDuration', () => {
  it.each([
    [HOUR, '1h'],
    [5 * 60_000, '5m'],
    [90_000, '90s'],
    [28 * 24 * HOUR, '4w'],
    [30 * 24 * HOUR, '30d'],
    [HOUR - 1, '3599999ms'],
    [1500, '1500ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(promDuration(ms)).toBe(text);
  });

  it('refuses fractions and non-positive ranges', () => {
    expect(() => promDuration(0)).toThrow(/positive whole number/);
    expect(() => promDuration(1.5)).toThrow(/positive whole number/);
  });
});

describe('promNumber', () => {
  it('writes numbers without float noise', () => {
    expect(promNumber(14.4 * 0.001)).toBe('0.0144');
    expect(promNumber(1 - 0.999)).toBe('0.001');
  });
});

describe('indicatorTemplate', () => {
  it('ratio with bad events: counter increases over the step of each selector', () => {
    const template = indicatorTemplate({
      kind: 'ratio',
      bad: { query: 'http_requests_total{job="api",code=~"5.."}' },
      total: { query: 'http_requests_total{job="api"}' },
    });
    expect(template.numerator).toBe('bad');
    // The step-count plan of countPlan.ts (no increase() and its extrapolation).
    expect(template.numeratorQuery(HOUR)).toBe(
      counterStepQuery('http_requests_total{job="api",code=~"5.."}', HOUR, 0),
    );
    expect(template.totalQuery(5 * 60_000)).toBe(
      counterStepQuery('http_requests_total{job="api"}', 5 * 60_000, 0),
    );
    // A bad counter may legitimately not exist yet: no good selector to check.
    expect(template.goodSelector).toBeUndefined();
    expect(template.badAndTotalRates('30m')).toEqual({
      bad: '(sum(rate(http_requests_total{job="api",code=~"5.."}[30m])) or vector(0))',
      total: 'sum(rate(http_requests_total{job="api"}[30m]))',
    });
  });

  it('ratio with good events: bad is total minus good in rules', () => {
    const template = indicatorTemplate({
      kind: 'ratio',
      good: { query: 'ok_total' },
      total: { query: 'all_total' },
    });
    expect(template.numerator).toBe('good');
    expect(template.goodSelector).toEqual({ selector: 'ok_total' });
    expect(template.badAndTotalRates('1h').bad).toBe(
      '(sum(rate(all_total[1h])) - (sum(rate(ok_total[1h])) or vector(0)))',
    );
  });

  it('ratio whose good selector is a bucket: le in every notation, and the buckets to list', () => {
    const template = indicatorTemplate({
      kind: 'ratio',
      good: { query: 'http_request_duration_seconds_bucket{job="api",le="1"}' },
      total: { query: 'http_request_duration_seconds_count{job="api"}' },
    });
    expect(template.goodSelector).toEqual({
      selector:
        'http_request_duration_seconds_bucket{job="api",le=~"1(\\\\.0*)?"}',
      bucketsOf: 'http_request_duration_seconds_bucket{job="api"}',
    });
    // Other selectors are kept as written.
    expect(
      indicatorTemplate({
        kind: 'ratio',
        good: { query: 'ok_total{le="1"}' },
        total: { query: 'all_total' },
      }).goodSelector,
    ).toEqual({ selector: 'ok_total{le="1"}' });
  });

  it('latency: bucket at the threshold over the count, selector kept on both', () => {
    const template = indicatorTemplate({
      kind: 'latency',
      metric: 'http_request_duration_seconds',
      selector: 'job="api", code!~"5.."',
      thresholdSeconds: 0.25,
    });
    // le in every notation of 0.25 (bucket.ts): 0.25, 0.250, ...
    expect(template.numeratorQuery(HOUR)).toBe(
      counterStepQuery(
        'http_request_duration_seconds_bucket{job="api",code!~"5..",le=~"0\\\\.250*"}',
        HOUR,
        0,
      ),
    );
    expect(template.totalQuery(HOUR)).toBe(
      counterStepQuery(
        'http_request_duration_seconds_count{job="api",code!~"5.."}',
        HOUR,
        0,
      ),
    );
    expect(template.goodSelector).toEqual({
      selector:
        'http_request_duration_seconds_bucket{job="api",code!~"5..",le=~"0\\\\.250*"}',
      bucketsOf: 'http_request_duration_seconds_bucket{job="api",code!~"5.."}',
    });
    expect(template.presenceSelectors).toEqual([
      'http_request_duration_seconds_count{job="api",code!~"5.."}',
    ]);
  });

  it('ratio of gauges (OpenSLO counter: false): samples summed, never increase()d', () => {
    const template = indicatorTemplate({
      kind: 'ratio',
      counter: false,
      good: { query: 'jobs_succeeded{queue="mail"}' },
      total: { query: 'jobs_processed{queue="mail"}' },
    });
    expect(template.numeratorQuery(HOUR)).toBe(
      'sum(sum_over_time(jobs_succeeded{queue="mail"}[3599999ms]))',
    );
    expect(template.totalQuery(HOUR)).toBe(
      'sum(sum_over_time(jobs_processed{queue="mail"}[3599999ms]))',
    );
    expect(template.numeratorQuery(HOUR)).not.toContain('increase');
    expect(template.badAndTotalRates('5m')).toEqual({
      bad: '(sum(sum_over_time(jobs_processed{queue="mail"}[299999ms])) - (sum(sum_over_time(jobs_succeeded{queue="mail"}[299999ms])) or vector(0)))',
      total: 'sum(sum_over_time(jobs_processed{queue="mail"}[299999ms]))',
    });
    expect(template.goodSelector).toEqual({
      selector: 'jobs_succeeded{queue="mail"}',
    });
  });

  it('boolean: samples over a range 1 ms short of the step', () => {
    const template = indicatorTemplate({
      kind: 'boolean',
      query: { query: 'probe_success{target="shop"}' },
    });
    expect(template.numeratorQuery(HOUR)).toBe(
      'sum(sum_over_time(probe_success{target="shop"}[3599999ms]))',
    );
    expect(template.totalQuery(HOUR)).toBe(
      'sum(count_over_time(probe_success{target="shop"}[3599999ms]))',
    );
  });

  it('threshold: a comparison per minute as a subquery', () => {
    const template = indicatorTemplate({
      kind: 'threshold',
      query: { query: 'queue_latency_seconds' },
      op: 'lt',
      value: 0.5,
    });
    expect(template.numeratorQuery(HOUR)).toBe(
      'sum(sum_over_time((queue_latency_seconds < bool 0.5)[3599999ms:1m]))',
    );
    // Steps shorter than a minute compare once per step.
    expect(template.totalQuery(30_000)).toBe(
      'sum(count_over_time((queue_latency_seconds < bool 0.5)[29999ms:30s]))',
    );
    // A step starting 1 ms before a minute: the range is the whole step, so it starts
    // between two reads and 2.x and 3.x read the same 60 minutes.
    expect(template.numeratorQuery(HOUR, Date.UTC(2024, 9, 31, 23) - 1)).toBe(
      'sum(sum_over_time((queue_latency_seconds < bool 0.5)[1h:1m]))',
    );
  });

  it("recordedRatio: Sloth's 5m ratio read once a minute, NaN minutes dropped", () => {
    const template = indicatorTemplate({
      kind: 'recordedRatio',
      errorRatio: {
        query: 'slo:sli_error:ratio_rate5m{sloth_id="shop-availability"}',
        sourceType: 'Prometheus',
      },
    });
    expect(template.numerator).toBe('bad');
    expect(template.numeratorQuery(HOUR)).toBe(
      'sum(sum_over_time((slo:sli_error:ratio_rate5m{sloth_id="shop-availability"} >= 0)[3599999ms:1m]))',
    );
    expect(template.totalQuery(HOUR)).toBe(
      'sum(count_over_time((slo:sli_error:ratio_rate5m{sloth_id="shop-availability"} >= 0)[3599999ms:1m]))',
    );
    expect(template.badAndTotalRates('5m').bad).toBe(
      'sum(sum_over_time((slo:sli_error:ratio_rate5m{sloth_id="shop-availability"} >= 0)[299999ms:1m]))',
    );
  });

  it('refuses a definition written for another metric source', () => {
    expect(() =>
      indicatorTemplate({
        kind: 'ratio',
        bad: {
          query: 'sum:trace.http.request.errors{service:web}',
          sourceType: 'Datadog',
        },
        total: {
          query: 'sum:trace.http.request.hits{service:web}',
          sourceType: 'Datadog',
        },
      }),
    ).toThrow(
      'the indicator reads a Datadog metric source; a Prometheus source only queries Prometheus, Thanos, Mimir, Cortex or VictoriaMetrics (choose the source with the slo.acme-portal.io/source annotation)',
    );
    // Prometheus-compatible types, in any case, are fine.
    expect(
      indicatorTemplate({
        kind: 'boolean',
        query: { query: 'up{job="api"}', sourceType: 'prometheus' },
      }).totalQuery(3_600_000),
    ).toBe('sum(count_over_time(up{job="api"}[3599999ms]))');
  });

  it('refuses PromQL that is not a selector, and a bad metric name', () => {
    expect(() =>
      indicatorTemplate({
        kind: 'ratio',
        bad: { query: 'x_total' },
        total: { query: 'sum(x_total)' },
      }),
    ).toThrow(/is not a series selector/);
    expect(() =>
      indicatorTemplate({
        kind: 'latency',
        metric: 'http_duration{job="x"}',
        thresholdSeconds: 1,
      }),
    ).toThrow(/not a metric name/);
  });
});
