/*
 * Progressive rollouts through the HTTP API (real router, store and migrations) on
 * SQLite and PostgreSQL: phases sent with POST /events come back on /deployments and
 * /timeline, and /dora counts an aborted canary as a failed production deployment
 * with its rollback. Figures worked out by hand in the comments.
 */
import { Entity } from '@backstage/catalog-model';
import {
  DeploymentEvent,
  deploymentEventSchema,
  settleRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { computeDora } from '@internal/backstage-plugin-delivery-common/testUtils';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group } from '../__testUtils__/entities';
import { checkoutDeployment } from '../__testUtils__/events';

const entities: Entity[] = [group('team-a'), component('checkout', 'team-a')];

/*
 * Window 2026-02-02T00:00Z .. 2026-02-09T00:00Z (7 days), checkout in production,
 * rollouts reported by Argo Rollouts while still running (status in_progress):
 *   r1 canary promoted: 10% 02-03 10:00, pause, 50% 10:30, promote 11:00-11:02.
 *      -> success finished 11:02; commit c1 (08:02) lead 3 h.
 *   r2 canary aborted after 25%: 25% 02-05 14:00, analysis fails 14:05-14:35, abort
 *      14:35:00-14:36:30. -> success finished 14:35 (found bad), with the derived
 *      rollback r2:abort finished 14:36:30; commit c2 (12:35) lead 2 h.
 *   r3 canary aborted at 0% (its analysis failed before any traffic) on 02-06:
 *      -> failure, never a production deployment, no rollback.
 * Deployments: r1, r2, r2:abort = 3 -> 3/7 per day (high: >= 1/7).
 * Change failure rate: r2 rolled back -> 1/3 (low: above 15%).
 * Recovery: r2 from 14:35:00 to its rollback's 14:36:30 = 1.5 min = 0.025 h (elite).
 * Lead time: 2 h and 3 h -> median 2.5 h; p90 at 0.9 * (2 - 1) = 0.9 -> 2.9 h (elite).
 * Rework 0/3; no incidents, so no time to restore.
 */
const WINDOW = 'from=2026-02-02T00:00:00Z&to=2026-02-09T00:00:00Z';

const rollout = (overrides: Record<string, unknown>) =>
  checkoutDeployment({
    source: 'argo-rollouts',
    status: 'in_progress',
    url: 'https://argo.example.com/applications/checkout',
    ...overrides,
  });

const promoted = rollout({
  id: 'checkout-7c9f/rev-4',
  startedAt: '2026-02-03T10:00:00Z',
  commits: [{ sha: 'c1', committedAt: '2026-02-03T08:02:00Z' }],
  phases: [
    {
      name: 'setWeight 10',
      kind: 'canary-step',
      weight: 10,
      startedAt: '2026-02-03T10:00:00Z',
      finishedAt: '2026-02-03T10:00:05Z',
      status: 'succeeded',
    },
    {
      name: 'pause 30m',
      kind: 'pause',
      startedAt: '2026-02-03T10:00:05Z',
      finishedAt: '2026-02-03T10:30:00Z',
      status: 'succeeded',
    },
    {
      name: 'setWeight 50',
      kind: 'canary-step',
      weight: 50,
      startedAt: '2026-02-03T10:30:00Z',
      finishedAt: '2026-02-03T10:30:05Z',
      status: 'succeeded',
    },
    {
      name: 'promote',
      kind: 'promote',
      weight: 100,
      startedAt: '2026-02-03T11:00:00Z',
      finishedAt: '2026-02-03T11:02:00Z',
      status: 'succeeded',
    },
  ],
});

const abortedPhases = [
  {
    name: 'setWeight 25',
    kind: 'canary-step',
    weight: 25,
    startedAt: '2026-02-05T14:00:00Z',
    finishedAt: '2026-02-05T14:00:05Z',
    status: 'succeeded',
  },
  {
    name: 'analysis error-rate',
    kind: 'analysis',
    weight: 25,
    startedAt: '2026-02-05T14:05:00Z',
    finishedAt: '2026-02-05T14:35:00Z',
    status: 'failed',
  },
  {
    name: 'abort',
    kind: 'abort',
    weight: 0,
    startedAt: '2026-02-05T14:35:00Z',
    finishedAt: '2026-02-05T14:36:30Z',
    status: 'succeeded',
  },
];

const aborted = rollout({
  id: 'checkout-7c9f/rev-5',
  startedAt: '2026-02-05T14:00:00Z',
  commits: [{ sha: 'c2', committedAt: '2026-02-05T12:35:00Z' }],
  // Sent in the order the source happened to list them.
  phases: [abortedPhases[2], abortedPhases[0], abortedPhases[1]],
});

const abortedBeforeTraffic = rollout({
  id: 'checkout-7c9f/rev-6',
  startedAt: '2026-02-06T09:00:00Z',
  commits: [{ sha: 'c3', committedAt: '2026-02-06T08:00:00Z' }],
  phases: [
    {
      name: 'setWeight 0',
      kind: 'canary-step',
      weight: 0,
      startedAt: '2026-02-06T09:00:00Z',
      finishedAt: '2026-02-06T09:00:01Z',
      status: 'succeeded',
    },
    {
      name: 'analysis smoke',
      kind: 'analysis',
      startedAt: '2026-02-06T09:00:01Z',
      finishedAt: '2026-02-06T09:04:00Z',
      status: 'failed',
    },
    {
      name: 'abort',
      kind: 'abort',
      startedAt: '2026-02-06T09:04:00Z',
      finishedAt: '2026-02-06T09:04:10Z',
      status: 'succeeded',
    },
  ],
});

