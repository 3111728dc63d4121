import type {
  DeploymentImpact,
  IntervalBurn,
} from '@internal/backstage-plugin-slo-common';
import express from 'express';
import { AddressInfo } from 'node:net';

/** What a test says the SLO backend answers for one deployment (its figures). */
export type FakeImpact = Pick<
  DeploymentImpact,
  'objectiveId' | 'consumedAfter' | 'consumedBefore' | 'objectives'
> & { afterHours?: number };

/**
 * A loopback-only stand-in for the SLO backend's `GET /api/slo/deployment-impact` and
 * `POST /api/slo/interval-burn`, answering the figures the test put in `impacts` (by
 * entityRef and finishedAt; none: no objective) and `burn` (by interval). `state.down`
 * answers 503, `state.delayMs` answers late; every request is recorded.
 */
export async function startFakeSloBackend() {
  const impacts = new Map<string, FakeImpact>();
  const state = {
    down: false,
    delayMs: 0,
    /** Default: 0.0001 of the budget per minute, worst objective `checkout-availability`. */
    burn: (
      _entityRef: string,
      interval: { from: string; to: string },
    ): Pick<IntervalBurn, 'consumed' | 'objectiveId'> => ({
      consumed:
        Math.round(
          (Date.parse(interval.to) - Date.parse(interval.from)) / 6e4,
        ) / 10_000,
      objectiveId: 'checkout-availability',
    }),
    requests: [] as Array<{
      path: string;
      query: Record<string, unknown>;
      body: unknown;
      auth: string;
    }>,
  };
  const key = (entityRef: string, finishedAt: string) =>
    `${entityRef}@${new Date(finishedAt).toISOString()}`;

  const app = express();
  app.use(express.json());
  app.use(async (req, res, next) => {
    state.requests.push({
      path: req.path,
      query: { ...req.query },
      body: req.body,
      auth: req.header('authorization') ?? '',
    });
    if (state.delayMs) {
      await new Promise(resolve => setTimeout(resolve, state.delayMs));
    }
    if (state.down) {
      res.status(503).json({ error: { message: 'metric source failed' } });
      return;
    }
    next();
  });
  app.get('/api/slo/deployment-impact', (req, res) => {
    const { entityRef, deployments, hours } = req.query as Record<
      string,
      string
    >;
    res.json({
      entityRef,
      impacts: deployments.split(',').map(item => {
        const at = item.lastIndexOf('@');
        const finishedAt = item.slice(at + 1);
        const figures = impacts.get(key(entityRef, finishedAt)) ?? {
          objectiveId: null,
          consumedAfter: null,
          consumedBefore: null,
          objectives: [],
        };
        const afterHours = figures.afterHours ?? Number(hours);
        return {
          deploymentId: item.slice(0, at),
          finishedAt,
          hours: Number(hours),
          madeWhileFrozen: false,
          ...figures,
          afterHours,
          afterPartial: afterHours < Number(hours),
        };
      }),
    });
  });
  app.post('/api/slo/interval-burn', (req, res) => {
    const { entityRef, intervals } = req.body as {
      entityRef: string;
      intervals: Array<{ id: string; from: string; to: string }>;
    };
    res.json({
      entityRef,
      stepMs: 60_000,
      intervals: intervals.map(interval => {
        const burn = state.burn(entityRef, interval);
        return {
          ...interval,
          ...burn,
          objectives: burn.objectiveId
            ? [{ objectiveId: burn.objectiveId, consumed: burn.consumed }]
            : [],
        };
      }),
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/slo`,
    /** Figures by `${entityRef}@${finishedAt}` (any ISO form of the instant). */
    setImpact: (entityRef: string, finishedAt: string, impact: FakeImpact) =>
      impacts.set(key(entityRef, finishedAt), impact),
    state,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
