import { ConfigReader, JsonValue } from '@backstage/config';
import { readPrometheusInstances } from './config';

const read = (instances: JsonValue) =>
  readPrometheusInstances(
    new ConfigReader({ slo: { prometheus: { instances } } }),
  );

describe('readPrometheusInstances', () => {
  it('reads nothing when no instance is configured', () => {
    expect(readPrometheusInstances(new ConfigReader({}))).toEqual([]);
  });

  it('defaults the name, timeout and headers', () => {
    expect(read([{ baseUrl: 'http://prometheus:9090' }])).toEqual([
      {
        name: 'default',
        baseUrl: 'http://prometheus:9090',
        uiUrl: undefined,
        headers: {},
        queryTimeoutMs: 30_000,
        partialResponse: undefined,
        maxConcurrentQueries: 8,
      },
    ]);
  });

  it('reads several instances with auth, timeouts and partial responses off', () => {
    expect(
      read([
        {
          name: 'thanos',
          baseUrl: 'http://thanos-query:10902',
          uiUrl: 'https://thanos.example.com',
          bearerToken: 't0ken',
          queryTimeout: '2m',
          partialResponse: false,
          maxConcurrentQueries: 2,
        },
        {
          name: 'mimir',
          baseUrl: 'https://mimir.example.com/prometheus',
          headers: { 'X-Scope-OrgID': 'team-a' },
          queryTimeout: { seconds: 45 },
        },
      ]),
    ).toEqual([
      {
        name: 'thanos',
        baseUrl: 'http://thanos-query:10902',
        uiUrl: 'https://thanos.example.com',
        headers: { Authorization: 'Bearer t0ken' },
        queryTimeoutMs: 120_000,
        partialResponse: false,
        maxConcurrentQueries: 2,
      },
      {
        name: 'mimir',
        baseUrl: 'https://mimir.example.com/prometheus',
        uiUrl: undefined,
        headers: { 'X-Scope-OrgID': 'team-a' },
        queryTimeoutMs: 45_000,
        partialResponse: undefined,
        maxConcurrentQueries: 8,
      },
    ]);
  });

  it('names the bad value and its path', () => {
    expect(() => read([{ baseUrl: 'prometheus:9090' }])).toThrow(
      'slo.prometheus.instances[0].baseUrl: "prometheus:9090" must be an http(s) URL, e.g. http://prometheus:9090',
    );
    expect(() =>
      read([{ baseUrl: 'http://a' }, { baseUrl: 'http://b' }]),
    ).toThrow(
      'slo.prometheus.instances[1].name: "default" is used twice; give each instance its own name',
    );
    expect(() => read([{ name: 'a b', baseUrl: 'http://a' }])).toThrow(
      /instances\[0\]\.name: "a b" must be letters/,
    );
    expect(() =>
      read([{ baseUrl: 'http://a', queryTimeout: '100ms' }]),
    ).toThrow(
      'slo.prometheus.instances[0].queryTimeout: must be at least 1 second',
    );
    expect(() => read([{ name: 'x' }])).toThrow(/baseUrl/);
    expect(() => read([{ url: 'http://prometheus:9090' }])).toThrow(
      'slo.prometheus.instances[0]: the key is baseUrl, not url (e.g. baseUrl: http://prometheus:9090)',
    );
    expect(() =>
      read([{ baseUrl: 'http://a', maxConcurrentQueries: 0 }]),
    ).toThrow(
      'slo.prometheus.instances[0].maxConcurrentQueries: must be a whole number of at least 1',
    );
  });
});
