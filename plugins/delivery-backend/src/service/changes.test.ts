/*
 * Changes end to end (real router, store and migrations) on SQLite and PostgreSQL:
 * POST /events with kind 'change', GET /lead-time-breakdown, /change-flow and
 * /changes. Expected figures are worked out by hand in the comments.
 */
import { Entity } from '@backstage/catalog-model';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group, shopSystem } from '../__testUtils__/entities';
import { productionDeployment } from '../__testUtils__/events';

const entities: Entity[] = [
  group('team-a', ['team-b']),
  group('team-b'),
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
];

/** A pull request of a component; `extra` adds or overrides fields. */
const change = (
  id: string,
  entity: string,
  extra: Record<string, unknown>,
) => ({
  kind: 'change',
  source: 'github',
  id,
  entityRef: `component:default/${entity}`,
  url: `https://github.com/acme/shop/pull/${id}`,
  commits: [],
  ...extra,
});

/*
 * Window 2026-01-05T00:00Z .. 2026-01-12T00:00Z.
 * checkout:
 *   pr1 opened 10:00+02:00 (08:00Z) on 01-05, commit a1 at 02:00Z, reviewed 09:00Z,
 *       merged 12:00Z (merge sha m1). staging-1 (01-06 00:00Z) ships m1 but is not
 *       production; d1 (01-06T12:00Z) ships it first; d2 (01-07T00:00Z) again.
 *       coding 8 - 2 = 6 h, pickup 1 h, review 3 h, deploy 24 h.
 *   pr2 opened 01-06T00:00Z, firstCommitAt 01-05T22:00Z (given), no review, merged
 *       01-06T18:00Z (m2); d2 ships m2: coding 2 h, deploy 6 h; unreviewed.
 *   pr3 commit p3 (01-06T19:00Z), opened 20:00Z, merged 01-07T06:00Z (m3), first
 *       review 01-07T08:00Z (after the merge: unreviewed). d2 (01-07T00:00Z) shipped
 *       p3 before the merge, so it is not pr3's deployment; d3 (01-08T06:00Z) ships
 *       m3: coding 1 h, deploy 24 h.
 *   pr4 merged 01-11T00:00Z, no deployment: awaiting deploy.
 *   pr5 open: not counted.
 *   pr6-checkout (one PR touching checkout and cart, sent once per component):
 *       merged 01-08T12:00Z (m6); checkout's d4 ships m6 after the window
 *       (01-13T00:00Z): awaiting deploy in the window.
 * cart:
 *   pr6-cart: commit p6 01-07T12:00Z, opened 01-08T00:00Z, reviewed 02:00Z, merged
 *       12:00Z (m6); cart's c1 (01-09T00:00Z) ships m6: coding 12 h, pickup 2 h,
 *       review 10 h, deploy 12 h.
 */
const WINDOW = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';

const changes = [
  change('pr1', 'checkout', {
    number: 1,
    title: 'Add cart badge',
    author: 'alice',
    openedAt: '2026-01-05T10:00:00+02:00',
    commits: [{ sha: 'a1', committedAt: '2026-01-05T02:00:00Z' }],
    firstReviewAt: '2026-01-05T09:00:00Z',
    mergedAt: '2026-01-05T12:00:00Z',
    mergeCommitSha: 'm1',
    additions: 5,
    deletions: 3,
  }),
  change('pr2', 'checkout', {
    openedAt: '2026-01-06T00:00:00Z',
    firstCommitAt: '2026-01-05T22:00:00Z',
    mergedAt: '2026-01-06T18:00:00Z',
    mergeCommitSha: 'm2',
    additions: 150,
  }),
  change('pr3', 'checkout', {
    openedAt: '2026-01-06T20:00:00Z',
    commits: [{ sha: 'p3', committedAt: '2026-01-06T19:00:00Z' }],
    firstReviewAt: '2026-01-07T08:00:00Z',
    mergedAt: '2026-01-07T06:00:00Z',
    mergeCommitSha: 'm3',
  }),
  change('pr4', 'checkout', {
    openedAt: '2026-01-10T00:00:00Z',
    mergedAt: '2026-01-11T00:00:00Z',
    mergeCommitSha: 'm4',
  }),
  change('pr5', 'checkout', { openedAt: '2026-01-09T00:00:00Z', draft: true }),
  change('pr6-checkout', 'checkout', {
    openedAt: '2026-01-08T00:00:00Z',
    commits: [{ sha: 'p6', committedAt: '2026-01-07T12:00:00Z' }],
    firstReviewAt: '2026-01-08T02:00:00Z',
    mergedAt: '2026-01-08T12:00:00Z',
    mergeCommitSha: 'm6',
  }),
  change('pr6-cart', 'cart', {
    openedAt: '2026-01-08T00:00:00Z',
    commits: [{ sha: 'p6', committedAt: '2026-01-07T12:00:00Z' }],
    firstReviewAt: '2026-01-08T02:00:00Z',
    mergedAt: '2026-01-08T12:00:00Z',
    mergeCommitSha: 'm6',
  }),
];

