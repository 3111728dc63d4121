/*
 * The GitHub protection rule end to end, on SQLite and PostgreSQL: the fixture (a
 * `deployment_protection_rule` `requested` delivery, see src/__fixtures__/README.md)
 * signed as GitHub signs it, POSTed to the events backend's real webhook endpoint
 * (signature check and sub-topic routing from @backstage/plugin-events-backend-module-github),
 * decided by the real deploy gate on its policy from a loopback fake SLO backend, and
 * the review posted with a GitHub App installation token to a loopback fake GitHub.
 *
 *   codertocat/hello-world: hello-world-availability exhausted since
 *     2026-01-05T10:00:00Z (frozen)
 *   codertocat/search: no objectives (deployGate.noFigures: warn)
 * user:default/lead may override, and services (as Backstage's permission client
 * allows them); everybody else may not.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { coreServices } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  annotatedComponent,
  eventsModulesFromDist,
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deployGatePlugin from '@internal/backstage-plugin-deploy-gate-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  sloAnswer,
  startFakeSloBackend,
} from '@internal/backstage-plugin-deploy-gate-backend/testUtils';
import { Knex } from 'knex';
import { createHmac, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import fixture from './__fixtures__/deployment_protection_rule.requested.json';
import {
  appPrivateKey,
  INSTALLATION_TOKEN,
  startFakeGithub,
} from './__testUtils__/fakeGithub';
import { deployGateModuleGithub, RETRY_TASK_ID } from './module';

const SECRET = 'test-webhook-secret';
const HELLO = 'component:default/hello-world';
const SEARCH = 'component:default/search';
const SINCE = '2026-01-05T10:00:00Z';
const LEAD = 'user:default/lead';
const PORTAL = 'http://portal.test';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const entities = [
  annotatedComponent('hello-world', {
    'github.com/project-slug': 'codertocat/hello-world',
  }),
  annotatedComponent('search', {
    'github.com/project-slug': 'codertocat/search',
  }),
];

type Payload = typeof fixture;

/** The fixture for its own run and deployment (tests do not see each other's). */
function requestFor(
  runId: number,
  options: { task?: string; repo?: string; payload?: unknown } = {},
): Payload {
  const payload = structuredClone(fixture) as Payload & {
    deployment: { payload: unknown };
  };
  const repo = options.repo ?? 'Hello-World';
  payload.deployment_callback_url = `https://api.github.com/repos/Codertocat/${repo}/actions/runs/${runId}/deployment_protection_rule`;
  payload.deployment.id = runId * 10;
  if (options.task) payload.deployment.task = options.task;
  if (options.payload) payload.deployment.payload = options.payload;
  payload.repository.full_name = `Codertocat/${repo}`;
  payload.repository.html_url = `https://github.com/Codertocat/${repo}`;
  return payload;
}