const events = [promoted, aborted, abortedBeforeTraffic];

const expectedFigures = {
  deploymentFrequency: { deployments: 3, perDay: 3 / 7, band: 'high' },
  leadTimeForChanges: {
    changes: 2,
    medianHours: 2.5,
    p90Hours: expect.closeTo(2.9, 9),
    band: 'elite',
  },
  changeFailureRate: { deployments: 3, failed: 1, ratio: 1 / 3, band: 'low' },
  failedDeploymentRecoveryTime: {
    failures: 1,
    unrecovered: 0,
    medianHours: expect.closeTo(0.025, 9),
    band: 'elite',
  },
  timeToRestoreService: { incidents: 0, medianHours: null },
  deploymentReworkRate: { deployments: 3, rework: 0, ratio: 0 },
};

describe('DORA over settled rollouts (the reference engine)', () => {
  it('gives the figures worked out above', () => {
    const settled = settleRollouts(
      events.map(e => deploymentEventSchema.parse(e) as DeploymentEvent),
    );
    const figures = computeDora({
      deployments: settled.map(d => ({
        ...d,
        finishedAt: d.finishedAt ?? null,
      })),
      incidents: [],
      from: '2026-02-02T00:00:00Z',
      to: '2026-02-09T00:00:00Z',
    });
    expect(figures).toEqual(expect.objectContaining(expectedFigures));
  });
});

describe.each(databases.eachSupportedId())(
  'progressive rollouts through the API on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, { entities, events });

    it('counts the aborted canary failed and recovered in its abort, beside the promoted one', async () => {
      const response = await api.get(
        `dora?entityRef=component:default/checkout&${WINDOW}`,
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          components: ['component:default/checkout'],
          ...expectedFigures,
        }),
      );
    });

    it('lists each rollout with its phases in start order, and the derived rollback', async () => {
      const response = await api.get(
        'deployments?entityRef=component:default/checkout',
      );
      expect(response.status).toBe(200);
      const items: Array<Record<string, any>> = response.body.items;
      // Newest first by start; the rollback started when the abort did (14:35).
      expect(
        items.map(d => [d.id, d.status, d.finishedAt, d.rollbackOf]),
      ).toEqual([
        [
          'checkout-7c9f/rev-6',
          'failure',
          '2026-02-06T09:04:10.000Z',
          undefined,
        ],
        [
          'checkout-7c9f/rev-5:abort',
          'success',
          '2026-02-05T14:36:30.000Z',
          'checkout-7c9f/rev-5',
        ],
        [
          'checkout-7c9f/rev-5',
          'success',
          '2026-02-05T14:35:00.000Z',
          undefined,
        ],
        [
          'checkout-7c9f/rev-4',
          'success',
          '2026-02-03T11:02:00.000Z',
          undefined,
        ],
      ]);
      const byId = new Map(items.map(d => [d.id, d]));
      expect(byId.get('checkout-7c9f/rev-5')!.phases).toEqual(
        abortedPhases.map(p => ({
          ...p,
          startedAt: p.startedAt.replace('Z', '.000Z'),
          finishedAt: p.finishedAt.replace('Z', '.000Z'),
        })),
      );
      expect(byId.get('checkout-7c9f/rev-4')!.phases).toHaveLength(4);
      expect(byId.get('checkout-7c9f/rev-5:abort')).toMatchObject({
        triggeredBy: 'rollout abort',
        url: 'https://argo.example.com/applications/checkout',
        commits: [],
      });
      expect(byId.get('checkout-7c9f/rev-5:abort')!.phases).toBeUndefined();
    });

    it('draws the phases of the deployments the timeline lists', async () => {
      const response = await api.get(
        `timeline?entityRef=component:default/checkout&${WINDOW}&buckets=1000`,
      );
      expect(response.status).toBe(200);
      const [lane] = response.body.environments;
      expect(lane.mode).toBe('deployments');
      const drawn = new Map<string, Record<string, any>>(
        lane.deployments.map((d: Record<string, any>) => [d.id, d]),
      );
      expect(drawn.get('checkout-7c9f/rev-5')).toMatchObject({
        rolledBack: true,
        phases: [
          { kind: 'canary-step', weight: 25 },
          { kind: 'analysis', status: 'failed' },
          { kind: 'abort' },
        ],
      });
      expect(
        drawn
          .get('checkout-7c9f/rev-4')!
          .phases.map((p: { weight?: number }) => p.weight),
      ).toEqual([10, undefined, 50, 100]);
      expect(drawn.get('checkout-7c9f/rev-5:abort')!.phases).toBeUndefined();
      // One of each: success (the promoted), rolled back, rollback, failure.
      expect(lane.outcomes).toMatchObject({
        success: 1,
        rolled_back: 1,
        rollback: 1,
        failure: 1,
      });
    });
  },
);