const sha = (s: string) => ({ sha: s, committedAt: '2026-01-01T00:00:00Z' });
const deployments = [
  productionDeployment('staging-1', 'checkout', '2026-01-06T00:00:00Z', {
    environment: 'staging',
    commits: [sha('m1')],
  }),
  productionDeployment('d1', 'checkout', '2026-01-06T12:00:00Z', {
    version: 'v1',
    url: 'https://ci.example.com/d1',
    commits: [sha('m1')],
  }),
  productionDeployment('d2', 'checkout', '2026-01-07T00:00:00Z', {
    commits: [sha('m1'), sha('m2'), sha('p3')],
  }),
  productionDeployment('d3', 'checkout', '2026-01-08T06:00:00Z', {
    commits: [sha('m3')],
  }),
  productionDeployment('d4', 'checkout', '2026-01-13T00:00:00Z', {
    commits: [sha('m6')],
  }),
  productionDeployment('c1', 'cart', '2026-01-09T00:00:00Z', {
    commits: [sha('m6')],
  }),
];

const noStage = { count: 0, medianHours: null, p90Hours: null };

/*
 * checkout: counted pr1, pr2, pr3 (3; reviewed pr1 only); awaiting pr4, pr6-checkout.
 *   coding 6, 2, 1 -> sorted 1, 2, 6: median 2; p90 at 0.9 * 2 = 1.8 -> 2 + 0.8 * 4 = 5.2
 *   pickup 1 and review 3 (pr1 alone); deploy 24, 6, 24 -> 6, 24, 24: median 24, p90 24.
 */
const checkoutBreakdown = {
  changes: 3,
  reviewed: 1,
  unreviewed: 2,
  awaitingDeploy: 2,
  stages: {
    coding: { count: 3, medianHours: 2, p90Hours: expect.closeTo(5.2, 9) },
    pickup: { count: 1, medianHours: 1, p90Hours: 1 },
    review: { count: 1, medianHours: 3, p90Hours: 3 },
    deploy: { count: 3, medianHours: 24, p90Hours: 24 },
  },
};

