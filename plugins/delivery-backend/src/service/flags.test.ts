/*
 * Flag events end to end (real router, store, migrations) on SQLite and PostgreSQL:
 * POST /events with kind 'flag', GET /flags, the timeline's flags, and DORA with
 * delivery.dora.countFlagReleasesAsDeployments off (the default) and on. Expected
 * figures are worked out by hand in the comments.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group, shopSystem } from '../__testUtils__/entities';
import {
  checkoutDeployment as deployment,
  componentIncident,
} from '../__testUtils__/events';

const entities: Entity[] = [
  group('team-a', ['team-b']),
  group('team-b'),
  group('team-c'),
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
  component('search', 'team-c'),
];

/** A flag change of a component as Unleash reports it; `extra` overrides any field. */
const flag = (
  id: string,
  entity: string,
  at: string,
  action: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: `component:default/${entity}`,
  flagKey: 'new-cart',
  environment: 'production',
  action,
  at,
  ...extra,
});

/*
 * Window 2026-01-05T00:00Z .. 2026-01-12T00:00Z (7 days).
 * checkout:
 *   d1 finished 01-05 10:00, commit 2 h before; d2 finished 01-07 10:00, commit 6 h
 *   before; incident i1 names d2, opened 01-07 11:00, resolved 13:00.
 *   c0 search on 01-04 09:00 (a release before the window, never turned off)
 *   c1 new-cart on 01-05 10:00 (+01:00 sent: 09:00Z): a release
 *   c2 new-cart rollout 50 01-06 09:00: a ramp step, not a release
 *   c3 new-cart targeting 01-06 09:00 in staging: staging, same instant as c2
 *   c4 new-cart off 01-07 12:00: ends c1 while i1 (opened 11:00, after c1) is open
 * cart (team-b, child of team-a; system shop): k1 cart-badge on 01-08 00:00.
 * search (team-c): s1 ranker on 01-09 00:00.
 */
const windowEvents = [
  deployment({
    id: 'd1',
    startedAt: '2026-01-05T09:50:00Z',
    finishedAt: '2026-01-05T10:00:00Z',
    commits: [{ sha: 'a', committedAt: '2026-01-05T08:00:00Z' }],
  }),
  deployment({
    id: 'd2',
    startedAt: '2026-01-07T09:50:00Z',
    finishedAt: '2026-01-07T10:00:00Z',
    commits: [{ sha: 'b', committedAt: '2026-01-07T04:00:00Z' }],
  }),
  componentIncident('i1', 'checkout', 'Cart errors', '2026-01-07T11:00:00Z', {
    resolvedAt: '2026-01-07T13:00:00Z',
    deploymentId: 'd2',
  }),
  flag('c0', 'checkout', '2026-01-04T09:00:00Z', 'on', { flagKey: 'search' }),
  flag('c1', 'checkout', '2026-01-05T10:00:00+01:00', 'on', {
    author: 'alice@example.com',
    url: 'https://unleash.example.com/projects/default/features/new-cart',
  }),
  flag('c2', 'checkout', '2026-01-06T09:00:00Z', 'rollout', { percentage: 50 }),
  flag('c3', 'checkout', '2026-01-06T09:00:00Z', 'targeting', {
    environment: 'staging',
  }),
  flag('c4', 'checkout', '2026-01-07T12:00:00Z', 'off'),
  flag('k1', 'cart', '2026-01-08T00:00:00Z', 'on', { flagKey: 'cart-badge' }),
  flag('s1', 'search', '2026-01-09T00:00:00Z', 'on', { flagKey: 'ranker' }),
];

const WINDOW = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';

const ids = (body: { items: { id: string }[] }) => body.items.map(i => i.id);

