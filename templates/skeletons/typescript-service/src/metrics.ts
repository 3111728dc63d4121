import client from 'prom-client';

// The series the SLOs in slo/${{ values.name }}.yaml count: requests by `code`, and
// their duration in a histogram whose buckets include every latency threshold the
// golden path's tiers use (0.3 s, 0.5 s, 1 s), so a `le` selector always matches.
export const SERVICE = '${{ values.name }}';
export const BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5];

export const registry = new client.Registry();

export const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by status code',
  labelNames: ['service', 'code'],
  registers: [registry],
});

export const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request',
  labelNames: ['service'],
  buckets: BUCKETS,
  registers: [registry],
});