describe.each(databases.eachSupportedId())('changes API on %p', databaseId => {
  const api = startDeliveryApi(databaseId, { entities });
  const { get, post } = api;

  it('stores changes (once per (source, id)) and answers the breakdown of a component', async () => {
    // Changes first, deployments after: the deployments find the changes they ship.
    const stored = await post('events', { events: changes });
    expect(stored.body).toEqual({ accepted: 7, updated: 0, rejected: [] });
    expect(
      (await post('events', { events: deployments })).body.rejected,
    ).toEqual([]);
    const resent = await post('events', { events: changes.slice(0, 2) });
    expect(resent.body).toEqual({ accepted: 0, updated: 2, rejected: [] });

    const response = await get(
      `lead-time-breakdown?entityRef=component:default/checkout&${WINDOW}`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual(checkoutBreakdown);
  });

  it('pools a group over its child teams and a system over its components', async () => {
    /*
     * checkout's changes and pr6-cart: 4 counted (pr1 and pr6-cart reviewed).
     *   coding 1, 2, 6, 12: median (2 + 6) / 2 = 4; p90 at 2.7 -> 6 + 0.7 * 6 = 10.2
     *   pickup 1, 2: median 1.5; p90 at 0.9 -> 1 + 0.9 * 1 = 1.9
     *   review 3, 10: median 6.5; p90 3 + 0.9 * 7 = 9.3
     *   deploy 6, 12, 24, 24: median 18; p90 at 2.7 -> 24
     */
    const pooled = {
      changes: 4,
      reviewed: 2,
      unreviewed: 2,
      awaitingDeploy: 2,
      stages: {
        coding: { count: 4, medianHours: 4, p90Hours: expect.closeTo(10.2, 9) },
        pickup: {
          count: 2,
          medianHours: 1.5,
          p90Hours: expect.closeTo(1.9, 9),
        },
        review: {
          count: 2,
          medianHours: 6.5,
          p90Hours: expect.closeTo(9.3, 9),
        },
        deploy: { count: 4, medianHours: 18, p90Hours: 24 },
      },
    };
    for (const ref of ['group:default/team-a', 'system:default/shop']) {
      const response = await get(
        `lead-time-breakdown?entityRef=${ref}&${WINDOW}`,
      );
      expect(response.body).toEqual(pooled);
    }
    // team-b alone: cart's pr6-cart.
    const cart = await get(
      `lead-time-breakdown?entityRef=group:default/team-b&${WINDOW}`,
    );
    expect(cart.body).toEqual({
      changes: 1,
      reviewed: 1,
      unreviewed: 0,
      awaitingDeploy: 0,
      stages: {
        coding: { count: 1, medianHours: 12, p90Hours: 12 },
        pickup: { count: 1, medianHours: 2, p90Hours: 2 },
        review: { count: 1, medianHours: 10, p90Hours: 10 },
        deploy: { count: 1, medianHours: 12, p90Hours: 12 },
      },
    });
  });

  it('answers no data as counts of 0 and null quantiles, never 0 hours', async () => {
    const response = await get(
      'lead-time-breakdown?entityRef=component:default/checkout&from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z',
    );
    expect(response.body).toEqual({
      changes: 0,
      reviewed: 0,
      unreviewed: 0,
      awaitingDeploy: 0,
      stages: {
        coding: noStage,
        pickup: noStage,
        review: noStage,
        deploy: noStage,
      },
    });
  });

  it('answers the change flow by ISO week with the sizes of counted changes', async () => {
    // 2026-01-01 is a Thursday: weeks [01-01, 01-05) (clipped) and [01-05, 01-12).
    const response = await get(
      'change-flow?entityRef=component:default/checkout&from=2026-01-01T00:00:00Z&to=2026-01-12T00:00:00Z',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entityRef: 'component:default/checkout',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-12T00:00:00.000Z',
      components: ['component:default/checkout'],
      weeks: [
        {
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-05T00:00:00.000Z',
          breakdown: {
            changes: 0,
            reviewed: 0,
            unreviewed: 0,
            awaitingDeploy: 0,
            stages: {
              coding: noStage,
              pickup: noStage,
              review: noStage,
              deploy: noStage,
            },
          },
        },
        {
          from: '2026-01-05T00:00:00.000Z',
          to: '2026-01-12T00:00:00.000Z',
          breakdown: checkoutBreakdown,
        },
      ],
      // pr1 5 + 3 = 8 lines (XS), pr2 150 (M), pr3 without counts.
      sizes: { XS: 1, S: 0, M: 1, L: 0, XL: 0, unknown: 1 },
    });
  });

  it('weighs awaiting deploy per week: merged in the week, not deployed before its end', async () => {
    // Weeks of 2026-01-05 and 2026-01-12 (to 01-14): pr6-checkout merged 01-08 waits
    // past the first week's end (d4 01-13); pr4 merged 01-11 too (no deployment).
    // In the second week d4 is counted (deploy 01-13 - 01-08T12 = 108 h).
    const response = await get(
      'change-flow?entityRef=component:default/checkout&from=2026-01-05T00:00:00Z&to=2026-01-14T00:00:00Z',
    );
    const [first, second] = response.body.weeks;
    expect(first.breakdown.awaitingDeploy).toBe(2);
    expect(first.breakdown.changes).toBe(3);
    expect(second.breakdown.awaitingDeploy).toBe(0);
    expect(second.breakdown.changes).toBe(1);
    expect(second.breakdown.stages.deploy).toEqual({
      count: 1,
      medianHours: 108,
      p90Hours: 108,
    });
  });

  it('lists the changes behind a breakdown newest first, paged, with stages and deployment', async () => {
    const first = await get(
      `changes?entityRef=component:default/checkout&${WINDOW}&limit=2`,
    );
    expect(first.status).toBe(200);
    expect(
      first.body.items.map((c: { id: string; state: string }) => [
        c.id,
        c.state,
      ]),
    ).toEqual([
      ['pr4', 'awaiting-deploy'],
      ['pr6-checkout', 'awaiting-deploy'],
    ]);
    const second = await get(
      `changes?entityRef=component:default/checkout&${WINDOW}&limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await get(
      `changes?entityRef=component:default/checkout&${WINDOW}&limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(
      [...second.body.items, ...third.body.items].map(
        (c: { id: string; state: string }) => [c.id, c.state],
      ),
    ).toEqual([
      ['pr3', 'deployed'],
      ['pr2', 'deployed'],
      ['pr1', 'deployed'],
    ]);
    expect(third.body.nextCursor).toBeUndefined();
    expect(third.body.items[0]).toEqual({
      source: 'github',
      id: 'pr1',
      entityRef: 'component:default/checkout',
      number: 1,
      title: 'Add cart badge',
      author: 'alice',
      url: 'https://github.com/acme/shop/pull/pr1',
      openedAt: '2026-01-05T08:00:00.000Z',
      firstCommitAt: '2026-01-05T02:00:00.000Z',
      firstReviewAt: '2026-01-05T09:00:00.000Z',
      mergedAt: '2026-01-05T12:00:00.000Z',
      mergeCommitSha: 'm1',
      additions: 5,
      deletions: 3,
      state: 'deployed',
      reviewed: true,
      stages: { coding: 6, pickup: 1, review: 3, deploy: 24 },
      deployment: {
        source: 'github',
        id: 'd1',
        environment: 'production',
        finishedAt: '2026-01-06T12:00:00.000Z',
        version: 'v1',
        url: 'https://ci.example.com/d1',
      },
    });
    // Awaiting deploy in the window, shipped after it: the deployment is named.
    expect(first.body.items[1].deployment.id).toBe('d4');

    const awaiting = await get(
      `changes?entityRef=component:default/checkout&${WINDOW}&state=awaiting-deploy`,
    );
    expect(awaiting.body.items.map((c: { id: string }) => c.id)).toEqual([
      'pr4',
      'pr6-checkout',
    ]);
    const all = await get('changes?entityRef=component:default/checkout');
    expect(
      all.body.items.map((c: { id: string; state: string }) => [c.id, c.state]),
    ).toEqual([
      ['pr4', 'awaiting-deploy'],
      ['pr5', 'open'],
      ['pr6-checkout', 'deployed'],
      ['pr3', 'deployed'],
      ['pr2', 'deployed'],
      ['pr1', 'deployed'],
    ]);
  });

  it('lists the changes a deployment shipped first', async () => {
    const shipped = async (id: string) =>
      (
        await get(
          `changes?entityRef=component:default/checkout&deploymentSource=github&deploymentId=${id}`,
        )
      ).body.items.map((c: { id: string }) => c.id);
    // d2 re-ships m1 (pr1's is d1) and ships p3 before pr3 merged.
    expect(await shipped('d1')).toEqual(['pr1']);
    expect(await shipped('d2')).toEqual(['pr2']);
    expect(await shipped('d3')).toEqual(['pr3']);
    expect(await shipped('staging-1')).toEqual([]);
    expect(await shipped('unknown')).toEqual([]);
  });

  it('follows a re-sent deployment that no longer ships a change', async () => {
    // d3 re-sent without m3: pr3 (merged 01-07 in the window) now awaits deploy.
    const resent = await post('events', {
      events: [{ ...deployments[3], commits: [] }],
    });
    expect(resent.body).toEqual({ accepted: 0, updated: 1, rejected: [] });
    const response = await get(
      `lead-time-breakdown?entityRef=component:default/checkout&${WINDOW}`,
    );
    expect(response.body.changes).toBe(2);
    expect(response.body.awaitingDeploy).toBe(3);
    // Sent again as it was: back to the hand-worked figures.
    await post('events', { events: [deployments[3]] });
    expect(
      (
        await get(
          `lead-time-breakdown?entityRef=component:default/checkout&${WINDOW}`,
        )
      ).body,
    ).toEqual(checkoutBreakdown);
  });

  it('rejects a bad change naming the field, storing the rest of the batch', async () => {
    const response = await post('events', {
      events: [
        change('bad-merge', 'checkout', {
          openedAt: '2026-01-05T10:00:00Z',
          mergedAt: '2026-01-05T09:00:00Z',
        }),
        change('no-open', 'checkout', {}),
        change('bad-lines', 'checkout', {
          openedAt: '2026-01-05T10:00:00Z',
          additions: -1,
        }),
        change('fine', 'checkout', { openedAt: '2026-01-05T10:00:00Z' }),
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
      [0, 'mergedAt'],
      [1, 'openedAt'],
      [2, 'additions'],
    ]);
  });

  it('answers 400 naming the field for bad queries, and 404 for an unknown entity', async () => {
    const cases: Array<[string, RegExp]> = [
      ['lead-time-breakdown?entityRef=component:default/checkout', /^from: /],
      [
        'lead-time-breakdown?entityRef=component:default/checkout&from=2026-01-05T00:00:00Z&to=yesterday',
        /^to: /,
      ],
      [
        'change-flow?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z',
        /^entityRef: /,
      ],
      [
        'changes?entityRef=component:default/checkout&from=2026-01-05T00:00:00Z',
        /^to: /,
      ],
      [
        'changes?entityRef=component:default/checkout&deploymentId=d1',
        /^deploymentSource: /,
      ],
      ['changes?entityRef=component:default/checkout&state=merged', /^state: /],
      ['changes?entityRef=component:default/checkout&limit=0', /^limit: /],
      ['changes?entityRef=component:default/checkout&cursor=nope', /^cursor: /],
    ];
    for (const [path, message] of cases) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.body.error.message).toMatch(message);
    }
    const unknown = await get(
      `lead-time-breakdown?entityRef=component:default/nope&${WINDOW}`,
    );
    expect(unknown.status).toBe(404);
  });
});
