import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
import { PrometheusMetricSource } from '../PrometheusMetricSource';
import { badRatio, objective } from '../__testUtils__/objectives';

interface Received {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

/** A fake Prometheus on a loopback port: records requests, answers with `handler`. */
async function fakePrometheus(
  handler: (request: Received, response: ServerResponse) => void,
): Promise<{ baseUrl: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        form: new URLSearchParams(body),
      };
      received.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, received, server };
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const emptyVector = {
  status: 'success',
  data: { resultType: 'vector', result: [] },
};

/** Prometheus's answer to a query that failed. */
const failed = (errorType: string, error: string) => ({
  status: 'error',
  errorType,
  error,
});

const matrix = (values: Array<[number, string]>, warnings?: string[]) => ({
  status: 'success',
  data: { resultType: 'matrix', result: [{ metric: {}, values }] },
  ...(warnings ? { warnings } : {}),
});

describe('PrometheusClient', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        server =>
          new Promise(resolve => {
            server.closeAllConnections();
            server.close(resolve);
          }),
      ),
    );
  });

  async function start(
    handler: (request: Received, response: ServerResponse) => void,
  ) {
    const fake = await fakePrometheus(handler);
    servers.push(fake.server);
    return fake;
  }

  it('POSTs a form-encoded range query with auth headers, timeout and partial_response', async () => {
    const fake = await start((_req, res) =>
      json(res, 200, matrix([[1700003600, '42']])),
    );
    const client = new PrometheusClient({
      name: 'thanos',
      baseUrl: `${fake.baseUrl}/`,
      headers: { Authorization: 'Bearer s3cret', 'X-Scope-OrgID': 'team-a' },
      queryTimeoutMs: 20_000,
      partialResponse: false,
    });
    const answer = await client.queryRange(
      'sum(increase(x_total[1h]))',
      1_700_003_600_000,
      1_700_010_800_000,
      3_600_000,
    );
    expect(answer.data[0].values).toEqual([[1700003600, '42']]);
    const [request] = fake.received;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/v1/query_range');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(request.headers['x-scope-orgid']).toBe('team-a');
    expect(request.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(Object.fromEntries(request.form)).toEqual({
      query: 'sum(increase(x_total[1h]))',
      start: '1700003600',
      end: '1700010800',
      step: '3600',
      timeout: '20s',
      partial_response: 'false',
    });
  });

  it('sends no partial_response parameter unless configured', async () => {
    const fake = await start((_req, res) => json(res, 200, emptyVector));
    const client = new PrometheusClient({
      name: 'default',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 30_000,
    });
    await client.query('up', 1_700_000_000_500);
    expect(fake.received[0].path).toBe('/api/v1/query');
    expect(fake.received[0].form.get('time')).toBe('1700000000.5');
    expect(fake.received[0].form.has('partial_response')).toBe(false);
    expect(fake.received[0].headers.authorization).toBeUndefined();
  });

  it('names the instance, the status and the server error on 503', async () => {
    const fake = await start((_req, res) =>
      json(res, 503, failed('unavailable', 'store gateway unavailable')),
    );
    const client = new PrometheusClient({
      name: 'mimir-eu',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 30_000,
    });
    const error = await client
      .queryRange('sum(increase(x_total[1h]))', 0, 3_600_000, 3_600_000)
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error.message).toBe(
      `Prometheus "mimir-eu" (${fake.baseUrl}) answered 503 Service Unavailable: unavailable: store gateway unavailable; query: sum(increase(x_total[1h]))`,
    );
    expect(error.status).toBe(503);
    expect(error.errorType).toBe('unavailable');
    expect(error.instance).toBe('mimir-eu');
  });

  it('says when it is rate limited (429) and keeps Retry-After', async () => {
    const fake = await start((_req, res) => {
      res.writeHead(429, { 'Retry-After': '17', 'Content-Type': 'text/plain' });
      res.end('too many outstanding requests');
    });
    const client = new PrometheusClient({
      name: 'mimir',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 30_000,
      headers: { Authorization: 'Bearer never-in-messages' },
    });
    const error = await client.query('up', 0).catch(e => e);
    expect(error.message).toBe(
      `Prometheus "mimir" (${fake.baseUrl}) answered 429 Too Many Requests (rate limited: too many queries): too many outstanding requests; query: up`,
    );
    expect(error.message).not.toContain('never-in-messages');
    expect(error.retryAfterSeconds).toBe(17);
  });

  it('hints at credentials on 401', async () => {
    const fake = await start((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const client = new PrometheusClient({
      name: 'default',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 30_000,
    });
    await expect(client.query('up', 0)).rejects.toThrow(
      `Prometheus "default" (${fake.baseUrl}) answered 401 Unauthorized (check the instance headers or bearerToken): Unauthorized; query: up`,
    );
  });

  it('gives up after the query timeout plus the grace period', async () => {
    const fake = await start(() => {
      // never answers
    });
    const client = new PrometheusClient({
      name: 'slow',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 1_000,
      clientTimeoutGraceMs: 200,
    });
    const error = await client.query('up', 0).catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error.message).toBe(
      `Prometheus "slow" (${fake.baseUrl}) did not answer within 1.2s for up`,
    );
    expect(error.errorType).toBe('timeout');
    // The server-side timeout was asked for too: 1 s.
    expect(fake.received[0].form.get('timeout')).toBe('1s');
  });

  it('says when the instance is unreachable', async () => {
    const fake = await start(() => {});
    const baseUrl = fake.baseUrl;
    await new Promise(resolve => fake.server.close(resolve));
    servers.pop();
    const client = new PrometheusClient({
      name: 'down',
      baseUrl,
      queryTimeoutMs: 1_000,
    });
    await expect(client.query('up', 0)).rejects.toThrow(
      `Prometheus "down" (${baseUrl}) is unreachable: ECONNREFUSED`,
    );
  });

  it('keeps at most maxConcurrentQueries in flight, the rest wait in line', async () => {
    let inFlight = 0;
    let most = 0;
    const fake = await start((_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, emptyVector);
      }, 20);
    });
    const client = new PrometheusClient({
      name: 'default',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 5_000,
      maxConcurrentQueries: 3,
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.query(`q${i}`, 0)),
    );
    expect(fake.received).toHaveLength(10);
    expect(most).toBe(3);
  });

  it('rejects an answer of the wrong shape', async () => {
    const fake = await start((_req, res) =>
      json(res, 200, {
        status: 'success',
        data: { resultType: 'scalar', result: [1, '1'] },
      }),
    );
    const client = new PrometheusClient({
      name: 'default',
      baseUrl: fake.baseUrl,
      queryTimeoutMs: 1_000,
    });
    await expect(
      client.queryRange('1', 0, 3_600_000, 3_600_000),
    ).rejects.toThrow(
      'Prometheus "default" answered a scalar result where a matrix was expected, for 1',
    );
  });
});

