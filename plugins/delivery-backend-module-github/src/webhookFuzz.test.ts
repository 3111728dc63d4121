/*
 * Hostile input at the GitHub webhook (POST /api/events/http/github, the events
 * backend's GitHub module checking X-Hub-Signature-256, then this module), property-
 * based with fast-check: GitHub's example deliveries with fields replaced by wrong
 * types, huge strings, invalid dates, injection strings; arbitrary JSON; forged,
 * truncated and missing signatures; replays of one delivery. Every answer is a 2xx or
 * a 4xx, never a 5xx; nothing is stored from a refused delivery; every stored row
 * re-validates with the delivery schema; a replayed delivery is stored once.
 *
 * `FUZZ_RUNS=2000` for a long run (scripts/fuzz-delivery.mjs).
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from './__testUtils__/examples';
import { servePullRequests } from './__testUtils__/githubApi';
import {
  databases,
  githubHeaders,
  helloWorld,
  signature,
  useGithubBackend,
} from './__testUtils__/scenario';
import {
  eventually,
  fuzzRuns,
  fuzzTimeout,
  statusTally,
  invalidStoredEvents,
  mutatedPayload,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'fuzz-secret';

// GitHub's API serves the examples' pull request #2 (so pull request deliveries reach
// the store); anything else fails: commit lookups fail, as when GitHub is down.
const github = setupServer(
  ...servePullRequests('Codertocat', 'Hello-World', [
    {
      number: 2,
      createdAt: '2019-05-15T15:20:33Z',
      mergedAt: '2019-05-16T10:00:00Z',
      commits: [
        {
          sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
          authoredAt: '2019-05-15T10:00:00Z',
          committedAt: '2019-05-15T15:00:00Z',
        },
      ],
      reviews: [
        {
          id: 1,
          login: 'octocat',
          state: 'APPROVED',
          submittedAt: '2019-05-15T17:45:00Z',
        },
      ],
    },
  ]),
  http.get('https://api.github.com/*', () =>
    HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
  ),
);

const eventNames = [
  'deployment_status',
  'workflow_run',
  'issues',
  'pull_request',
  'pull_request_review',
] as const;

/** A GitHub example delivery with up to three fields replaced by hostileValue values. */
const mutatedDelivery = fc.oneof(
  ...eventNames.map(name => ({
    // Each example as likely as any other, whatever its event.
    weight: examplesOf(name).length,
    arbitrary: mutatedPayload<unknown>(examplesOf(name)).map(payload => ({
      name: name as string,
      payload,
    })),
  })),
);

const anyDelivery = fc.oneof(
  { weight: 5, arbitrary: mutatedDelivery },
  {
    weight: 1,
    arbitrary: fc.record({
      name: fc.constantFrom(...eventNames, 'push', 'ping', '<b>x</b>'),
      payload: fc.jsonValue({ maxDepth: 4 }),
    }),
  },
);

