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
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHmac, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { examplesOf } from './__testUtils__/examples';
import { deliveryModuleGithub } from './module';
import {
  fuzzRuns,
  fuzzTimeout,
  statusTally,
  hostileValue,
  invalidStoredEvents,
  loopbackOnly,
  payloadPaths,
  replaceAt,
  sourceTestDatabases,
  startSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const githubEventsDist = dirname(
  require.resolve('@backstage/plugin-events-backend-module-github'),
);
const githubEventsModules = [
  'service/eventsModuleGithubWebhook.cjs.js',
  'service/eventsModuleGithubEventRouter.cjs.js',
].map(file => require(join(githubEventsDist, file)).default);

const SECRET = 'fuzz-secret';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'codertocat/hello-world' },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

// GitHub's API answers nothing useful: commit lookups fail, as when GitHub is down.
const github = setupServer(
  http.get('https://api.github.com/*', () =>
    HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
  ),
);

const eventNames = ['deployment_status', 'workflow_run', 'issues'] as const;

/** A GitHub example delivery with up to three fields replaced by hostileValue values. */
const mutatedDelivery = fc
  .constantFrom(
    ...eventNames.flatMap(name =>
      examplesOf(name).map(payload => ({ name, payload })),
    ),
  )
  .chain(({ name, payload }) => {
    const all = payloadPaths(payload);
    return fc
      .array(fc.tuple(fc.constantFrom(...all), hostileValue), { maxLength: 3 })
      .map(changes => ({
        name: name as string,
        payload: changes.reduce<unknown>(
          (p, [path, value]) => replaceAt(p, path, value),
          payload,
        ),
      }));
  });

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

const databases = sourceTestDatabases();

describe.each(databases.eachSupportedId())(
  'GitHub webhook under hostileValue input on %p',
  databaseId => {
    let baseUrl: string;
    let stop: () => Promise<void>;
    let deliveryDb: Awaited<ReturnType<typeof databases.init>>;

    beforeAll(async () => {
      github.listen({
        onUnhandledRequest: loopbackOnly,
      });
      const {
        backend,
        baseUrl: url,
        knexes,
      } = await startSourceTestBackend({
        databases,
        databaseId: databaseId as TestDatabaseId,
        events: true,
        features: [
          ...githubEventsModules,
          deliveryPlugin,
          deliveryModuleGithub,
        ],
        entities,
        scheduler: mockServices.scheduler.mock().factory,
        config: {
          events: {
            useEventBus: 'never',
            http: { topics: ['github'] },
            modules: { github: { webhookSecret: SECRET } },
          },
          integrations: {
            github: [{ host: 'github.com', token: 'ghp_fuzz' }],
          },
          delivery: {
            github: {
              workflows: [{ name: '.*', environment: 'production' }],
            },
          },
        },
      });
      deliveryDb = knexes.delivery;

      baseUrl = url;
      stop = () => backend.stop();
    }, 60_000);

    afterAll(async () => {
      await stop();
      github.close();
    }, 30_000);

    const sign = (body: string, secret = SECRET) =>
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

    const post = (
      event: string,
      body: string,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${baseUrl}/api/events/http/github`, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': event,
          'X-GitHub-Delivery': randomUUID(),
          ...headers,
        },
      });

    const counts = async () => ({
      deployments: Number(
        (await deliveryDb('deployments').count({ n: '*' }))[0].n,
      ),
      incidents: Number((await deliveryDb('incidents').count({ n: '*' }))[0].n),
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
        expect(await invalidStoredEvents(deliveryDb)).toEqual([]);
        // Not vacuous: the unchanged and harmlessly changed examples were stored.
        expect((await counts()).deployments).toBeGreaterThan(0);
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
        stored = await deliveryDb('deployments')
          .where({ external_id: 'Codertocat/Hello-World/deployments/777001' })
          .count({ n: '*' });
        if (Number(stored[0].n) > 0) break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(Number(stored[0].n)).toBe(1);
      expect((await counts()).deployments).toBe(before.deployments + 1);
    });
  },
);
