/*
 * Answers of the delivery backend as its own tests record them
 * (plugins/delivery-backend/src/service/router.test.ts for /deployments, timeline.test.ts
 * for /timeline): the same events, ids and instants.
 */
import { Entity } from '@backstage/catalog-model';
import {
  DeliveryApi,
  DeploymentEvent,
  ListedChange,
  ListedDeployment,
  Page,
  SourceStatus,
  Timeline,
} from '@internal/backstage-plugin-delivery-common';
import { timelineBuckets } from '@internal/backstage-plugin-delivery-common/testUtils';
import {
  abortedCanaryPhases,
  blueGreenPhases,
  flagChanges,
  noSloBurn,
  promotedCanaryBurn,
} from './progressive';

export { timelineBuckets };

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/checkout' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

export const emptyTimeline: Timeline = {
  ...timelineBuckets,
  environments: [],
  incidents: [],
};

const deployment = (overrides: Partial<DeploymentEvent>): DeploymentEvent => ({
  kind: 'deployment',
  source: 'github',
  id: 'x',
  entityRef: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  startedAt: '2026-01-05T00:00:00.000Z',
  commits: [],
  ...overrides,
});

/**
 * GET /deployments?entityRef=component:default/checkout (router.test.ts events), newest
 * first, with the lead times the backend answers (hand-worked there): d1 13 h over
 * c1 and c2, d2 6 h over c3 alone (c1 went out with d1), d3 4 h over c4.
 */
export const deploymentsPage: Page<ListedDeployment> = {
  items: [
    deployment({
      id: 'd5',
      startedAt: '2026-01-08T23:50:00.000Z',
      finishedAt: '2026-01-09T00:00:00.000Z',
      remediates: 'i1',
    }),
    deployment({
      id: 'd4',
      startedAt: '2026-01-08T01:50:00.000Z',
      finishedAt: '2026-01-08T02:00:00.000Z',
      rollbackOf: 'd3',
    }),
    {
      ...deployment({
        id: 'd3',
        startedAt: '2026-01-07T23:50:00.000Z',
        finishedAt: '2026-01-08T00:00:00.000Z',
        commits: [{ sha: 'c4', committedAt: '2026-01-07T20:00:00.000Z' }],
      }),
      leadTimeHours: 4,
      leadTimeChanges: 1,
    },
    deployment({
      id: 'failed-run',
      status: 'failure',
      startedAt: '2026-01-07T00:00:00.000Z',
      finishedAt: '2026-01-07T00:10:00.000Z',
    }),
    {
      ...deployment({
        id: 'd2',
        startedAt: '2026-01-06T11:50:00.000Z',
        finishedAt: '2026-01-06T12:00:00.000Z',
        commits: [
          { sha: 'c3', committedAt: '2026-01-06T06:00:00.000Z' },
          { sha: 'c1', committedAt: '2026-01-05T08:00:00.000Z' },
        ],
      }),
      leadTimeHours: 6,
      leadTimeChanges: 1,
    },
    deployment({
      id: 'staging-1',
      source: 'argocd',
      environment: 'staging',
      startedAt: '2026-01-06T00:00:00.000Z',
      finishedAt: '2026-01-06T00:10:00.000Z',
    }),
    {
      ...deployment({
        id: 'd1',
        version: 'v1.1',
        url: 'https://ci.example.com/runs/d1',
        triggeredBy: 'alice (push)',
        startedAt: '2026-01-05T09:50:00.000Z',
        finishedAt: '2026-01-05T10:00:00.000Z',
        commits: [
          {
            sha: 'c1',
            committedAt: '2026-01-05T08:00:00.000Z',
            message: 'Add cart',
            author: 'alice',
          },
          { sha: 'c2', committedAt: '2026-01-04T10:00:00.000Z' },
        ],
      }),
      leadTimeHours: 13,
      leadTimeChanges: 2,
      // Argo CD reported the same rollout (the backend's merge rule).
      alsoReportedBy: [
        {
          source: 'argocd',
          id: 'argo-prod/argocd/checkout/1767606600',
          url: 'https://argocd.example.com/applications/argocd/checkout',
        },
      ],
    },
  ],
};

