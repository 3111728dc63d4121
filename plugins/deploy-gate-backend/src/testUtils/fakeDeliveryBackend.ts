import express from 'express';
import { AddressInfo } from 'node:net';
import { DeliveryIncident } from '../incidents/IncidentClient';

/**
 * A loopback-only stand-in for the delivery backend's `GET /api/delivery/incident`:
 * the incidents the test put in `incidents` (per entity ref), matched by id as the
 * real one does; `state.mode` 'error' answers 503, 'hang' never answers.
 */
export async function startFakeDeliveryBackend() {
  const incidents = new Map<string, DeliveryIncident[]>();
  const state = {
    mode: 'up' as 'up' | 'error' | 'hang',
    /** Queries and Authorization headers received. */
    requests: [] as Array<{ entityRef: string; id: string; auth: string }>,
  };
  const hanging = new Set<express.Response>();
  const app = express();
  app.get('/api/delivery/incident', (req, res) => {
    const entityRef = String(req.query.entityRef);
    const id = String(req.query.id);
    state.requests.push({
      entityRef,
      id,
      auth: req.header('authorization') ?? '',
    });
    if (state.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (state.mode === 'error') {
      res.status(503).json({ error: { message: 'database down' } });
      return;
    }
    res.json({
      items: (incidents.get(entityRef) ?? []).filter(i => i.id === id),
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/delivery`,
    incidents,
    state,
    async stop() {
      hanging.forEach(res => res.destroy());
      await new Promise(resolve => server.close(resolve));
    },
  };
}
