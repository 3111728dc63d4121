/*
 * A round-robin reverse proxy on loopback, standing in for the load balancer in front
 * of backend replicas: each request goes to the next target; a target that refuses
 * the connection gets the request's answer as 502, which clients retry.
 */
import { createServer, request as httpRequest, Server } from 'node:http';

export function roundRobinProxy(targets: () => string[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const all = targets();
    const target = new URL(all[next++ % all.length]);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // Keep-alive connections must not outlive the test.
  server.keepAliveTimeout = 1000;
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}