const d1Shipped = {
  source: 'github',
  id: 'd1',
  environment: 'production',
  finishedAt: '2026-01-05T10:00:00.000Z',
  version: 'v1.1',
  url: 'https://ci.example.com/runs/d1',
};

/**
 * GET /changes?deploymentSource=github&deploymentId=d1: the pull requests merged as c1
 * and c2, which d1 (finished Jan 5 10:00) first brought to production.
 * #7: first commit Jan 5 03:00, opened 05:00, reviewed 06:00, merged 08:00 (c1):
 *   coding 2, pickup 1, review 2, deploy 2 h; 120 + 30 = 150 lines (M).
 * #6: first commit Jan 4 06:00, opened 09:00, merged 10:00 (c2) without review:
 *   coding 3, deploy 24 h; no line counts.
 */
export const d1Changes: Page<ListedChange> = {
  items: [
    {
      source: 'github',
      id: 'acme/checkout#7',
      entityRef: 'component:default/checkout',
      number: 7,
      title: 'Cart page',
      author: 'alice',
      url: 'https://github.com/acme/checkout/pull/7',
      openedAt: '2026-01-05T05:00:00.000Z',
      firstReviewAt: '2026-01-05T06:00:00.000Z',
      mergedAt: '2026-01-05T08:00:00.000Z',
      mergeCommitSha: 'c1',
      additions: 120,
      deletions: 30,
      state: 'deployed',
      reviewed: true,
      stages: { coding: 2, pickup: 1, review: 2, deploy: 2 },
      deployment: d1Shipped,
    },
    {
      source: 'github',
      id: 'acme/checkout#6',
      entityRef: 'component:default/checkout',
      number: 6,
      title: 'Cart API',
      url: 'https://github.com/acme/checkout/pull/6',
      openedAt: '2026-01-04T09:00:00.000Z',
      mergedAt: '2026-01-04T10:00:00.000Z',
      mergeCommitSha: 'c2',
      state: 'deployed',
      reviewed: false,
      stages: { coding: 3, pickup: null, review: null, deploy: 24 },
      deployment: d1Shipped,
    },
  ],
};

/** A DeliveryApi answering the fixtures; override single methods per test. */
export function fakeDeliveryApi(
  overrides: Partial<DeliveryApi> = {},
): jest.Mocked<DeliveryApi> {
  return {
    getTimeline: jest.fn(async () => timelineBuckets),
    listDeployments: jest.fn(async () => deploymentsPage),
    listChanges: jest.fn(async request =>
      request.deploymentId === 'd1' ? d1Changes : { items: [] },
    ),
    getSourceStatus: jest.fn(
      async (): Promise<SourceStatus[] | undefined> => undefined,
    ),
    // No verdict for any deployment unless a test answers some.
    getDeploymentHealth: jest.fn(async request => ({
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      hours: 24,
      sloAvailable: true,
      items: [],
    })),
    getRolloutBurn: jest.fn(async request => {
      if (request.id === 'r1') return promotedCanaryBurn;
      if (request.id === 'r2') {
        return noSloBurn('r2', abortedCanaryPhases, 'canary', 'aborted');
      }
      return noSloBurn(request.id, blueGreenPhases, 'blue-green', 'promoted');
    }),
    listFlags: jest.fn(async () => ({ items: [...flagChanges].reverse() })),
    ...overrides,
  } as jest.Mocked<DeliveryApi>;
}

/** Which of a few kinds an entity-page extension's filter shows it on. */
export const kindsShown = (shows?: (entity: Entity) => boolean) =>
  ['Component', 'System', 'Group', 'API', 'User'].filter(kind =>
    shows?.({ ...checkoutEntity, kind }),
  );
