/*
 * The maturity API end to end on SQLite and PostgreSQL: the real plugin (router, store
 * and migrations, cache, collection run), a mock catalog, in-process fact providers,
 * and the collection task run by hand instead of by the scheduler. The organisation and
 * its hand-worked levels are described in __testUtils__/fixtures.ts.
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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { maturityFactProvidersExtensionPoint } from '@internal/backstage-plugin-maturity-node';
import { RecordingNotificationService } from '@internal/owner-notify';
import request from 'supertest';
import {
  ALPHA,
  BETA,
  DELTA,
  entities,
  fakeProviders,
  GAMMA,
  initiative,
} from '../__testUtils__/fixtures';
import { maturityPlugin } from '../plugin';
import { weekOf } from './weekly';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const user = { Authorization: mockCredentials.user.header() };

describe.each(databases.eachSupportedId())('maturity API on %p', databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const tasks = new Map<string, () => Promise<void>>();
  const fakes = fakeProviders();
  const actions = actionsRegistryServiceMock();
  const collect = () => tasks.get('maturity-collect')!();
  const get = (path: string) =>
    request(backend.server).get(`/api/maturity${path}`).set(user);

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    backend = await startTestBackend({
      features: [
        maturityPlugin,
        createBackendModule({
          pluginId: 'maturity',
          moduleId: 'test-providers',
          register(env) {
            env.registerInit({
              deps: { providers: maturityFactProvidersExtensionPoint },
              async init({ providers }) {
                fakes.providers.forEach(p => providers.addProvider(p));
              },
            });
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { maturity: { initiatives: [initiative] } },
        }),
        mockServices.scheduler.mock({
          scheduleTask: async task => {
            tasks.set(task.id, () =>
              Promise.resolve(task.fn(new AbortController().signal)),
            );
          },
        }).factory,
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actions,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => new RecordingNotificationService(),
        }),
      ],
    });
    await collect();
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it('collects each domain in batches, not one request per component', () => {
    // one batch of the 4 components per provider (default batch 100)
    expect(fakes.state.calls).toEqual(
      ['delivery', 'slo', 'goldenPath', 'deployGate'].map(domain => [
        domain,
        ALPHA,
        BETA,
        DELTA,
        GAMMA,
      ]),
    );
  });

  it("answers a component's level, every check with its evidence, and its next steps", async () => {
    const alpha = await get(`/entity?entityRef=${ALPHA}`);
    expect(alpha.status).toBe(200);
    expect(alpha.body).toMatchObject({
      kind: 'component',
      entityRef: ALPHA,
      levels: [
        { level: 1, name: 'Repeatable' },
        { level: 2, name: 'Measured' },
        { level: 3, name: 'Reliable' },
        { level: 4, name: 'Continuous' },
      ],
      maturity: { level: 4, levelName: 'Continuous', nextSteps: [] },
    });
    const checks = Object.fromEntries(
      alpha.body.maturity.checks.map((c: any) => [c.id, c]),
    );
    expect(checks['deploys-daily']).toMatchObject({
      status: 'pass',
      evidence: '1.2 deployments per day',
      figure: 1.2,
      threshold: 1,
    });
    // no failed deployments: recovery does not apply; no rollout source: neither
    expect(checks['recovery-time'].status).toBe('not-applicable');
    expect(checks['progressive-delivery'].status).toBe('not-applicable');
    expect(checks.owner).toMatchObject({
      status: 'pass',
      link: '/catalog/default/component/alpha',
    });
    expect(
      alpha.body.sources.map((s: any) => [s.domain, s.staleSince]),
    ).toEqual([
      ['delivery', undefined],
      ['deployGate', undefined],
      ['goldenPath', undefined],
      ['slo', undefined],
    ]);

    // beta: level 1; level 2's failing checks heaviest first (weights 3, 2, 2, 1; ties
    // by id), then the unknown one (no measured SLO to alert on)
    const beta = await get(`/entity?entityRef=${BETA}`);
    expect(beta.body.maturity.level).toBe(1);
    expect(
      beta.body.maturity.nextSteps.map((s: any) => [s.id, s.status]),
    ).toEqual([
      ['slo-source', 'fail'],
      ['delivery-history', 'fail'],
      ['tests-before-production', 'fail'],
      ['runbook', 'fail'],
      ['slo-alerts', 'unknown'],
    ]);

    // delta: the delivery provider had nothing for it: unknown, never a fail
    const delta = await get(`/entity?entityRef=${DELTA}`);
    const ci = delta.body.maturity.checks.find(
      (c: any) => c.id === 'ci-deployments',
    );
    expect(ci).toMatchObject({
      status: 'unknown',
      evidence: 'the delivery backend could not be asked',
    });
    expect(delta.body.maturity.level).toBe(0);
  });

  it('pools child teams that differ: a team stands where its least mature component stands', async () => {
    const teamA = await get('/entity?entityRef=group:default/team-a');
    expect(teamA.status).toBe(200);
    // delta 0, alpha 4, beta 1 -> level 0; distribution [1, 1, 0, 0, 1]
    expect(teamA.body).toMatchObject({
      kind: 'group',
      rollup: { components: 3, level: 0, distribution: [1, 1, 0, 0, 1] },
      components: [
        { entityRef: ALPHA, level: 4, levelName: 'Continuous' },
        { entityRef: BETA, level: 1, levelName: 'Repeatable' },
        { entityRef: DELTA, level: 0 },
      ],
      teams: [
        {
          entityRef: 'group:default/team-a1',
          level: 4,
          distribution: [0, 0, 0, 0, 1],
        },
        {
          entityRef: 'group:default/team-a2',
          level: 1,
          distribution: [0, 1, 0, 0, 0],
        },
      ],
    });
    // level 1 holds back delta (unknown CI deployments) only
    expect(teamA.body.rollup.nextSteps).toEqual([
      {
        id: 'ci-deployments',
        title: 'Deployments reported by CI',
        holdingBack: 1,
        remedy: expect.any(String),
      },
    ]);
    const shop = await get('/entity?entityRef=system:default/shop');
    expect(shop.body).toMatchObject({
      kind: 'system',
      rollup: { level: 4, components: 1 },
    });
  });

  it('answers the organisation: every team, the distribution, initiatives, pillars', async () => {
    const org = await get('/organisation');
    expect(org.status).toBe(200);
    // gamma 0, delta 0, beta 1, alpha 4
    expect(org.body.distribution).toEqual([2, 1, 0, 0, 1]);
    expect(
      org.body.teams.map((t: any) => [t.entityRef, t.level, t.components]),
    ).toEqual([
      ['group:default/team-a', 0, 3],
      ['group:default/team-a1', 4, 1],
      ['group:default/team-a2', 1, 1],
      ['group:default/team-b', 0, 1],
    ]);
    // team-a's alpha (4) and beta (1) reach level 1, delta (0) not: 2 of 3
    expect(org.body.initiatives).toEqual([
      expect.objectContaining({
        id: 'repeatable-a',
        progress: {
          components: 3,
          done: 2,
          ratio: 2 / 3,
          complete: false,
          remaining: [DELTA],
        },
        teams: [
          'group:default/team-a',
          'group:default/team-a1',
          'group:default/team-a2',
        ],
        history: [{ week: weekOf(new Date()), done: 2, components: 3 }],
      }),
    ]);
    const collaboration = org.body.pillars.find(
      (p: any) => p.pillar === 'collaboration',
    );
    // owner: 4 pass; on-call: 3 pass, gamma fails; runbook: alpha passes, 3 fail
    expect(collaboration).toEqual({
      pillar: 'collaboration',
      pass: 8,
      fail: 4,
      unknown: 0,
    });
    const initiatives = await get('/initiatives');
    expect(initiatives.body.items).toEqual(org.body.initiatives);
  });

  it('answers the catalog column in one batch, for visible components only', async () => {
    const response = await request(backend.server)
      .post('/api/maturity/levels')
      .set(user)
      .send({
        entityRefs: [
          ALPHA,
          'beta',
          'system:default/shop',
          'component:default/gone',
          // A library is not rated: no level, rather than level 0.
          'component:default/toolkit',
        ],
      });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: {
        [ALPHA]: { entityRef: ALPHA, level: 4, levelName: 'Continuous' },
        [BETA]: { entityRef: BETA, level: 1, levelName: 'Repeatable' },
      },
    });
  });

  it('keeps the last good facts of a source that is down, marked stale since the run', async () => {
    fakes.state.down.add('delivery');
    try {
      await collect();
    } finally {
      fakes.state.down.delete('delivery');
    }
    const alpha = await get(`/entity?entityRef=${ALPHA}`);
    // still level 4 on the last good delivery facts, which say since when they are stale
    expect(alpha.body.maturity.level).toBe(4);
    const delivery = alpha.body.sources.find(
      (s: any) => s.domain === 'delivery',
    );
    expect(delivery.staleSince).toEqual(expect.any(String));
    expect(Date.parse(delivery.staleSince)).toBeGreaterThanOrEqual(
      Date.parse(delivery.collectedAt),
    );
    // delta never had delivery facts: still unknown
    const delta = await get(`/entity?entityRef=${DELTA}`);
    expect(
      delta.body.maturity.checks.find((c: any) => c.id === 'ci-deployments')
        .status,
    ).toBe('unknown');
    // the next good run clears the mark
    await collect();
    const fresh = await get(`/entity?entityRef=${ALPHA}`);
    expect(
      fresh.body.sources.find((s: any) => s.domain === 'delivery').staleSince,
    ).toBeUndefined();
  });

  it('answers level history by week', async () => {
    const history = await get(
      '/history?entityRef=group:default/team-a&weeks=4',
    );
    expect(history.status).toBe(200);
    expect(history.body).toEqual({
      entityRef: 'group:default/team-a',
      points: [
        { week: weekOf(new Date()), level: 0, distribution: [1, 1, 0, 0, 1] },
      ],
    });
  });

  it('answers the actions: maturity of an entity, and what gets a team to the next level', async () => {
    const { output: entity } = await actions.invoke({
      id: 'test:entity',
      input: { entityRef: 'group:default/team-a2' },
      credentials: mockCredentials.user(),
    });
    expect(entity).toMatchObject({
      kind: 'group',
      level: 1,
      levelName: 'Repeatable',
      components: [{ entityRef: BETA, level: 1 }],
    });
    const { output: next } = await actions.invoke({
      id: 'test:next-steps',
      input: { entityRef: 'group:default/team-a2' },
      credentials: mockCredentials.user(),
    });
    // beta is held back from level 2 by five checks, each holding back 1 component;
    // ties by weight (3, 2, 2, 1, 1) then id
    expect(next).toMatchObject({
      level: 1,
      nextLevel: 2,
      steps: [
        { id: 'slo-source', holdingBack: 1 },
        { id: 'delivery-history', holdingBack: 1 },
        { id: 'tests-before-production', holdingBack: 1 },
        { id: 'runbook', holdingBack: 1 },
        { id: 'slo-alerts', holdingBack: 1 },
      ],
    });
  });

  it.each([
    ['/entity', /^entityRef: is required/],
    ['/entity?entityRef=component:', /^entityRef: must be an entity ref/],
    [`/history?entityRef=${ALPHA}&weeks=0`, /^weeks: must be at least 1/],
    [`/history?entityRef=${ALPHA}&weeks=many`, /^weeks: must be a number/],
  ])('answers 400 naming the field: %s', async (path, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers 400 for a bad batch, 404 for an unknown entity, 401 without credentials', async () => {
    const bad = await request(backend.server)
      .post('/api/maturity/levels')
      .set(user)
      .send({});
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^entityRefs: /);
    const unknown = await get('/entity?entityRef=component:default/gone');
    expect(unknown.status).toBe(404);
    const library = await get('/entity?entityRef=component:default/toolkit');
    expect(library.status).toBe(404);
    expect(library.body.error.message).toBe(
      'component:default/toolkit is a library: the maturity rubric rates service and website components',
    );
    const anonymous = await request(backend.server)
      .get('/api/maturity/organisation')
      .set({ Authorization: mockCredentials.none.header() });
    expect(anonymous.status).toBe(401);
  });
});
