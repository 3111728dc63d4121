import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the fake gate answers next: a status and a body (JSON-encoded unless a string). */
export interface FakeGateAnswer {
  status: number;
  body: unknown;
}

/** One request the fake gate received. */
export interface FakeGateRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback stand-in for `POST /api/deploy-gate/decisions`. */
export interface FakeGate {
  /** The gate's base URL, `http://127.0.0.1:<port>/api/deploy-gate`. */
  url: string;
  /** Every request so far, oldest first. */
  requests: FakeGateRequest[];
  /** Sets the answer of every following request. */
  answer(next: FakeGateAnswer): void;
  stop(): Promise<void>;
}

/**
 * Starts a fake deploy gate on 127.0.0.1 (a random port) that records each request
 * and answers what `answer` last set (200 allow without reasons at first).
 */
export async function startFakeGate(): Promise<FakeGate> {
  const requests: FakeGateRequest[] = [];
  let next: FakeGateAnswer = {
    status: 200,
    body: { decision: 'allow', reasons: [], policy: { frozen: false } },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
      });
      const text =
        typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
      res.writeHead(next.status, {
        'content-type':
          typeof next.body === 'string'
            ? 'text/html'
            : 'application/json; charset=utf-8',
        connection: 'close',
      });
      res.end(text);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/deploy-gate`,
    requests,
    answer(answer) {
      next = answer;
    },
    stop: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}

/** A loopback URL nothing listens on (a port just freed): connection refused. */
export async function unreachableGateUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/deploy-gate`;
}
