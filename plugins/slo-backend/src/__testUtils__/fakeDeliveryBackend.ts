import express from 'express';
import { AddressInfo } from 'node:net';

/** A deployment as `GET /api/delivery/deployments` lists it (the fields read here). */
export interface FakeDeployment {
  kind: 'deployment';
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: 'success' | 'failure' | 'cancelled' | 'in_progress';
  startedAt: string;
  finishedAt: string;
  version?: string;
  commits: Array<{ sha: string; committedAt: string }>;
}

/**
 * A loopback-only stand-in for the delivery backend's `GET /api/delivery/deployments`:
 * the deployments the test put in `deployments`, filtered by entityRef and by start in
 * [from, to) as the real one does, newest first; `state.down` answers 503.
 */
export async function startFakeDeliveryBackend() {
  const deployments: FakeDeployment[] = [];
  const state = {
    down: false,
    /** Query strings and Authorization headers received. */
    requests: [] as Array<{ query: Record<string, unknown>; auth: string }>,
  };
  const app = express();
  app.get('/api/delivery/deployments', (req, res) => {
    state.requests.push({
      query: { ...req.query },
      auth: req.header('authorization') ?? '',
    });
    if (state.down) {
      res.status(503).json({ error: { message: 'down' } });
      return;
    }
    const { entityRef, from, to } = req.query as Record<string, string>;
    res.json({
      items: deployments
        .filter(
          d =>
            d.entityRef === entityRef &&
            (!from || Date.parse(d.startedAt) >= Date.parse(from)) &&
            (!to || Date.parse(d.startedAt) < Date.parse(to)),
        )
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/delivery`,
    deployments,
    state,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}
