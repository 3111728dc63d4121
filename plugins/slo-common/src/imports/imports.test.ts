import { importPyrra, importSloth } from '.';
import { exportOpenSlo } from '../openslo';
import { importOpenSlo } from '../openslo';
import {
  pyrraApiserverLatency,
  pyrraBoolGauge,
  pyrraCaddyLatency,
  pyrraNginx,
  pyrraPrometheusHttpGrouping,
  slothGettingStarted,
  slothK8sGettingStarted,
  slothRawHomeWifi,
} from './__fixtures__/examples';

describe('importPyrra', () => {
  it('reads the ratio and latency objectives of the nginx example', () => {
    const { objectives, errors } = importPyrra(pyrraNginx);
    expect(errors).toEqual([]);
    expect(objectives[0]).toEqual({
      id: 'nginx-api-errors',
      sloName: 'nginx-api-errors',
      indicator: {
        kind: 'ratio',
        bad: {
          query:
            'nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5.."}',
          sourceType: 'Prometheus',
        },
        total: {
          query:
            'nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm"}',
          sourceType: 'Prometheus',
        },
      },
      // '99.9' percent -> exactly 0.999
      target: 0.999,
      window: { kind: 'rolling', duration: { value: 4, unit: 'w' } },
      budgeting: { method: 'occurrences' },
    });
    // The threshold comes from spec.latency when the bucket has no le matcher. The
    // success bucket counts only 5xx responses but the total is every request: Pyrra
    // divides by total as written, so this is a ratio of the two selectors (not the
    // bucket's own _count), its bucket matched in both notations (le="1", le="1.0").
    expect(objectives[1].indicator).toEqual({
      kind: 'ratio',
      good: {
        query:
          'nginx_ingress_controller_request_duration_seconds_bucket{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5..",le=~"1|1.0"}',
        sourceType: 'Prometheus',
      },
      total: {
        query:
          'nginx_ingress_controller_request_duration_seconds_count{namespace="lastfm",ingress="lastfm",service="lastfm"}',
        sourceType: 'Prometheus',
      },
    });
    expect(objectives[1].target).toBe(0.9);
  });

  it("reads a latency whose total is the bucket histogram's own _count as a latency indicator", () => {
    const { objectives, errors } = importPyrra(pyrraCaddyLatency);
    expect(errors).toEqual([]);
    expect(objectives[0].indicator).toEqual({
      kind: 'latency',
      metric: 'caddy_http_response_duration_seconds',
      selector: 'job="caddy",handler="subroute",code!~"5.."',
      thresholdSeconds: 0.05,
    });
    // the same total with one matcher more is another denominator: a ratio
    const narrower = importPyrra(
      pyrraCaddyLatency.replace(
        'seconds_count{job="caddy",',
        'seconds_count{job="caddy",method="GET",',
      ),
    ).objectives[0].indicator;
    expect(narrower.kind).toBe('ratio');
  });

  it('refuses grouping (one budget per label value) instead of summing the groups', () => {
    const { objectives, errors } = importPyrra(pyrraPrometheusHttpGrouping);
    expect(objectives).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        name: 'prometheus-api-query',
        path: 'spec.indicator.ratio.grouping',
        message: expect.stringContaining(
          'Pyrra keeps one error budget per handler value',
        ),
      }),
    ]);
    // on a latency indicator too (the caddy example, grouped by handler)
    const grouped = importPyrra(
      pyrraCaddyLatency.replace(
        '  target: "90"',
        '      grouping:\n        - handler\n  target: "90"',
      ),
    );
    expect(grouped.objectives).toEqual([]);
    expect(grouped.errors.map(e => e.path)).toEqual([
      'spec.indicator.latency.grouping',
    ]);
  });

  it('takes the latency threshold from the le matcher', () => {
    const { objectives, errors } = importPyrra(pyrraApiserverLatency);
    expect(errors).toEqual([]);
    expect(objectives[0]).toMatchObject({
      id: 'apiserver-read-resource-request-latency',
      indicator: {
        kind: 'latency',
        metric: 'apiserver_request_duration_seconds',
        selector: 'job="apiserver",scope=~"resource|",verb=~"LIST|GET"',
        thresholdSeconds: 1,
      },
      target: 0.99,
      window: { kind: 'rolling', duration: { value: 2, unit: 'w' } },
    });
  });

  it('reads a bool_gauge indicator', () => {
    const { objectives, errors } = importPyrra(pyrraBoolGauge);
    expect(errors).toEqual([]);
    expect(objectives[0]).toMatchObject({
      id: 'prometheus-availability-dynamic',
      description: 'Prometheus availability monitoring with dynamic burn rate',
      indicator: {
        kind: 'boolean',
        query: { query: 'up{job="prometheus-k8s"}' },
      },
      target: 0.999,
      window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
    });
  });

  it('names the field of each problem', () => {
    const { objectives, errors } = importPyrra(`apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: broken
spec:
  target: "100"
  window: 1M
  indicator:
    ratio:
      errors:
        metric: sum(rate(x[5m]))
      total:
        metric: x
`);
    expect(objectives).toEqual([]);
    expect(errors.map(e => e.path)).toEqual([
      'spec.target',
      'spec.window',
      'spec.indicator.ratio.errors.metric',
    ]);
    expect(errors[0]).toMatchObject({
      kind: 'ServiceLevelObjective',
      name: 'broken',
    });
  });
});

describe('importSloth', () => {
  const expected = {
    id: 'myservice-requests-availability',
    sloName: 'myservice-requests-availability',
    objectiveName: 'requests-availability',
    service: 'myservice',
    description: 'Common SLO based on availability for HTTP request responses.',
    indicator: {
      kind: 'ratio',
      bad: {
        query:
          'http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}',
        sourceType: 'Prometheus',
      },
      total: {
        query: 'http_request_duration_seconds_count{job="myservice"}',
        sourceType: 'Prometheus',
      },
    },
    target: 0.999,
    window: { kind: 'rolling', duration: { value: 30, unit: 'd' } },
    budgeting: { method: 'occurrences' },
  };

  it('reads the prometheus/v1 spec', () => {
    expect(importSloth(slothGettingStarted)).toEqual({
      objectives: [expected],
      errors: [],
    });
  });

  it('reads the PrometheusServiceLevel CRD the same way', () => {
    expect(importSloth(slothK8sGettingStarted)).toEqual({
      objectives: [expected],
      errors: [],
    });
  });

  it('reports raw SLIs as unsupported, naming the field', () => {
    const { objectives, errors } = importSloth(slothRawHomeWifi);
    expect(objectives).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'prometheus/v1',
        name: 'home-wifi',
        path: 'slos[0].sli.raw',
      }),
    ]);
  });

  it('round-trips a Pyrra latency through OpenSLO, both bucket notations included', () => {
    const [apiserver] = importPyrra(pyrraApiserverLatency).objectives;
    const yaml = exportOpenSlo([apiserver]);
    expect(yaml).toContain(
      'apiserver_request_duration_seconds_bucket{job="apiserver",scope=~"resource|",verb=~"LIST|GET",le=~"1|1.0"}',
    );
    expect(importOpenSlo(yaml).objectives[0].indicator).toEqual(
      apiserver.indicator,
    );
  });

  it('exports imported definitions as OpenSLO', () => {
    const yaml = exportOpenSlo(importSloth(slothGettingStarted).objectives);
    expect(yaml).toContain('name: myservice-requests-availability');
    expect(yaml).toContain(
      'http_request_duration_seconds_count{job="myservice"}',
    );
  });
});
