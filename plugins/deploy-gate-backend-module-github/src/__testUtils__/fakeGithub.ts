import express from 'express';
import { generateKeyPairSync } from 'node:crypto';
import { AddressInfo } from 'node:net';

/** A review GitHub received on a run's `deployment_protection_rule` URL. */
export interface ReceivedReview {
  path: string;
  authorization: string;
  body: { environment_name: string; state: string; comment: string };
}

/** The installation token the fake hands the GitHub App. */
export const INSTALLATION_TOKEN = 'ghs_fakeInstallationToken';

/**
 * A loopback-only stand-in for the parts of GitHub's REST API the module uses: a
 * GitHub App's installations (`GET /app/installations`), installation tokens
 * (`POST /app/installations/{id}/access_tokens`) and the review of a run's custom
 * deployment protection rule, answering 204 (as GitHub does), 422 once the run's
 * environment was reviewed, or, in `error` mode, 503.
 */
export async function startFakeGithub(options: { owner: string }) {
  const reviews: ReceivedReview[] = [];
  /** Run and environment pairs GitHub took a review for. */
  const reviewed = new Set<string>();
  const state = { mode: 'ok' as 'ok' | 'error', tokenRequests: 0 };
  const app = express();
  app.use(express.json());
  app.get('/app/installations', (_req, res) => {
    res.json([
      {
        id: 13986380,
        account: { login: options.owner, type: 'User' },
        suspended_by: null,
      },
    ]);
  });
  app.post('/app/installations/:id/access_tokens', (_req, res) => {
    state.tokenRequests += 1;
    res.status(201).json({
      token: INSTALLATION_TOKEN,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: { actions: 'read', deployments: 'write' },
      repository_selection: 'all',
    });
  });
  app.post(
    '/repos/:owner/:repo/actions/runs/:runId/deployment_protection_rule',
    (req, res) => {
      reviews.push({
        path: req.path,
        authorization: req.header('authorization') ?? '',
        body: req.body,
      });
      const gate = `${req.path} ${req.body?.environment_name}`;
      if (state.mode === 'error') {
        res.status(503).json({ message: 'Service Unavailable' });
      } else if (reviewed.has(gate)) {
        // The job went on (or failed) on the first review: nothing waits any more.
        res.status(422).json({ message: 'No pending deployment requests' });
      } else {
        reviewed.add(gate);
        res.status(204).end();
      }
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    reviews,
    state,
    /** The reviews posted for one run. */
    reviewsOf: (runId: number) =>
      reviews.filter(r => r.path.includes(`/actions/runs/${runId}/`)),
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

/** A GitHub App's private key, as GitHub issues them (PKCS#1 PEM). */
export function appPrivateKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}