describe.each(databases.eachSupportedId())('flag events on %p', databaseId => {
  const { get, post } = startDeliveryApi(databaseId, { entities });

  // Ingestion checks use payments, a component the catalog does not know (sources may
  // report before it does), so the lists below hold the window's events only.
  it('stores flag changes once per (source, id), updating on redelivery', async () => {
    const events = [
      flag('f1', 'payments', '2026-01-05T10:00:00Z', 'on'),
      flag('f2', 'payments', '2026-01-05T11:00:00Z', 'rollout', {
        percentage: 25,
      }),
    ];
    expect((await post('events', { events })).body).toEqual({
      accepted: 2,
      updated: 0,
      rejected: [],
    });
    expect(
      (
        await post('events', {
          events: [{ ...events[1], percentage: 50 }, events[0]],
        })
      ).body,
    ).toEqual({ accepted: 0, updated: 2, rejected: [] });
  });

  it('rejects a bad flag change naming the field, storing the rest of the batch', async () => {
    const response = await post('events', {
      events: [
        flag('no-pct', 'payments', '2026-01-05T10:00:00Z', 'rollout'),
        flag('bad-action', 'payments', '2026-01-05T10:00:00Z', 'toggle'),
        flag('bad-pct', 'payments', '2026-01-05T10:00:00Z', 'rollout', {
          percentage: 101,
        }),
        flag('no-offset', 'payments', '2026-01-05T10:00:00', 'on'),
        flag('long-key', 'payments', '2026-01-05T10:00:00Z', 'on', {
          flagKey: 'k'.repeat(201),
        }),
        flag('blank-key', 'payments', '2026-01-05T10:00:00Z', 'on', {
          flagKey: '  ',
        }),
        flag('no-env', 'payments', '2026-01-05T10:00:00Z', 'on', {
          environment: '',
        }),
        flag('bad-url', 'payments', '2026-01-05T10:00:00Z', 'on', {
          url: 'ftp://flags.example.com',
        }),
        flag('bad-ref', 'payments', '2026-01-05T10:00:00Z', 'on', {
          entityRef: 'payments',
        }),
        flag('nul', 'payments', '2026-01-05T10:00:00Z', 'on', {
          author: 'a\u0000b',
        }),
        flag('fine', 'payments', '2026-01-05T10:00:00Z', 'targeting'),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(
      response.body.rejected.map((r: { index: number; error: string }) => [
        r.index,
        r.error.split(':')[0],
      ]),
    ).toEqual([
      [0, 'percentage'],
      [1, 'action'],
      [2, 'percentage'],
      [3, 'at'],
      [4, 'flagKey'],
      [5, 'flagKey'],
      [6, 'environment'],
      [7, 'url'],
      [8, 'entityRef'],
      [9, 'author'],
    ]);
  });

  it('lists flag changes newest first, filtered and paged, in UTC', async () => {
    expect(
      (await post('events', { events: windowEvents })).body.rejected,
    ).toEqual([]);
    const checkout = 'entityRef=component:default/checkout';
    const all = await get(`flags?${checkout}`);
    expect(all.status).toBe(200);
    // c2 and c3 share an instant: the later stored (c3) first.
    expect(ids(all.body)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
    expect(all.body.nextCursor).toBeUndefined();
    expect(all.body.items[3]).toEqual({
      kind: 'flag',
      source: 'unleash',
      id: 'c1',
      entityRef: 'component:default/checkout',
      flagKey: 'new-cart',
      environment: 'production',
      action: 'on',
      at: '2026-01-05T09:00:00.000Z',
      author: 'alice@example.com',
      url: 'https://unleash.example.com/projects/default/features/new-cart',
    });
    expect(ids((await get(`flags?${checkout}&${WINDOW}`)).body)).toEqual([
      'c4',
      'c3',
      'c2',
      'c1',
    ]);
    expect(
      ids((await get(`flags?${checkout}&environment=production`)).body),
    ).toEqual(['c4', 'c2', 'c1', 'c0']);
    expect(ids((await get(`flags?${checkout}&flagKey=search`)).body)).toEqual([
      'c0',
    ]);

    // Pages of two, each cursor continuing where the last page ended.
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        `flags?${checkout}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      pages.push(ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['c4', 'c3'], ['c2', 'c1'], ['c0']]);
  });

  it('pools a group over its child teams and a system over its components', async () => {
    const list = async (entityRef: string) =>
      ids((await get(`flags?entityRef=${entityRef}&${WINDOW}`)).body);
    expect(await list('group:default/team-a')).toEqual([
      'k1',
      'c4',
      'c3',
      'c2',
      'c1',
    ]);
    expect(await list('system:default/shop')).toEqual([
      'k1',
      'c4',
      'c3',
      'c2',
      'c1',
    ]);
    expect(await list('group:default/team-c')).toEqual(['s1']);
  });

  it("draws the window's flag changes on the timeline, oldest first", async () => {
    const timeline = async (entityRef: string) =>
      (await get(`timeline?entityRef=${entityRef}&${WINDOW}`)).body;
    const checkout = await timeline('component:default/checkout');
    expect(checkout.flagsTruncated).toBe(false);
    expect(checkout.flags.map((f: { id: string }) => f.id)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
    ]);
    expect(checkout.flags[0].at).toBe('2026-01-05T09:00:00.000Z');
    const shop = await timeline('system:default/shop');
    expect(shop.flags.map((f: { id: string }) => f.id)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'k1',
    ]);
  });

  it('leaves DORA figures to deployments by default', async () => {
    // d1 and d2: 2 deployments in 7 days; d2 failed (i1), recovered at i1's
    // resolution 13:00, 3 h after it finished. No flag field appears.
    const response = await get(
      `dora?entityRef=component:default/checkout&${WINDOW}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.deploymentFrequency).toEqual({
      deployments: 2,
      perDay: 2 / 7,
      band: 'high',
    });
    expect(response.body.changeFailureRate).toEqual({
      deployments: 2,
      failed: 1,
      ratio: 0.5,
      band: 'low',
    });
    expect(response.body.failedDeploymentRecoveryTime.medianHours).toBe(3);
  });

  it('answers 400 naming the field for bad queries, and 404 for an unknown entity', async () => {
    const cases: Array<[string, RegExp]> = [
      ['flags', /^entityRef: /],
      ['flags?entityRef=component:default/checkout&from=yesterday', /^from: /],
      ['flags?entityRef=component:default/checkout&limit=0', /^limit: /],
      ['flags?entityRef=component:default/checkout&limit=many', /^limit: /],
      ['flags?entityRef=component:default/checkout&cursor=nope', /^cursor: /],
      [
        `flags?entityRef=component:default/checkout&flagKey=${'k'.repeat(201)}`,
        /^flagKey: /,
      ],
      [
        'flags?entityRef=component:default/checkout&environment=',
        /^environment: /,
      ],
    ];
    for (const [path, message] of cases) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.body.error.message).toMatch(message);
    }
    const unknown = await get('flags?entityRef=component:default/nope');
    expect(unknown.status).toBe(404);
  });
});

describe.each(databases.eachSupportedId())(
  'DORA with countFlagReleasesAsDeployments on %p',
  databaseId => {
    const { get } = startDeliveryApi(databaseId, {
      entities,
      events: windowEvents,
      features: [
        mockServices.rootConfig.factory({
          data: {
            delivery: { dora: { countFlagReleasesAsDeployments: true } },
          },
        }),
      ],
    });
    const dora = (entityRef: string, extra = '') =>
      get(`dora?entityRef=${entityRef}&${WINDOW}${extra}`);

    it('counts the flag releases of a component as deployments', async () => {
      /*
       * Releases in the window: c1 only (c0 is before it, c2 a ramp step, c3 in
       * staging). Deployments 2 + 1 = 3: 3/7 a day (high).
       * Failed: d2 (3 h) and c1, turned off at 01-07 12:00 while i1 (opened 01-07
       * 11:00, after c1) was open: 2 of 3 (low). c1's recovery: 01-07 12:00 - 01-05
       * 09:00 = 51 h. Recovery [3, 51]: median 27 h (medium, under 168).
       * Rework 0 of 3. Lead time unchanged: 2 and 6 h, median 4, p90 2 + 0.9 * 4 =
       * 5.6. Time to restore unchanged: i1, 2 h.
       */
      const response = await dora('component:default/checkout');
      expect(response.status).toBe(200);
      const { entityRef, from, to, components, ...figures } = response.body;
      expect(figures).toEqual({
        deploymentFrequency: {
          deployments: 3,
          perDay: 3 / 7,
          band: 'high',
          flagReleases: 1,
        },
        leadTimeForChanges: {
          changes: 2,
          medianHours: 4,
          p90Hours: expect.closeTo(5.6, 9),
          band: 'elite',
        },
        changeFailureRate: {
          deployments: 3,
          failed: 2,
          ratio: 2 / 3,
          band: 'low',
          failedFlagReleases: 1,
        },
        failedDeploymentRecoveryTime: {
          failures: 2,
          unrecovered: 0,
          medianHours: 27,
          band: 'medium',
        },
        timeToRestoreService: { incidents: 1, medianHours: 2 },
        deploymentReworkRate: { deployments: 3, rework: 0, ratio: 0 },
      });
    });

    it("pools a group's components, and splits releases by week", async () => {
      // team-a: checkout (d1, d2, c1) and cart (k1): 4 deployments, 2 flag releases,
      // failed d2 and c1: 2 of 4.
      const team = await dora('group:default/team-a', '&interval=week');
      expect(team.status).toBe(200);
      expect(team.body.deploymentFrequency).toEqual({
        deployments: 4,
        perDay: 4 / 7,
        band: 'high',
        flagReleases: 2,
      });
      expect(team.body.changeFailureRate).toMatchObject({
        deployments: 4,
        failed: 2,
        ratio: 0.5,
        failedFlagReleases: 1,
      });
      // The window is the ISO week of Monday 01-05: one point, the same figures.
      expect(team.body.series).toHaveLength(1);
      expect(team.body.series[0].deploymentFrequency).toEqual(
        team.body.deploymentFrequency,
      );
      // Over 01-05 .. 01-19, the second week has no release: flagReleases 0.
      const twoWeeks = await get(
        'dora?entityRef=group:default/team-a&from=2026-01-05T00:00:00Z&to=2026-01-19T00:00:00Z&interval=week',
      );
      expect(
        twoWeeks.body.series.map(
          (p: { deploymentFrequency: { flagReleases: number } }) =>
            p.deploymentFrequency.flagReleases,
        ),
      ).toEqual([2, 0]);
    });

    it('counts them on the scorecards page too, per team', async () => {
      const response = await get(`scorecards?${WINDOW}`);
      expect(response.status).toBe(200);
      const frequency = Object.fromEntries(
        response.body.teams.map(
          (t: {
            entityRef: string;
            figures: { deploymentFrequency: unknown };
          }) => [t.entityRef, t.figures.deploymentFrequency],
        ),
      );
      // team-a as above; team-b: cart's k1 alone; team-c: search's s1 alone.
      expect(frequency).toEqual({
        'group:default/team-a': {
          deployments: 4,
          perDay: 4 / 7,
          band: 'high',
          flagReleases: 2,
        },
        'group:default/team-b': {
          deployments: 1,
          perDay: 1 / 7,
          band: 'high',
          flagReleases: 1,
        },
        'group:default/team-c': {
          deployments: 1,
          perDay: 1 / 7,
          band: 'high',
          flagReleases: 1,
        },
      });
    });
  },
);
