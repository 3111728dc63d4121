/*
 * GET /api/delivery/scorecards and /scorecards/entity end to end (real router, store
 * and migrations) on SQLite and PostgreSQL. Expected figures are worked out by hand in
 * the comments.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  defaultBandPreset,
  DoraFigures,
} from '@internal/backstage-plugin-delivery-common';
import * as scenario from '@internal/backstage-plugin-delivery-common/testUtils';
import request from 'supertest';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import {
  productionDeployment as deployment,
  checkoutIncident,
  componentIncident,
} from '../__testUtils__/events';
import {
  figureChanges,
  metricChange,
  previousPeriod,
} from './scorecardFigures';

const component = (name: string, owner: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', title: `${name} service` },
  spec: { type: 'service', owner, ...(system ? { system } : {}) },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(system
      ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
      : []),
  ],
});

const group = (
  name: string,
  type: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: {
    type,
    children,
    profile: { displayName: name.toUpperCase() },
    ...(parent ? { parent } : {}),
  },
  relations: [
    ...children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
    ...(parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : []),
  ],
});

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'eng' },
});

/*
 * eng (department) > team-a > team-b; eng > team-c.
 * checkout (team-a, shop), cart (team-b, shop), search (team-c, finder), idle (team-c).
 */
const entities: Entity[] = [
  group('eng', 'department', undefined, ['team-a', 'team-c']),
  group('team-a', 'team', 'eng', ['team-b']),
  group('team-b', 'team', 'team-a'),
  group('team-c', 'team', 'eng'),
  system('shop'),
  system('finder'),
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
  component('search', 'team-c', 'finder'),
  component('idle', 'team-c'),
];

/*
 * Window 2026-01-05T00:00Z (a Monday) .. 2026-01-12T00:00Z, 7 days.
 * checkout: d1 01-05T10:00 (c1 committed 08:00, 2 h), d2 01-06T12:00 (c2, 6 h),
 *   d3 01-08T00:00 (c3, 4 h), incident i1 names d3 (opened 01:00, resolved 03:00),
 *   d4 01-08T02:00 rollbackOf d3.
 *   -> 4 deployments (4/7 per day, high); lead 2, 4, 6 h: median 4, p90 at 0.9*2 = 1.8
 *   -> 4 + 0.8*2 = 5.6; failed d3: 1/4 = 0.25 (low); recovery: rollback at 02:00, 2 h
 *   (high); time to restore i1: 2 h.
 * cart: cart-1 01-10T00:00 (k1 committed 01-09T00:00, 24 h); incident i2 names no
 *   deployment, opened 01-10T06:00, resolved 10:00 (4 h).
 *   -> 1 deployment: 1/7 per day, exactly the high threshold (high); lead 24 h (high,
 *   not < 24); 0 failed of 1 (elite); no failures: recovery null (unknown); restore 4 h.
 * search, idle: nothing.
 * Previous period 2025-12-29 .. 2026-01-05 for checkout: p1 2025-12-30T00:00 (commit
 *   12 h before), p2 2026-01-01T00:00 -> 2 deployments (2/7 per day), lead median 12 h,
 *   0 failed of 2.
 */
const events = [
  deployment('d1', 'checkout', '2026-01-05T10:00:00Z', {
    commits: [{ sha: 'c1', committedAt: '2026-01-05T08:00:00Z' }],
  }),
  deployment('d2', 'checkout', '2026-01-06T12:00:00Z', {
    commits: [{ sha: 'c2', committedAt: '2026-01-06T06:00:00Z' }],
  }),
  deployment('d3', 'checkout', '2026-01-08T00:00:00Z', {
    commits: [{ sha: 'c3', committedAt: '2026-01-07T20:00:00Z' }],
  }),
  checkoutIncident,
  deployment('d4', 'checkout', '2026-01-08T02:00:00Z', { rollbackOf: 'd3' }),
  deployment('cart-1', 'cart', '2026-01-10T00:00:00Z', {
    commits: [{ sha: 'k1', committedAt: '2026-01-09T00:00:00Z' }],
  }),
  componentIncident('i2', 'cart', 'Cart slow', '2026-01-10T06:00:00Z', {
    resolvedAt: '2026-01-10T10:00:00Z',
  }),
  deployment('p1', 'checkout', '2025-12-30T00:00:00Z', {
    commits: [{ sha: 'c0', committedAt: '2025-12-29T12:00:00Z' }],
  }),
  deployment('p2', 'checkout', '2026-01-01T00:00:00Z'),
];

const WINDOW = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';

/** The API interpolates p90 in floating point: compare it to 9 places. */
const closeP90 = (figures: DoraFigures) => {
  const p90 = figures.leadTimeForChanges.p90Hours;
  return p90 === null
    ? figures
    : {
        ...figures,
        leadTimeForChanges: {
          ...figures.leadTimeForChanges,
          p90Hours: expect.closeTo(p90, 9),
        },
      };
};
const { cartFigures, emptyFigures } = scenario;
const checkoutFigures = closeP90(scenario.checkoutFigures);
const teamAFigures = closeP90(scenario.teamAFigures);

