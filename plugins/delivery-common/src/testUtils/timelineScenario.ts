/*
 * The timeline that delivery-backend's timeline.test.ts seeds and asserts (its events,
 * ids and instants), shared so that the frontend tests draw the same answer.
 */
import type { OutcomeCounts, Timeline } from '../client/types';

/** The bucket of one hour of 2026-01-05 (UTC) starting at `hour`. */
const hourOf5January = (
  hour: number,
  total: number,
  outcomes: OutcomeCounts,
) => ({
  start: `2026-01-05T${String(hour).padStart(2, '0')}:00:00.000Z`,
  end: `2026-01-05T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
  total,
  outcomes,
});

/** GET /timeline?entityRef=component:default/checkout&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z&buckets=24 */
export const timelineBuckets: Timeline = {
  entityRef: 'component:default/checkout',
  from: '2026-01-05T00:00:00.000Z',
  to: '2026-01-06T00:00:00.000Z',
  components: ['component:default/checkout'],
  bucketMs: 3_600_000,
  environments: [
    {
      environment: 'production',
      production: true,
      total: 4,
      outcomes: { rolled_back: 1, rollback: 1, failure: 1, remediation: 1 },
      mode: 'buckets',
      buckets: [
        hourOf5January(1, 2, { rolled_back: 1, rollback: 1 }),
        hourOf5January(5, 1, { failure: 1 }),
        hourOf5January(7, 1, { remediation: 1 }),
      ],
    },
    {
      environment: 'staging',
      production: false,
      total: 2,
      outcomes: { success: 1, in_progress: 1 },
      mode: 'deployments',
      deployments: [
        {
          source: 'github',
          id: 's1',
          entityRef: 'component:default/checkout',
          environment: 'staging',
          status: 'success',
          startedAt: '2026-01-05T00:30:00.000Z',
          finishedAt: '2026-01-05T00:35:00.000Z',
          rolledBack: false,
        },
        {
          source: 'github',
          id: 's2',
          entityRef: 'component:default/checkout',
          environment: 'staging',
          status: 'in_progress',
          startedAt: '2026-01-05T10:00:00.000Z',
          rolledBack: false,
        },
      ],
      buckets: [
        hourOf5January(0, 1, { success: 1 }),
        hourOf5January(10, 1, { in_progress: 1 }),
      ],
    },
  ],
  incidents: [
    {
      kind: 'incident',
      source: 'pagerduty',
      id: 'i0',
      entityRef: 'component:default/checkout',
      title: 'Slow payments',
      openedAt: '2026-01-04T12:00:00.000Z',
    },
    {
      kind: 'incident',
      source: 'pagerduty',
      id: 'i1',
      entityRef: 'component:default/checkout',
      title: 'Checkout errors',
      severity: 'SEV2',
      openedAt: '2026-01-05T05:30:00.000Z',
      resolvedAt: '2026-01-05T07:45:00.000Z',
      deploymentId: 'p3',
    },
  ],
  incidentsTruncated: false,
  flags: [],
  flagsTruncated: false,
};