describe.each(databases.eachSupportedId())(
  'GitHub webhook under hostileValue input on %p',
  databaseId => {
    const suite = useGithubBackend({
      databaseId,
      api: github,
      entities: [helloWorld],
      secret: SECRET,
      token: 'ghp_fuzz',
      github: { workflows: [{ name: '.*', environment: 'production' }] },
    });

    const sign = (body: string, secret = SECRET) => signature(body, secret);

    /** POSTs `body` as a GitHub `event` delivery, unsigned unless `headers` sign it. */
    const post = (
      event: string,
      body: string,
      headers: Record<string, string> = {},
    ) =>
      suite.post('github', body, {
        ...githubHeaders(event, body, { secret: null }),
        ...headers,
      });

    const counts = async () => ({
      deployments: await suite.count('deployments'),
      incidents: await suite.count('incidents'),
      changes: await suite.count('changes'),
    });

    it(
      'answers signed hostileValue deliveries with a 2xx or a 4xx, never a 5xx, storing only valid events',
      async () => {
        const statuses = statusTally();
        await fc.assert(
          fc.asyncProperty(anyDelivery, async ({ name, payload }) => {
            const body = JSON.stringify(payload);
            const response = await post(name, body, {
              'X-Hub-Signature-256': sign(body),
            });
            statuses.check(response);
          }),
          { numRuns: fuzzRuns(60) },
        );
        expect(await invalidStoredEvents(suite.deliveryDb)).toEqual([]);
        // Not vacuous: the unchanged and harmlessly changed examples were stored
        // (of whichever event: pull requests have most examples).
        const stored = await counts();
        expect(
          stored.deployments + stored.incidents + stored.changes,
        ).toBeGreaterThan(0);
        statuses.print(databaseId);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'refuses forged, truncated, stale-secret and unsigned signatures with 403, storing nothing',
      async () => {
        const before = await counts();
        await fc.assert(
          fc.asyncProperty(
            mutatedDelivery,
            fc.oneof(
              fc.string().map(secret => ({ sign: secret || 'x' })),
              fc.constantFrom(
                { header: '' },
                { header: 'sha256=' },
                { header: 'sha1=0000' },
                { header: `sha256=${'0'.repeat(64)}` },
                { header: 'sha256=zz' },
                { header: 'md5=abc' },
                { truncate: true },
                { omit: true },
                { otherBody: true },
              ),
            ),
            async ({ name, payload }, forgery) => {
              const body = JSON.stringify(payload);
              const headers: Record<string, string> = {};
              if ('sign' in forgery && forgery.sign !== SECRET) {
                headers['X-Hub-Signature-256'] = sign(body, forgery.sign);
              } else if ('header' in forgery) {
                headers['X-Hub-Signature-256'] = forgery.header ?? '';
              } else if ('truncate' in forgery) {
                headers['X-Hub-Signature-256'] = sign(body).slice(0, 40);
              } else if ('otherBody' in forgery) {
                headers['X-Hub-Signature-256'] = sign(`${body} `);
              } else if (!('omit' in forgery)) {
                return; // the generated secret happened to be the real one
              }
              const response = await post(name, body, headers);
              expect(response.status).toBe(403);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        expect(await counts()).toEqual(before);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it('stores a replayed delivery (same X-GitHub-Delivery, valid signature) once', async () => {
      const payload = examplesOf('deployment_status')[0];
      payload.deployment.id = 777001;
      const body = JSON.stringify(payload);
      const headers = {
        'X-Hub-Signature-256': sign(body),
        'X-GitHub-Delivery': 'replayed-delivery-id',
      };
      const before = await counts();
      for (let i = 0; i < 5; i++) {
        expect((await post('deployment_status', body, headers)).status).toBe(
          202,
        );
      }
      let stored: { n: number }[] = [];
      for (let attempt = 0; attempt < 100; attempt++) {
        stored = await suite
          .deliveryDb('deployments')
          .where({ external_id: 'Codertocat/Hello-World/deployments/777001' })
          .count({ n: '*' });
        if (Number(stored[0].n) > 0) break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(Number(stored[0].n)).toBe(1);
      expect((await counts()).deployments).toBe(before.deployments + 1);
    });

    it('stores a replayed pull_request delivery once', async () => {
      const body = JSON.stringify(examplesOf('pull_request')[0]);
      const headers = {
        'X-Hub-Signature-256': sign(body),
        'X-GitHub-Delivery': 'replayed-pull-request-delivery',
      };
      for (let i = 0; i < 5; i++) {
        expect((await post('pull_request', body, headers)).status).toBe(202);
      }
      const stored = await eventually(async () => {
        const rows = await suite.deliveryDb('changes').where({
          external_id:
            'Codertocat/Hello-World/pulls/2@component:default/hello-world',
        });
        return rows.length > 0 ? rows : undefined;
      });
      expect(stored).toHaveLength(1);
    });
  },
);