describe('scorecard figures', () => {
  it('computes changes with the direction that counts as better per metric', () => {
    // Deploying more often is better; a lead time from 12 to 4 h is -2/3 and better.
    expect(metricChange('deploymentFrequency', 4 / 7, 2 / 7)).toEqual({
      current: 4 / 7,
      previous: 2 / 7,
      changeRatio: expect.closeTo(1, 9),
      trend: 'better',
    });
    expect(metricChange('leadTimeMedian', 4, 12)).toEqual({
      current: 4,
      previous: 12,
      changeRatio: expect.closeTo(-2 / 3, 9),
      trend: 'better',
    });
    // From 0 there is no ratio, but the direction is known.
    expect(metricChange('changeFailureRate', 0.25, 0)).toEqual({
      current: 0.25,
      previous: 0,
      changeRatio: null,
      trend: 'worse',
    });
    expect(metricChange('timeToRestoreService', 2, null).trend).toBe('unknown');
    expect(metricChange('deploymentReworkRate', 0, 0).trend).toBe('same');
    expect(previousPeriod({ from: 100, to: 150 })).toEqual({
      from: 50,
      to: 100,
    });
  });

  it('withholds changes whose previous period is not comparable', () => {
    const DAY = 86_400_000;
    // Previous period [0, 7 days). cartFigures (previous): 1 deployment, 1 change,
    // 2 incidents; emptyFigures has none.
    const period = { from: 0, to: 7 * DAY };
    // Data from day 5: 2 of 7 days covered, under half: every change withheld.
    const late = figureChanges(cartFigures as any, cartFigures as any, {
      ...period,
      dataFrom: 5 * DAY,
    });
    expect(late.deploymentFrequency).toEqual({
      current: 1 / 7,
      previous: 1 / 7,
      changeRatio: null,
      trend: 'unknown',
      withheld: 'data covers only 2 of the previous 7 days',
    });
    // Data from before the period: cart's 1 deployment is too few ...
    const fewer = figureChanges(teamAFigures as any, cartFigures as any, {
      ...period,
      dataFrom: -DAY,
    });
    expect(fewer.deploymentFrequency.withheld).toBe(
      'only 1 deployment in the previous 7 days',
    );
    expect(fewer.timeToRestoreService.withheld).toBe(
      'only 1 incident in the previous 7 days',
    );
    // ... team-a's 5 deployments and 2 incidents are enough: 1/7 against 5/7 per day
    // is (1 - 5) / 5 = -0.8, worse; restore 4 h against 3 h is +1/3, worse.
    const enough = figureChanges(cartFigures as any, teamAFigures as any, {
      ...period,
      dataFrom: -DAY,
    });
    expect(enough.deploymentFrequency).toEqual({
      current: 1 / 7,
      previous: 5 / 7,
      changeRatio: expect.closeTo(-0.8, 9),
      trend: 'worse',
    });
    expect(enough.timeToRestoreService).toEqual({
      current: 4,
      previous: 3,
      changeRatio: expect.closeTo(1 / 3, 9),
      trend: 'worse',
    });
    // A missing value stays "unknown" without a reason: there is nothing to withhold.
    expect(
      figureChanges(emptyFigures as any, cartFigures as any, {
        ...period,
        dataFrom: 5 * DAY,
      }).deploymentFrequency,
    ).toEqual({
      current: null,
      previous: 1 / 7,
      changeRatio: null,
      trend: 'unknown',
    });
  });

  it('shows no deployment frequency, not 0, when nothing was deployed', () => {
    const changes = figureChanges(emptyFigures as any, cartFigures as any);
    expect(changes.deploymentFrequency).toEqual({
      current: null,
      previous: 1 / 7,
      changeRatio: null,
      trend: 'unknown',
    });
  });
});

