import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { handle } from './app.ts';

let server: Server;
let base: string;

before(async () => {
  server = createServer(handle);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.close();
});

test('GET /healthz answers 200', async () => {
  const response = await fetch(`${base}/healthz`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), {
    service: '${{ values.name }}',
    ok: true,
  });
});

test('requests are counted by status code, probes are not', async () => {
  await fetch(`${base}/`);
  await fetch(`${base}/no-such-page`);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  assert.match(
    metrics,
    /http_requests_total\{service="${{ values.name }}",code="200"\} 1\n/,
  );
  assert.match(
    metrics,
    /http_requests_total\{service="${{ values.name }}",code="404"\} 1\n/,
  );
  assert.match(
    metrics,
    /http_request_duration_seconds_bucket\{le="0.3",service="${{ values.name }}"\} 2\n/,
  );
});