describe('PrometheusMetricSource with a fake Prometheus', () => {
  const HOUR = 3_600_000;
  const from = Date.UTC(2024, 9, 1);
  let server: Server | undefined;
  afterEach(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise(resolve => server!.close(resolve));
    }
    server = undefined;
  });

  /** A metric source on a fake Prometheus that answers with `handler`. */
  async function sourceOn(
    handler: (request: Received, response: ServerResponse) => void,
    name: string,
    now?: () => number,
  ) {
    const fake = await fakePrometheus(handler);
    server = fake.server;
    const source = new PrometheusMetricSource({
      id: `prometheus:${name}`,
      client: new PrometheusClient({
        name,
        baseUrl: fake.baseUrl,
        queryTimeoutMs: 5_000,
      }),
      ...(now ? { now } : {}),
    });
    return { fake, source };
  }

  /** The counts of badRatio('api') over `hours` hourly steps from `from`. */
  const countHours = (source: PrometheusMetricSource, hours: number) =>
    source.countSeries({
      objective: objective('o', badRatio('api')),
      from,
      to: from + hours * HOUR,
      stepMs: HOUR,
    });

  it('marks the series partial and surfaces the warnings of a partial response', async () => {
    const { fake, source } = await sourceOn(
      (req, res) => {
        const isTotal = req.form.get('query')!.includes('requests');
        json(
          res,
          200,
          matrix(
            [
              [from / 1000 + 3600, isTotal ? '100' : '1'],
              [from / 1000 + 7200, isTotal ? '100' : '2'],
            ],
            isTotal ? ['store 10.0.0.7:10901 did not answer'] : undefined,
          ),
        );
      },
      'thanos',
      () => from + 10 * HOUR,
    );
    const series = await countHours(source, 2);
    expect(series.points).toEqual([
      { t: from + HOUR, good: 99, bad: 1, total: 100 },
      { t: from + 2 * HOUR, good: 98, bad: 2, total: 100 },
    ]);
    expect(series.partial).toBe(true);
    expect(series.warnings).toEqual(['store 10.0.0.7:10901 did not answer']);
    // Range query from the end of the first step to the end of the last.
    expect(Object.fromEntries(fake.received[0].form)).toMatchObject({
      start: String(from / 1000 + 3600),
      end: String(from / 1000 + 7200),
      step: '3600',
    });
  });

  it('counts an absent bad series as 0 where the total has data, and says so', async () => {
    const { source } = await sourceOn(
      (req, res) => {
        const isTotal = req.form.get('query')!.includes('requests');
        json(
          res,
          200,
          isTotal
            ? matrix([[from / 1000 + 3600, '50']])
            : { status: 'success', data: { resultType: 'matrix', result: [] } },
        );
      },
      'default',
      () => from + HOUR,
    );
    // The second step ends in the future: not expected yet.
    const series = await countHours(source, 2);
    expect(series.points).toEqual([
      { t: from + HOUR, good: 50, bad: 0, total: 50 },
    ]);
    expect(series.expectedPoints).toBe(1);
    // A note, not a partial answer: a service without errors has no error counter yet.
    expect(series.partial).toBeUndefined();
    // The note quotes the bad query as sent (the count plan of promql/countPlan.ts).
    expect(series.queries[0]).toContain('slo_demo_errors_total{service="api"}');
    expect(series.warnings).toEqual([
      `the bad query matched no series in the range; counted as 0 bad events (${series.queries[0]})`,
    ]);
  });

  it('passes a failed query on with the instance named', async () => {
    const { source } = await sourceOn(
      (_req, res) =>
        json(
          res,
          422,
          failed(
            'execution',
            'query processing would load too many samples into memory',
          ),
        ),
      'default',
    );
    await expect(countHours(source, 1)).rejects.toThrow(
      /Prometheus "default" .* answered 422 Unprocessable Entity: execution: query processing would load too many samples into memory/,
    );
  });
});