describe.each(databases.eachSupportedId())(
  'scorecards API on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, { entities, events });
    const { get } = api;

    it('answers every team with pooled figures, the band preset and the filter options', async () => {
      const response = await get(`scorecards?${WINDOW}`);
      expect(response.status).toBe(200);
      expect(response.body.from).toBe('2026-01-05T00:00:00.000Z');
      expect(response.body.to).toBe('2026-01-12T00:00:00.000Z');
      expect(response.body.bands).toEqual(
        JSON.parse(JSON.stringify(defaultBandPreset)),
      );
      expect(response.body.filters).toEqual(scenario.scorecardFilters);
      // eng is a department owning nothing itself: not a row.
      expect(response.body.teams).toEqual(
        scenario.scorecardTeams.map(team => ({
          ...team,
          figures: closeP90(team.figures),
        })),
      );
    });

    it('gives a team the same figures as /dora does for it', async () => {
      const [scorecards, dora] = await Promise.all([
        get(`scorecards?${WINDOW}`),
        get(`dora?entityRef=group:default/team-a&${WINDOW}`),
      ]);
      const { entityRef, from, to, components, ...figures } = dora.body;
      expect(components).toEqual(scorecards.body.teams[0].components);
      expect(scorecards.body.teams[0].figures).toEqual(figures);
    });

    it('filters by system and by parent group', async () => {
      // In shop: team-a (checkout, cart) and team-b (cart); team-c has nothing there.
      const shop = await get(`scorecards?${WINDOW}&system=system:default/shop`);
      expect(shop.status).toBe(200);
      expect(
        shop.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual(['group:default/team-a', 'group:default/team-b']);
      expect(shop.body.teams[0].figures.deploymentFrequency.deployments).toBe(
        5,
      );

      // In finder, team-c pools search only (idle is in no system).
      const finder = await get(
        `scorecards?${WINDOW}&system=system:default/finder`,
      );
      expect(finder.body.teams).toEqual([
        expect.objectContaining({
          entityRef: 'group:default/team-c',
          components: ['component:default/search'],
        }),
      ]);

      const belowA = await get(
        `scorecards?${WINDOW}&parent=group:default/team-a`,
      );
      expect(
        belowA.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual(['group:default/team-b']);
    });

    it("answers a team's services with each one's figures", async () => {
      const response = await get(
        `scorecards?${WINDOW}&team=group:default/team-a`,
      );
      expect(response.status).toBe(200);
      expect(
        response.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual(['group:default/team-a', 'group:default/team-b']);
      expect(response.body.services).toEqual(
        scenario.teamAServices.map(service => ({
          ...service,
          figures: closeP90(service.figures),
        })),
      );
    });

    it("answers an entity's figures, weekly series, previous period and changes", async () => {
      const response = await get(
        `scorecards/entity?entityRef=component:default/checkout&${WINDOW}`,
      );
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body).toMatchObject({
        entityRef: 'component:default/checkout',
        components: ['component:default/checkout'],
        ...checkoutFigures,
      });
      expect(body.bands.name).toBe('default');
      // 2026-01-05 is a Monday: the window is exactly one ISO week.
      expect(body.series).toHaveLength(1);
      expect(body.series[0].from).toBe('2026-01-05T00:00:00.000Z');
      expect(body.series[0].deploymentFrequency.deployments).toBe(4);
      expect(body.previous.from).toBe('2025-12-29T00:00:00.000Z');
      expect(body.previous.to).toBe('2026-01-05T00:00:00.000Z');
      expect(body.previous.deploymentFrequency).toEqual({
        deployments: 2,
        perDay: 2 / 7,
        band: 'high',
      });
      expect(body.previous.leadTimeForChanges.medianHours).toBe(12);
      expect(body.changes.deploymentFrequency).toEqual({
        current: 4 / 7,
        previous: 2 / 7,
        changeRatio: expect.closeTo(1, 9),
        trend: 'better',
      });
      // The previous week's data starts with p1 (2025-12-30T00:00): 6 of 7 days
      // covered. Its 2 deployments are compared; its lead time is the median of one
      // change (c0), too few events, so that change is withheld.
      expect(body.changes.leadTimeMedian).toEqual({
        current: 4,
        previous: 12,
        changeRatio: null,
        trend: 'unknown',
        withheld: 'only 1 change in the previous 7 days',
      });
      expect(body.changes.changeFailureRate).toEqual({
        current: 0.25,
        previous: 0,
        changeRatio: null,
        trend: 'worse',
      });
      expect(body.changes.timeToRestoreService.trend).toBe('unknown');

      // Over 2026-01-01 .. 01-12 (11 days) the previous period is 2025-12-21 ..
      // 2026-01-01; checkout's data starts with p1 on 12-30: 2 of its 11 days. Current
      // p2, d1..d4 = 5 deployments against p1 alone: withheld, not "+400%".
      const longer = await get(
        'scorecards/entity?entityRef=component:default/checkout&from=2026-01-01T00:00:00Z&to=2026-01-12T00:00:00Z',
      );
      expect(longer.status).toBe(200);
      expect(longer.body.changes.deploymentFrequency).toEqual({
        current: 5 / 11,
        previous: 1 / 11,
        changeRatio: null,
        trend: 'unknown',
        withheld: 'data covers only 2 of the previous 11 days',
      });
    });

    it('answers clear errors', async () => {
      const anonymous = await request(api.server)
        .get(`/api/delivery/scorecards?${WINDOW}`)
        .set({ Authorization: mockCredentials.none.header() });
      expect(anonymous.status).toBe(401);

      const noWindow = await get('scorecards');
      expect(noWindow.status).toBe(400);
      expect(noWindow.body.error.message).toMatch(/from/);

      const badParent = await get(`scorecards?${WINDOW}&parent=team-a`);
      expect(badParent.status).toBe(400);
      expect(badParent.body.error.message).toMatch(/parent must be a group/);

      const unknownTeam = await get(
        `scorecards?${WINDOW}&team=group:default/nope`,
      );
      expect(unknownTeam.status).toBe(404);

      const unknownEntity = await get(
        `scorecards/entity?entityRef=component:default/nope&${WINDOW}`,
      );
      expect(unknownEntity.status).toBe(404);
    });
  },
);
