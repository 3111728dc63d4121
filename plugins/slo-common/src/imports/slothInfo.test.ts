import { importSlothInfo } from '.';

/**
 * Label sets of `sloth_slo_info` as Sloth generates them (copied from the rules
 * Sloth writes for its examples: a v0.11 CLI run of a prometheus/v1 spec, a v0.11
 * controller run of a PrometheusServiceLevel, and a pre-v0.10 run whose info has no
 * sloth_objective label).
 */
const cliV011 = {
  __name__: 'sloth_slo_info',
  foo: 'bar',
  sloth_id: 'foo-chat-gpt-availability',
  sloth_mode: 'cli-gen-prom',
  sloth_objective: '95',
  sloth_service: 'foo',
  sloth_slo: 'chat-gpt-availability',
  sloth_spec: 'prometheus/v1',
  sloth_version: 'v0.11.0',
};
const controllerV011 = {
  owner: 'dxlab',
  repo: 'myorg/myservice',
  sloth_id: 'sre-sample-app-requests-availability',
  sloth_mode: 'ctrl-gen-k8s',
  sloth_objective: '99.9',
  sloth_service: 'sre-sample-app',
  sloth_slo: 'requests-availability',
  sloth_spec: 'sloth.slok.dev/v1',
  sloth_version: 'v0.11.0',
  tier: '2',
};
const beforeV010 = {
  owner: 'myteam',
  repo: 'myorg/myservice',
  sloth_id: 'myservice-requests-availability',
  sloth_mode: 'cli-gen-prom',
  sloth_service: 'myservice',
  sloth_slo: 'requests-availability',
  sloth_spec: 'prometheus/v1',
  sloth_version: 'dev',
  tier: '2',
};

describe('importSlothInfo', () => {
  it('maps the info labels of a Sloth CLI run to an objective', () => {
    const { objectives, errors } = importSlothInfo([{ labels: cliV011 }]);
    expect(errors).toEqual([]);
    expect(objectives).toEqual([
      {
        id: 'foo-chat-gpt-availability',
        sloName: 'foo-chat-gpt-availability',
        objectiveName: 'chat-gpt-availability',
        service: 'foo',
        description: expect.stringContaining('Time-weighted'),
        indicator: {
          kind: 'recordedRatio',
          errorRatio: {
            query:
              'slo:sli_error:ratio_rate5m{sloth_id="foo-chat-gpt-availability",sloth_service="foo",sloth_slo="chat-gpt-availability"}',
            sourceType: 'Prometheus',
          },
        },
        // sloth_objective "95" is a percentage: 0.95
        target: 0.95,
        // no slo:time_period:days sample: Sloth's default 30 days
        window: { kind: 'rolling', duration: { value: 30, unit: 'd' } },
        budgeting: { method: 'occurrences' },
      },
    ]);
    expect(objectives[0].description).toContain('prometheus/v1, Sloth v0.11.0');
  });

  it('reads the period from slo:time_period:days and "99.9" exactly as 0.999', () => {
    const { objectives, errors } = importSlothInfo([
      { labels: controllerV011, periodDays: 28 },
    ]);
    expect(errors).toEqual([]);
    expect(objectives[0].target).toBe(0.999);
    expect(objectives[0].window).toEqual({
      kind: 'rolling',
      duration: { value: 28, unit: 'd' },
    });
    expect(objectives[0].service).toBe('sre-sample-app');
  });

  it('falls back to slo:objective:ratio (without its float noise) before Sloth v0.10', () => {
    const { objectives, errors } = importSlothInfo([
      {
        labels: beforeV010,
        objectiveRatio: 0.9990000000000001,
        periodDays: 30,
      },
    ]);
    expect(errors).toEqual([]);
    expect(objectives[0].target).toBe(0.999);
  });

  it('reports an info without objective, a bad objective and missing labels, and reads duplicates once', () => {
    const { objectives, errors } = importSlothInfo([
      { labels: beforeV010 },
      { labels: { ...cliV011, sloth_objective: '100' } },
      { labels: { sloth_service: 'foo' } },
      { labels: controllerV011 },
      { labels: controllerV011 },
      { labels: { ...controllerV011, sloth_id: 'x' }, periodDays: 0.5 },
    ]);
    expect(objectives.map(o => o.id)).toEqual([
      'sre-sample-app-requests-availability',
    ]);
    expect(errors).toEqual([
      {
        document: 0,
        kind: 'sloth_slo_info',
        name: 'myservice-requests-availability',
        path: 'labels.sloth_objective',
        message:
          'is missing and slo:objective:ratio has no sample for this sloth_id',
      },
      {
        document: 1,
        kind: 'sloth_slo_info',
        name: 'foo-chat-gpt-availability',
        path: 'labels.sloth_objective',
        message: expect.stringContaining('no error budget'),
      },
      {
        document: 2,
        kind: 'sloth_slo_info',
        path: 'labels',
        message: expect.stringContaining('sloth_id'),
      },
      {
        document: 5,
        kind: 'sloth_slo_info',
        name: 'x',
        path: 'slo:time_period:days',
        message: 'must be a whole number of days, got 0.5',
      },
    ]);
  });
});
