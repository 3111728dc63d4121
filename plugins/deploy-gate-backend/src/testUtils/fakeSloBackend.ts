import {
  PolicyResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import express from 'express';
import { AddressInfo } from 'node:net';

/** How the fake answers: as the SLO backend would, 503, or never (for the timeout). */
export type FakeSloMode = 'up' | 'error' | 'hang';

/**
 * A loopback-only stand-in for the SLO backend's `GET /api/slo/policy` and
 * `GET /api/slo/status`, answering what the test put in `answers` per entity ref.
 */
export async function startFakeSloBackend() {
  const answers = new Map<
    string,
    { policy: PolicyResponse; status?: StatusResponse }
  >();
  const state = {
    mode: 'up' as FakeSloMode,
    /** Authorization headers received, to prove the gate sends a service token. */
    authorizations: [] as string[],
  };
  const app = express();
  const hanging = new Set<express.Response>();
  app.get('/api/slo/:route(policy|status)', (req, res) => {
    state.authorizations.push(req.header('authorization') ?? '');
    if (state.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (state.mode === 'error') {
      res.status(503).json({ error: { message: 'metric source down' } });
      return;
    }
    const answer = answers.get(String(req.query.entityRef));
    if (!answer) {
      res.status(404).json({ error: { message: 'no such entity' } });
      return;
    }
    const body = req.params.route === 'policy' ? answer.policy : answer.status;
    if (!body) res.status(500).json({ error: { message: 'no status' } });
    else res.json(body);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/slo`,
    answers,
    state,
    async stop() {
      hanging.forEach(res => res.destroy());
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** A policy answer with the given objectives (state per objective id). */
export function sloAnswer(
  entityRef: string,
  objectives: Record<string, 'ok' | 'exhausted' | 'unknown'>,
  options: { since?: string; worstRemaining?: number; stale?: boolean } = {},
): { policy: PolicyResponse; status: StatusResponse } {
  const list = Object.entries(objectives).map(([id, state]) => ({
    entityRef,
    id,
    state,
  }));
  const exhausted = list.filter(o => o.state === 'exhausted');
  const frozen = exhausted.length > 0;
  return {
    policy: {
      entityRef,
      frozen,
      exhaustedObjectives: exhausted.map(o => `${entityRef}: ${o.id}`),
      frozenSince: frozen ? options.since ?? null : null,
      reason: frozen ? 'error budget exhausted' : 'no objective exhausted',
      objectives: list,
    },
    status: {
      entityRef,
      state: frozen ? 'exhausted' : 'ok',
      frozen,
      stale: options.stale ?? false,
      components: [
        {
          entityRef,
          state: frozen ? 'exhausted' : 'ok',
          objectives: list.length,
          worstBudgetRemaining: options.worstRemaining ?? null,
          frozen,
          stale: options.stale ?? false,
        },
      ],
    },
  };
}
