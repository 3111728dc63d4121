import express from 'express';
import { AddressInfo } from 'node:net';

/** A started stand-in for another plugin's backend on 127.0.0.1. */
export interface FakePluginBackend {
  /** `http://127.0.0.1:<port>/api/<pluginId>` */
  baseUrl: string;
  /** `up` answers with the handler; `error` answers 503, as a backend that is down. */
  state: { mode: 'up' | 'error' };
  /** Every request received: method, path (with query), body, Authorization header. */
  requests: {
    method: string;
    path: string;
    body: unknown;
    authorization?: string;
  }[];
  /** A discovery service that finds this backend for `pluginId`. */
  discovery: {
    getBaseUrl(pluginId: string): Promise<string>;
    getExternalBaseUrl(pluginId: string): Promise<string>;
  };
  stop(): Promise<void>;
}

/**
 * Starts a loopback-only HTTP server answering `/api/<pluginId>/*` with `handler`'s
 * JSON: providers are tested against their real HTTP exchange, not a mocked client.
 */
export async function startFakePluginBackend(
  pluginId: string,
  handler: (request: {
    method: string;
    path: string;
    query: Record<string, unknown>;
    body: any;
  }) => unknown,
): Promise<FakePluginBackend> {
  const app = express();
  app.use(express.json({ limit: '10mb' }));
  const state: FakePluginBackend['state'] = { mode: 'up' };
  const requests: FakePluginBackend['requests'] = [];
  app.use(`/api/${pluginId}`, (req, res) => {
    requests.push({
      method: req.method,
      path: req.url,
      body: req.body,
      authorization: req.header('authorization'),
    });
    if (state.mode === 'error') {
      res.status(503).json({ error: { name: 'Error', message: 'down' } });
      return;
    }
    res.json(
      handler({
        method: req.method,
        path: req.path,
        query: req.query as Record<string, unknown>,
        body: req.body,
      }),
    );
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/${pluginId}`;
  const urlOf = async (id: string) => {
    if (id !== pluginId) throw new Error(`no fake backend for ${id}`);
    return baseUrl;
  };
  return {
    baseUrl,
    state,
    requests,
    discovery: { getBaseUrl: urlOf, getExternalBaseUrl: urlOf },
    async stop() {
      await new Promise(resolve => server.close(resolve));
    },
  };
}
