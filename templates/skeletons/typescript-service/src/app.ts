import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVICE, duration, registry, requests } from './metrics.ts';
import { routes } from './routes.ts';

/**
 * Health and metrics endpoints, then the routes of `routes.ts`. Every routed request
 * (not /healthz, not /metrics: probes and scrapes are not users) is counted by status
 * code and timed.
 */
export async function handle(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ service: SERVICE, ok: true }));
    return;
  }
  if (path === '/metrics') {
    res.setHeader('Content-Type', registry.contentType);
    res.end(await registry.metrics());
    return;
  }
  const stop = duration.startTimer({ service: SERVICE });
  const route = routes[path];
  try {
    if (route) {
      await route(req, res);
    } else {
      res.statusCode = 404;
      res.end();
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
  requests.inc({ service: SERVICE, code: String(res.statusCode) });
  stop();
}