const signature = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe.each(databases.eachSupportedId())(
  'GitHub deployment protection rules on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let baseUrl: string;
    let slo: Awaited<ReturnType<typeof startFakeSloBackend>>;
    let github: Awaited<ReturnType<typeof startFakeGithub>>;
    const scheduler = mockServices.scheduler.mock();
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const lead = { Authorization: mockCredentials.user.header(LEAD) };
    const dev = { Authorization: mockCredentials.user.header() };

    beforeAll(async () => {
      const knexes: Record<string, Knex> = {
        'deploy-gate': await databases.init(databaseId as TestDatabaseId),
        events: await databases.init(databaseId as TestDatabaseId),
      };
      slo = await startFakeSloBackend();
      slo.answers.set(
        HELLO,
        sloAnswer(
          HELLO,
          { 'hello-world-availability': 'exhausted' },
          { since: SINCE, worstRemaining: 0 },
        ),
      );
      slo.answers.set(SEARCH, sloAnswer(SEARCH, {}));
      github = await startFakeGithub({ owner: 'Codertocat' });
      auditor.createEvent.mockResolvedValue(auditEvent);
      backend = await startTestBackend({
        features: [
          eventsPlugin,
          // Webhooks must reach the module's subscription as in production.
          eventsServiceFactory,
          ...eventsModulesFromDist(
            '@backstage/plugin-events-backend-module-github',
            [
              'service/eventsModuleGithubWebhook.cjs.js',
              'service/eventsModuleGithubEventRouter.cjs.js',
            ],
          ),
          deployGatePlugin,
          deployGateModuleGithub,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () => knexes[plugin.getId()],
            }),
          }),
          catalogServiceMock.factory({ entities }),
          scheduler.factory,
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: PORTAL },
              events: {
                useEventBus: 'never',
                http: { topics: ['github'] },
                modules: { github: { webhookSecret: SECRET } },
              },
              integrations: {
                github: [
                  {
                    host: 'github.com',
                    apiBaseUrl: github.baseUrl,
                    apps: [
                      {
                        appId: 1,
                        privateKey: appPrivateKey(),
                        clientId: 'Iv1.test',
                        clientSecret: 'test-client-secret',
                        // No app webhookSecret: the validator would look the
                        // installation's app up with a dynamic import, which Jest
                        // cannot run; events.modules.github.webhookSecret signs.
                      },
                    ],
                  },
                ],
              },
              deployGate: {
                policyTimeout: { milliseconds: 500 },
                // Due at once: the test runs the retry task itself.
                github: {
                  retry: { attempts: 3, backoff: { milliseconds: 0 } },
                },
              },
            },
          }),
          mockServices.discovery.mock({
            getBaseUrl: async pluginId =>
              pluginId === 'slo' ? slo.baseUrl : `http://unused/${pluginId}`,
          }).factory,
          mockServices.permissions.mock({
            authorize: async (requests, { credentials }) =>
              requests.map(r => ({
                // Services are allowed, as Backstage's permission client allows
                // service principals without access restrictions.
                result:
                  r.permission.name !== 'deploy-gate.override' ||
                  (credentials.principal as { type: string }).type ===
                    'service' ||
                  (credentials.principal as { userEntityRef?: string })
                    .userEntityRef === LEAD
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              })) as any,
          }).factory,
          auditor.factory,
        ],
      });
      const { port } = backend.server.address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
    }, 60_000);

    afterAll(async () => {
      await backend?.stop();
      await slo?.stop();
      await github?.stop();
    });

    beforeEach(() => {
      github.state.mode = 'ok';
    });

    /** POSTs a delivery the way GitHub does. */
    const deliver = (
      payload: unknown,
      options: { secret?: string; deliveryId?: string } = {},
    ) => {
      const body = JSON.stringify(payload);
      return fetch(`${baseUrl}/api/events/http/github`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'GitHub-Hookshot/test',
          'X-GitHub-Event': 'deployment_protection_rule',
          'X-GitHub-Delivery': options.deliveryId ?? randomUUID(),
          'X-Hub-Signature-256': signature(body, options.secret ?? SECRET),
        },
        body,
      });
    };

    const api = async (
      path: string,
      init: {
        method?: string;
        headers?: Record<string, string>;
        body?: unknown;
      } = {},
    ) => {
      const response = await fetch(`${baseUrl}/api/deploy-gate${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.headers ?? lead),
          'Content-Type': 'application/json',
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: response.status, body: await response.json() };
    };

    /** The stored review of a run, once it has left `deciding`. */
    const reviewOf = (runId: number) =>
      eventually(async () => {
        const { body } = await api('/github/reviews?limit=500');
        return body.items.find(
          (r: { runId: string; status: string }) =>
            r.runId === String(runId) && r.status !== 'deciding',
        );
      });

    const frozenLines = [
      `- error budget of hello-world-availability (${HELLO}) exhausted since ${SINCE}: ordinary deploys to production are frozen (${PORTAL}/catalog/default/component/hello-world/slos)`,
    ];

    it('rejects a frozen component’s deploy, naming the freeze, with the App installation token', async () => {
      expect((await deliver(requestFor(101))).status).toBe(202);
      const review = await reviewOf(101);
      expect(review).toMatchObject({
        status: 'posted',
        entityRef: HELLO,
        decision: 'deny',
        state: 'rejected',
        attempts: 1,
        deploymentId: 1010,
        request: {
          environment: 'production',
          kind: 'deploy',
          version: 'master',
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          requestedBy: 'github:Codertocat',
        },
      });
      expect(github.reviewsOf(101)).toEqual([
        {
          path: '/repos/Codertocat/Hello-World/actions/runs/101/deployment_protection_rule',
          authorization: `Bearer ${INSTALLATION_TOKEN}`,
          body: {
            environment_name: 'production',
            state: 'rejected',
            comment: [
              `Deploy gate: deny for ${HELLO} to production.`,
              ...frozenLines,
              `Decision ${review.decisionId}: ${PORTAL}/catalog/default/component/hello-world`,
            ].join('\n'),
          },
        },
      ]);
      // Stored as the gate stores every decision, asked by the module's own service.
      const { body } = await api(
        `/decisions?entityRef=${encodeURIComponent(HELLO)}&limit=500`,
      );
      expect(
        body.items.find(
          (d: { decisionId: string }) => d.decisionId === review.decisionId,
        ),
      ).toMatchObject({
        decision: 'deny',
        principal: 'service:plugin:deploy-gate',
        request: { entityRef: HELLO, kind: 'deploy' },
      });
    });

    it('approves a rollback of the frozen component (task deploy:rollback)', async () => {
      await deliver(requestFor(102, { task: 'deploy:rollback' }));
      const review = await reviewOf(102);
      expect(review).toMatchObject({ decision: 'allow', state: 'approved' });
      expect(github.reviewsOf(102).map(r => r.body)).toEqual([
        {
          environment_name: 'production',
          state: 'approved',
          comment: [
            `Deploy gate: allow for ${HELLO} to production.`,
            '- rollbacks pass a freeze',
            `Decision ${review.decisionId}: ${PORTAL}/catalog/default/component/hello-world`,
          ].join('\n'),
        },
      ]);
    });

    it('reads the kind from deployment.payload.kind, and approves a warn with the warning', async () => {
      await deliver(
        requestFor(103, { payload: JSON.stringify({ kind: 'rollback' }) }),
      );
      expect(await reviewOf(103)).toMatchObject({
        decision: 'allow',
        request: { kind: 'rollback' },
      });

      // A kind the gate does not know is refused as the HTTP API answers 400.
      await deliver(requestFor(113, { payload: { kind: 'yolo' } }));
      expect(await reviewOf(113)).toMatchObject({
        status: 'posted',
        decision: null,
        state: 'rejected',
      });
      expect(github.reviewsOf(113).map(r => r.body)).toEqual([
        {
          environment_name: 'production',
          state: 'rejected',
          comment:
            'Deploy gate could not read the request: kind: kind must be one of deploy, rollback, remediation, hotfix',
        },
      ]);

      await deliver(requestFor(104, { repo: 'search' }));
      const review = await reviewOf(104);
      expect(review).toMatchObject({ entityRef: SEARCH, decision: 'warn' });
      expect(github.reviewsOf(104).map(r => r.body)).toEqual([
        {
          environment_name: 'production',
          state: 'approved',
          comment: [
            `Deploy gate: warn for ${SEARCH} to production.`,
            `- ${SEARCH} has no SLO figures (no objectives, or none with data): deployGate.noFigures decides (warn) (${PORTAL}/catalog/default/component/search/slos)`,
            `Decision ${review.decisionId}: ${PORTAL}/catalog/default/component/search`,
          ].join('\n'),
        },
      ]);
    });

    it('carries a permitted user’s override (audited) to the re-run of the rejected commit; refuses others', async () => {
      await deliver(requestFor(105));
      const rejected = await reviewOf(105);
      expect(rejected.state).toBe('rejected');

      const refused = await api(`/github/reviews/${rejected.id}/override`, {
        method: 'POST',
        headers: dev,
        body: { reason: 'hotfix for checkout' },
      });
      expect(refused.status).toBe(403);
      expect(auditEvent.fail).toHaveBeenCalledTimes(1);
      const missing = await api(`/github/reviews/${rejected.id}/override`, {
        method: 'POST',
        body: {},
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe('reason: reason is required');

      const reason = 'security fix for CVE-2026-1234';
      const overridden = await api(`/github/reviews/${rejected.id}/override`, {
        method: 'POST',
        body: { reason },
      });
      expect(overridden.status).toBe(200);
      // GitHub failed the job on the rejection: it takes no approval any more (422,
      // not retried), so the override waits for the re-run.
      expect(overridden.body).toMatchObject({
        status: 'failed',
        decision: 'allow',
        state: 'approved',
        attempts: 1,
        lastError: `POST /repos/Codertocat/Hello-World/actions/runs/105/deployment_protection_rule: 422 Unprocessable Entity {"message":"No pending deployment requests"}`,
        overrideBy: LEAD,
        overrideReason: reason,
        overrideUsedBy: null,
      });
      expect(github.reviewsOf(105).map(r => r.body)).toEqual([
        expect.objectContaining({ state: 'rejected' }),
        {
          environment_name: 'production',
          state: 'approved',
          comment: [
            `Deploy gate: allow for ${HELLO} to production.`,
            `- overridden by ${LEAD}: ${reason}`,
            ...frozenLines,
            `Decision ${overridden.body.decisionId}: ${PORTAL}/catalog/default/component/hello-world`,
          ].join('\n'),
        },
      ]);
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'deploy-override',
          severityLevel: 'high',
          meta: expect.objectContaining({
            decisionId: overridden.body.decisionId,
            entityRef: HELLO,
            overriddenBy: LEAD,
            reason,
          }),
        }),
      );

      // The re-run (a new run of the same commit) is approved once, on that override.
      await deliver(requestFor(111));
      const rerun = await reviewOf(111);
      const carried = `${reason} (granted by ${LEAD} on GitHub review ${rejected.id})`;
      expect(github.reviewsOf(111).map(r => r.body)).toEqual([
        {
          environment_name: 'production',
          state: 'approved',
          comment: [
            `Deploy gate: allow for ${HELLO} to production.`,
            `- overridden by service:plugin:deploy-gate: ${carried}`,
            ...frozenLines,
            `Decision ${rerun.decisionId}: ${PORTAL}/catalog/default/component/hello-world`,
          ].join('\n'),
        },
      ]);
      expect(auditEvent.success).toHaveBeenCalledTimes(2);
      const { body } = await api(
        `/decisions?entityRef=${encodeURIComponent(HELLO)}&limit=500`,
      );
      expect(
        body.items.find(
          (d: { decisionId: string }) => d.decisionId === rerun.decisionId,
        ).override,
      ).toEqual({ by: 'service:plugin:deploy-gate', reason: carried });
      expect((await reviewOf(105)).overrideUsedBy).toBe(rerun.id);

      await deliver(requestFor(112));
      expect(await reviewOf(112)).toMatchObject({
        decision: 'deny',
        state: 'rejected',
      });

      // An approval GitHub took is not overridden again.
      const approved = await reviewOf(102);
      const again = await api(`/github/reviews/${approved.id}/override`, {
        method: 'POST',
        body: { reason: 'once more' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `id: review ${approved.id} was approved already`,
      );
    });

    it('refuses a forged signature and decides nothing from it', async () => {
      const forged = await deliver(requestFor(106), { secret: 'not-it' });
      expect(forged.status).toBe(403);
      // A valid delivery after it: once it is reviewed, the forged one would be too.
      await deliver(requestFor(107));
      await reviewOf(107);
      expect(github.reviewsOf(106)).toEqual([]);
      const { body } = await api('/github/reviews?limit=500');
      expect(body.items.map((r: { runId: string }) => r.runId)).not.toContain(
        '106',
      );
    });

    it('posts a replayed delivery, or a redelivery of the same deployment, once', async () => {
      const deliveryId = randomUUID();
      const payload = requestFor(108);
      expect((await deliver(payload, { deliveryId })).status).toBe(202);
      await reviewOf(108);
      expect((await deliver(payload, { deliveryId })).status).toBe(202);
      expect((await deliver(payload)).status).toBe(202);
      // A later request, once handled, shows the replays were handled before it.
      await deliver(requestFor(109));
      await reviewOf(109);
      expect(github.reviewsOf(108)).toHaveLength(1);
      const { body } = await api('/github/reviews?limit=500');
      expect(
        body.items.filter((r: { runId: string }) => r.runId === '108'),
      ).toHaveLength(1);
    });

    it('retries a review GitHub answers 5xx to, then shows the source failing', async () => {
      github.state.mode = 'error';
      await deliver(requestFor(110));
      const first = await eventually(async () => {
        const { body } = await api('/github/reviews?limit=500');
        return body.items.find(
          (r: { runId: string; attempts: number }) =>
            r.runId === '110' && r.attempts === 1,
        );
      });
      const error = `POST /repos/Codertocat/Hello-World/actions/runs/110/deployment_protection_rule: 503 Service Unavailable {"message":"Service Unavailable"}`;
      expect(first).toMatchObject({ status: 'pending', lastError: error });

      const retry = scheduledTask(scheduler, RETRY_TASK_ID);
      await retry.fn(new AbortController().signal);
      expect((await reviewOf(110)).attempts).toBe(2);
      await retry.fn(new AbortController().signal);
      // Three attempts (deployGate.github.retry.attempts), then it gives up.
      expect(await reviewOf(110)).toMatchObject({
        status: 'failed',
        attempts: 3,
        lastError: error,
      });
      expect(github.reviewsOf(110)).toHaveLength(3);
      await retry.fn(new AbortController().signal);
      expect(github.reviewsOf(110)).toHaveLength(3);

      const sources = await api('/sources');
      expect(sources.status).toBe(200);
      expect(sources.body.items).toEqual([
        {
          source: 'github',
          via: 'webhook',
          status: 'failing',
          lastPostedAt: expect.any(String),
          failing: [
            {
              id: first.id,
              repository: 'Codertocat/Hello-World',
              environment: 'production',
              status: 'failed',
              attempts: 3,
              error,
              at: expect.any(String),
            },
          ],
          unmatched: 0,
        },
      ]);
    });
  },
);
