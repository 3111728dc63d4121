import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import client from 'prom-client';

// Metric names match the queries of slo/${{ values.name }}.yaml.
const registry = new client.Registry();
const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests',
  labelNames: ['service', 'code'],
  registers: [registry],
});
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['service'],
  buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2],
  registers: [registry],
});

export async function handle(req: IncomingMessage, res: ServerResponse) {
  const stop = duration.startTimer({ service: '${{ values.name }}' });
  if (req.url === '/metrics') {
    res.setHeader('Content-Type', registry.contentType);
    res.end(await registry.metrics());
    return;
  }
  const status = req.url === '/healthz' || req.url === '/' ? 200 : 404;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ service: '${{ values.name }}', ok: status === 200 }));
  requests.inc({ service: '${{ values.name }}', code: String(status) });
  stop();
}

if (require.main === module) {
  createServer(handle).listen(Number(process.env.PORT ?? ${{ values.port }}));
}
