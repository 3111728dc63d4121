/*
 * The deploy gate end to end (real router, store and migrations) on SQLite and
 * PostgreSQL, reading the policy from a loopback fake of the SLO backend:
 *   checkout: checkout-availability exhausted since 2026-01-05T10:00:00Z (frozen,
 *     0% left at worst), checkout-latency ok
 *   cart: cart-availability ok, 40% left
 *   search: no objectives
 *   legacy: the SLO backend never answers for it (no figures ever)
 * Incidents of checkout in a loopback fake of the delivery backend: INC-OPEN open since
 * 2026-01-06T08:00Z, INC-DONE resolved at 2026-01-06T07:00Z.
 * user:default/lead may override; everybody else may not. The tests run in order: the
 * outage tests rely on the last good policy stored by the earlier ones.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RecordingNotificationService } from '@internal/owner-notify';
import {
  DecisionResponse,
  StoredDecision,
} from '@internal/backstage-plugin-deploy-gate-common';
import request from 'supertest';
import { deployGatePlugin } from '../plugin';
import {
  sloAnswer,
  startFakeDeliveryBackend,
  startFakeSloBackend,
} from '../testUtils';

const CHECKOUT = 'component:default/checkout';
const SINCE = '2026-01-05T10:00:00Z';
const LEAD = 'user:default/lead';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  component('checkout', 'team-a'),
  component('cart', 'team-a'),
  component('search', 'team-b'),
  component('legacy', 'team-b'),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'deploy gate API on %p',
  databaseId => {
    let slo: Awaited<ReturnType<typeof startFakeSloBackend>>;
    let delivery: Awaited<ReturnType<typeof startFakeDeliveryBackend>>;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    const actions = actionsRegistryServiceMock();
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const notifications = new RecordingNotificationService();
    const lead = { Authorization: mockCredentials.user.header(LEAD) };
    const dev = { Authorization: mockCredentials.user.header() };

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      slo = await startFakeSloBackend();
      delivery = await startFakeDeliveryBackend();
      delivery.incidents.set(CHECKOUT, [
        {
          source: 'pagerduty',
          id: 'INC-OPEN',
          openedAt: '2026-01-06T08:00:00.000Z',
          resolvedAt: null,
        },
        {
          source: 'pagerduty',
          id: 'INC-DONE',
          openedAt: '2026-01-06T06:00:00.000Z',
          resolvedAt: '2026-01-06T07:00:00.000Z',
        },
      ]);
      slo.answers.set(
        CHECKOUT,
        sloAnswer(
          CHECKOUT,
          { 'checkout-availability': 'exhausted', 'checkout-latency': 'ok' },
          { since: SINCE, worstRemaining: 0 },
        ),
      );
      slo.answers.set(
        'component:default/cart',
        sloAnswer(
          'component:default/cart',
          { 'cart-availability': 'ok' },
          { worstRemaining: 0.4 },
        ),
      );
      slo.answers.set(
        'component:default/search',
        sloAnswer('component:default/search', {}),
      );
      auditor.createEvent.mockResolvedValue(auditEvent);
      backend = await startTestBackend({
        features: [
          deployGatePlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://portal.test' },
              deployGate: { policyTimeout: { milliseconds: 300 } },
            },
          }),
          mockServices.discovery.mock({
            getBaseUrl: async pluginId =>
              ({ slo: slo.baseUrl, delivery: delivery.baseUrl }[pluginId] ??
              `http://unused/${pluginId}`),
          }).factory,
          mockServices.permissions.mock({
            authorize: async (requests, { credentials }) =>
              requests.map(r => ({
                result:
                  r.permission.name !== 'deploy-gate.override' ||
                  (credentials.principal as { userEntityRef?: string })
                    .userEntityRef === LEAD
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              })) as any,
          }).factory,
          auditor.factory,
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => notifications,
          }),
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await backend?.stop();
      await slo?.stop();
      await delivery?.stop();
    });

    beforeEach(() => {
      slo.state.mode = 'up';
      delivery.state.mode = 'up';
    });

    const ask = (body: object, headers = dev) =>
      request(backend.server)
        .post('/api/deploy-gate/decisions')
        .set(headers)
        .send(body);
    const list = (query: string) =>
      request(backend.server)
        .get(`/api/deploy-gate/decisions?${query}`)
        .set(dev);

    it('refuses unauthenticated callers with 401', async () => {
      const none = { Authorization: mockCredentials.none.header() };
      const asked = await ask({ entityRef: CHECKOUT, environment: 'x' }, none);
      const listed = await request(backend.server)
        .get('/api/deploy-gate/decisions')
        .set(none);
      expect([asked.status, listed.status]).toEqual([401, 401]);
    });

    it('answers 400 naming the field', async () => {
      const cases: Array<[object, RegExp]> = [
        [{ environment: 'production' }, /^entityRef: entityRef is required/],
        [
          { entityRef: 'component:', environment: 'production' },
          /^entityRef: /,
        ],
        [{ entityRef: CHECKOUT }, /^environment: environment is required/],
        [
          { entityRef: CHECKOUT, environment: 'production', kind: 'yolo' },
          /^kind: kind must be one of deploy, rollback, remediation, hotfix/,
        ],
        [
          { entityRef: CHECKOUT, environment: 'production', override: {} },
          /^override\.reason: override\.reason is required/,
        ],
        [
          {
            entityRef: CHECKOUT,
            environment: 'production',
            override: { reason: '  ' },
          },
          /^override\.reason: /,
        ],
        [
          { entityRef: CHECKOUT, environment: 'production', commitSha: 'main' },
          /^commitSha: commitSha must be a hex commit id/,
        ],
      ];
      for (const [body, message] of cases) {
        const response = await ask(body);
        expect([body, response.status]).toEqual([body, 400]);
        expect(response.body.error.message).toMatch(message);
      }
      const badLimit = await list('limit=0');
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.error.message).toMatch(/^limit: /);
    });

    it('answers 404 for an entity not in the catalog', async () => {
      const response = await ask({
        entityRef: 'component:default/nope',
        environment: 'production',
      });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/^entityRef: /);
    });

    it("denies a frozen component's production deploy, naming the objective", async () => {
      slo.state.authorizations.length = 0;
      const response = await ask({
        entityRef: 'Component:default/Checkout',
        environment: 'production',
        version: '1.4.2',
        commitSha: 'abc1234',
        requestedBy: 'ci-bot',
      });
      expect(response.status).toBe(200);
      const body: DecisionResponse = response.body;
      expect(body.decision).toBe('deny');
      expect(body.reasons).toEqual([
        {
          code: 'frozen',
          message: `error budget of checkout-availability (${CHECKOUT}) exhausted since ${SINCE}: ordinary deploys to production are frozen`,
          objectiveId: 'checkout-availability',
          link: 'http://portal.test/catalog/default/component/checkout/slos',
        },
      ]);
      expect(body.policy).toEqual({
        frozen: true,
        since: SINCE,
        budgetRemaining: 0,
        asOf: expect.any(String),
      });
      expect(body.decisionId).toMatch(/^[0-9a-f-]{36}$/);
      // The owning team is told, once, with the burn-down as the drill-down.
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: ['group:default/team-a'] },
          payload: {
            title: 'Deploy denied: deploy of checkout 1.4.2 to production',
            description: `Asked by user:default/mock. error budget of checkout-availability (${CHECKOUT}) exhausted since ${SINCE}: ordinary deploys to production are frozen`,
            severity: 'high',
            link: 'http://portal.test/catalog/default/component/checkout/slos',
            topic: 'deploy-gate-denied',
            scope: `deploy-gate:decision:${body.decisionId}#1`,
            metadata: {
              entityRef: CHECKOUT,
              episodeKey: `deploy-gate:decision:${body.decisionId}`,
            },
          },
        },
      ]);
      // Plugin-to-plugin: the gate's own service token, on both SLO routes.
      expect(slo.state.authorizations).toHaveLength(2);
      expect(slo.state.authorizations[0]).toMatch(/^Bearer /);
    });

    it('lets a rollback and a non-production deploy of a frozen component pass', async () => {
      notifications.sent.length = 0;
      const rollback = await ask({
        entityRef: CHECKOUT,
        environment: 'production',
        kind: 'rollback',
      });
      expect(rollback.body.decision).toBe('allow');
      expect(rollback.body.reasons[0].code).toBe('rollback');
      const staging = await ask({
        entityRef: CHECKOUT,
        environment: 'staging',
      });
      expect(staging.body.decision).toBe('allow');
      expect(staging.body.reasons[0].code).toBe('not-production');
      // Allowed deploys tell nobody.
      expect(notifications.sent).toEqual([]);
    });

    it('lets a remediation pass a freeze only while its incident is open', async () => {
      delivery.state.requests.length = 0;
      const remediation = (remediates: string) =>
        ask({
          entityRef: CHECKOUT,
          environment: 'production',
          kind: 'remediation',
          remediates,
        });
      const open = await remediation('INC-OPEN');
      expect([open.body.decision, open.body.reasons]).toEqual([
        'allow',
        [
          {
            code: 'remediation',
            message:
              'remediates incident INC-OPEN, open since 2026-01-06T08:00:00.000Z: remediations of an open incident pass a freeze',
          },
        ],
      ]);
      // the gate's own service token, asking in the component's scope
      expect(delivery.state.requests[0]).toEqual({
        entityRef: CHECKOUT,
        id: 'INC-OPEN',
        auth: expect.stringMatching(/^Bearer /),
      });
      const codes = (response: request.Response) =>
        response.body.reasons.map((r: { code: string }) => r.code);
      const resolved = await remediation('INC-DONE');
      expect([resolved.body.decision, codes(resolved)]).toEqual([
        'deny',
        ['remediates-closed', 'frozen'],
      ]);
      const unknown = await remediation('INC-NOPE');
      expect([unknown.body.decision, codes(unknown)]).toEqual([
        'deny',
        ['remediates-unknown', 'frozen'],
      ]);
      // stored as decided, with the claim
      const stored = await list(`entityRef=${CHECKOUT}&limit=1`);
      expect(stored.body.items[0]).toMatchObject({
        decision: 'deny',
        kind: 'remediation',
        request: { remediates: 'INC-NOPE' },
        reasons: [{ code: 'remediates-unknown' }, { code: 'frozen' }],
      });
    });

    it('trusts a remediation with a warning while the delivery backend is down or slow', async () => {
      for (const mode of ['error', 'hang'] as const) {
        delivery.state.mode = mode;
        const response = await ask({
          entityRef: CHECKOUT,
          environment: 'production',
          remediates: 'INC-DONE',
        });
        expect([mode, response.status, response.body.decision]).toEqual([
          mode,
          200,
          'warn',
        ]);
        expect(
          response.body.reasons.map((r: { code: string }) => r.code),
        ).toEqual(['remediates-unverified']);
      }
      // not asked at all outside production
      delivery.state.requests.length = 0;
      const staging = await ask({
        entityRef: CHECKOUT,
        environment: 'staging',
        remediates: 'INC-DONE',
      });
      expect(staging.body.reasons[0].code).toBe('not-production');
      expect(delivery.state.requests).toEqual([]);
    });

    it('answers 403 to an override without deploy-gate.override, and audits the attempt', async () => {
      auditEvent.fail.mockClear();
      const response = await ask({
        entityRef: CHECKOUT,
        environment: 'production',
        override: { reason: 'I really want to' },
      });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/deploy-gate\.override/);
      expect(auditEvent.fail).toHaveBeenCalledTimes(1);
    });

    it('allows a permitted override with a reason, stores and audits who and why', async () => {
      auditor.createEvent.mockClear();
      notifications.sent.length = 0;
      const response = await ask(
        {
          entityRef: CHECKOUT,
          environment: 'production',
          version: '1.4.3',
          override: { reason: 'security fix CVE-2026-1' },
        },
        lead,
      );
      expect(response.status).toBe(200);
      expect(response.body.decision).toBe('allow');
      expect(
        response.body.reasons.map((r: { code: string }) => r.code),
      ).toEqual(['overridden', 'frozen']);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'deploy-override',
          severityLevel: 'high',
          meta: expect.objectContaining({
            decisionId: response.body.decisionId,
            overriddenBy: LEAD,
            reason: 'security fix CVE-2026-1',
          }),
        }),
      );
      const stored = await list(`entityRef=${CHECKOUT}&limit=1`);
      const [latest]: StoredDecision[] = stored.body.items;
      expect(latest).toMatchObject({
        decisionId: response.body.decisionId,
        decision: 'allow',
        principal: LEAD,
        override: { by: LEAD, reason: 'security fix CVE-2026-1' },
        request: { version: '1.4.3' },
        policy: { frozen: true },
      });
      expect(notifications.sent.map(n => n.payload)).toEqual([
        expect.objectContaining({
          title:
            'Deploy gate overridden: deploy of checkout 1.4.3 to production',
          description: `${LEAD} deployed despite the error budget policy: security fix CVE-2026-1`,
          severity: 'high',
          topic: 'deploy-gate-overridden',
          scope: `deploy-gate:decision:${response.body.decisionId}#1`,
        }),
      ]);
    });

    it('answers from the last good policy, marked stale, when the SLO backend is down or slow', async () => {
      for (const mode of ['error', 'hang'] as const) {
        slo.state.mode = mode;
        const response = await ask({
          entityRef: CHECKOUT,
          environment: 'production',
        });
        expect([mode, response.status, response.body.decision]).toEqual([
          mode,
          200,
          'deny',
        ]);
        expect(response.body.policy).toMatchObject({
          frozen: true,
          since: SINCE,
          stale: true,
        });
        expect(
          response.body.reasons.map((r: { code: string }) => r.code),
        ).toEqual(['frozen', 'stale-figures']);
      }
    });

    it('answers deployGate.noFigures (warn) with no figures at all', async () => {
      slo.state.mode = 'error';
      const never = await ask({
        entityRef: 'component:default/legacy',
        environment: 'production',
      });
      expect([never.status, never.body.decision]).toEqual([200, 'warn']);
      expect(never.body.reasons[0].code).toBe('no-figures');
      slo.state.mode = 'up';
      const noObjectives = await ask({
        entityRef: 'component:default/search',
        environment: 'production',
      });
      expect(noObjectives.body.decision).toBe('warn');
      expect(noObjectives.body.reasons[0].code).toBe('no-objectives');
    });

    it('lists decisions newest first, with who asked and the policy snapshot', async () => {
      const made: string[] = [];
      for (const environment of ['dev', 'staging', 'production']) {
        const response = await ask({ entityRef: CHECKOUT, environment });
        made.push(response.body.decisionId);
      }
      const response = await list(`entityRef=${CHECKOUT}&limit=3`);
      expect(response.status).toBe(200);
      const items: StoredDecision[] = response.body.items;
      expect(items.map(i => i.decisionId)).toEqual([...made].reverse());
      expect(items.map(i => i.environment)).toEqual([
        'production',
        'staging',
        'dev',
      ]);
      expect(items[0]).toMatchObject({
        entityRef: CHECKOUT,
        kind: 'deploy',
        decision: 'deny',
        principal: 'user:default/mock',
        reasons: [{ code: 'frozen', objectiveId: 'checkout-availability' }],
        policy: { frozen: true, since: SINCE, budgetRemaining: 0 },
      });
      const times = items.map(i => Date.parse(i.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const others = await list('entityRef=component:default/cart');
      expect(others.body.items).toEqual([]);
    });

    it('counts decisions per component in one request, for batch readers', async () => {
      const counts = (body: object) =>
        request(backend.server)
          .post('/api/deploy-gate/decision-counts')
          .set(dev)
          .send(body);
      const refs = ['component:default/cart', 'component:default/search'];
      const before = await counts({ entityRefs: refs });
      expect(before.status).toBe(200);
      // two more decisions for cart, none for search
      await ask({ entityRef: 'component:default/cart', environment: 'dev' });
      await ask({ entityRef: 'component:default/cart', environment: 'dev' });
      const after = await counts({ entityRefs: refs });
      expect(after.body.items).toEqual({
        'component:default/cart':
          before.body.items['component:default/cart'] + 2,
        'component:default/search':
          before.body.items['component:default/search'],
      });
      // nothing decided after a future instant
      const future = await counts({
        entityRefs: refs,
        since: '2999-01-01T00:00:00Z',
      });
      expect(future.body).toEqual({
        since: '2999-01-01T00:00:00.000Z',
        items: { 'component:default/cart': 0, 'component:default/search': 0 },
      });
      const bad = await counts({ entityRefs: refs, since: 'yesterday' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^since: /);
      const missing = await counts({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^entityRefs: /);
    });

    it('offers a dry run as the deploy-gate:would-allow action, not stored', async () => {
      const before = (await list(`entityRef=${CHECKOUT}&limit=500`)).body.items
        .length;
      const { output } = await actions.invoke({
        id: 'test:would-allow',
        input: { entityRef: CHECKOUT, environment: 'production' },
        credentials: mockCredentials.user(),
      });
      expect(output).toMatchObject({
        decision: 'deny',
        policy: { frozen: true },
      });
      expect(output).not.toHaveProperty('decisionId');
      const after = (await list(`entityRef=${CHECKOUT}&limit=500`)).body.items
        .length;
      expect(after).toBe(before);
    });

    it("lists a team's frozen components as the deploy-gate:frozen-components action", async () => {
      const { output } = await actions.invoke({
        id: 'test:frozen-components',
        input: { owner: 'team-a' },
        credentials: mockCredentials.user(),
      });
      expect(output).toMatchObject({
        owner: 'group:default/team-a',
        frozen: [CHECKOUT],
        components: [
          { entityRef: CHECKOUT, policy: { frozen: true }, hasFigures: true },
          {
            entityRef: 'component:default/cart',
            policy: { frozen: false, budgetRemaining: 0.4 },
            hasFigures: true,
          },
        ],
      });
    });
  },
);
