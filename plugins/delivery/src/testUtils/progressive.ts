/*
 * Progressive rollouts, flag changes and verdicts as the delivery backend answers them
 * (the wire types of delivery-common/client): the frontend tests draw these.
 */
import type {
  DeploymentHealthResponse,
  DeploymentPhase,
  FlagEvent,
  IncidentEvent,
  ListedDeployment,
  RolloutBurn,
  Timeline,
} from '@internal/backstage-plugin-delivery-common';
import { timelineBuckets } from '@internal/backstage-plugin-delivery-common/testUtils';

const phase = (
  name: string,
  kind: DeploymentPhase['kind'],
  startedAt: string,
  finishedAt: string | undefined,
  status: DeploymentPhase['status'],
  weight?: number,
): DeploymentPhase => ({
  name,
  kind,
  startedAt: `2026-01-06T${startedAt}:00.000Z`,
  ...(finishedAt ? { finishedAt: `2026-01-06T${finishedAt}:00.000Z` } : {}),
  status,
  ...(weight !== undefined ? { weight } : {}),
});

/**
 * A promoted canary, its steps those of Argo Rollouts' getting-started canary
 * (https://raw.githubusercontent.com/argoproj/argo-rollouts/master/docs/getting-started/basic/rollout.yaml:
 * setWeight 20, pause {}, setWeight 40, pause, ... ), its pauses minutes long, an
 * analysis at 80 % and the promotion: 20 % from 10:00, 40 % from 10:21, 80 % from
 * 10:32, 100 % from 10:43 to the end at 10:44.
 */
export const promotedCanaryPhases: DeploymentPhase[] = [
  phase('setWeight 20', 'canary-step', '10:00', '10:01', 'succeeded', 20),
  phase('pause', 'pause', '10:01', '10:21', 'succeeded'),
  phase('setWeight 40', 'canary-step', '10:21', '10:22', 'succeeded', 40),
  phase('pause 10m', 'pause', '10:22', '10:32', 'succeeded'),
  phase('setWeight 80', 'canary-step', '10:32', '10:33', 'succeeded', 80),
  phase('analysis', 'analysis', '10:33', '10:43', 'succeeded'),
  phase('promote', 'promote', '10:43', '10:44', 'succeeded'),
];

/** An aborted canary: 20 % from 12:00, 40 % from 12:11, its analysis failed, 0 % from 12:17. */
export const abortedCanaryPhases: DeploymentPhase[] = [
  phase('setWeight 20', 'canary-step', '12:00', '12:01', 'succeeded', 20),
  phase('pause 10m', 'pause', '12:01', '12:11', 'succeeded'),
  phase('setWeight 40', 'canary-step', '12:11', '12:12', 'succeeded', 40),
  phase('analysis', 'analysis', '12:12', '12:17', 'failed'),
  phase('abort', 'abort', '12:17', '12:18', 'succeeded'),
];

/** A blue-green rollout: pre-promotion analysis, the switch at 14:05, post-promotion analysis. */
export const blueGreenPhases: DeploymentPhase[] = [
  phase('prePromotionAnalysis', 'analysis', '14:00', '14:05', 'succeeded'),
  phase('switch active service', 'switch', '14:05', '14:05', 'succeeded'),
  phase('postPromotionAnalysis', 'analysis', '14:05', '14:15', 'succeeded'),
];

const rollout = (
  overrides: Partial<ListedDeployment> & Pick<ListedDeployment, 'id'>,
): ListedDeployment => ({
  kind: 'deployment',
  source: 'argocd',
  entityRef: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  startedAt: '2026-01-06T10:00:00.000Z',
  commits: [],
  ...overrides,
});

/** GET /deployments of a window with three rollouts and a staging run, newest first. */
export const rolloutsPage = {
  items: [
    rollout({
      id: 'r3',
      version: 'v3.0',
      startedAt: '2026-01-06T13:58:00.000Z',
      finishedAt: '2026-01-06T14:15:00.000Z',
      phases: blueGreenPhases,
    }),
    rollout({
      id: 'r2',
      version: 'v2.1',
      status: 'failure',
      startedAt: '2026-01-06T12:00:00.000Z',
      finishedAt: '2026-01-06T12:18:00.000Z',
      phases: abortedCanaryPhases,
    }),
    rollout({
      id: 'r1',
      version: 'v2.0',
      url: 'https://argocd.example.com/applications/argocd/checkout',
      startedAt: '2026-01-06T10:00:00.000Z',
      finishedAt: '2026-01-06T10:44:00.000Z',
      phases: promotedCanaryPhases,
      commits: [{ sha: 'c9', committedAt: '2026-01-06T09:00:00.000Z' }],
    }),
    rollout({
      id: 'stg-1',
      environment: 'staging',
      version: 'v3.0',
      startedAt: '2026-01-06T09:00:00.000Z',
      finishedAt: '2026-01-06T09:05:00.000Z',
    }),
  ],
};

/**
 * GET /rollout-burn of r1: the share of the error budget each phase consumed
 * (worst objective), e.g. 0.004 = 0.4 % during the pause at 20 %.
 */
export const promotedCanaryBurn: RolloutBurn = {
  entityRef: 'component:default/checkout',
  source: 'argocd',
  id: 'r1',
  strategy: 'canary',
  outcome: 'promoted',
  sloAvailable: true,
  phases: promotedCanaryPhases.map((p, i) => ({
    ...p,
    consumed: [0.001, 0.004, 0.002, 0.006, 0.003, 0.01, 0.0002][i],
    objectiveId: 'checkout-availability',
  })),
};

/** GET /rollout-burn of a component without SLO: every burn unknown. */
export const noSloBurn = (
  id: string,
  phases: DeploymentPhase[],
  strategy: RolloutBurn['strategy'],
  outcome: RolloutBurn['outcome'],
): RolloutBurn => ({
  entityRef: 'component:default/checkout',
  source: 'argocd',
  id,
  strategy,
  outcome,
  sloAvailable: false,
  phases: phases.map(p => ({ ...p, consumed: null })),
});

/**
 * GET /deployment-health of the window: r1 healthy, r3 ailing (its budget burned 3 % in
 * the 2 h after against 0.5 % before: +2.5 points), r2 unhealthy (an incident names it
 * and its canary was aborted); the staging run is not judged. The reasons as the
 * backend's verdict function words them.
 */
export const rolloutsHealth: DeploymentHealthResponse = {
  entityRef: 'component:default/checkout',
  from: '2025-12-08T00:00:00.000Z',
  to: '2026-01-07T00:00:00.000Z',
  hours: 2,
  sloAvailable: true,
  items: [
    {
      source: 'argocd',
      id: 'r3',
      entityRef: 'component:default/checkout',
      environment: 'production',
      finishedAt: '2026-01-06T14:15:00.000Z',
      verdict: 'ailing',
      reasons: [
        'checkout-availability burned 3% of its error budget in the 2 h after it, 0.5% in the 2 h before (+2.5 points; ailing from +1 points)',
      ],
      consumedAfter: 0.03,
      consumedBefore: 0.005,
      objectiveId: 'checkout-availability',
      incidentIds: [],
    },
    {
      source: 'argocd',
      id: 'r2',
      entityRef: 'component:default/checkout',
      environment: 'production',
      finishedAt: '2026-01-06T12:18:00.000Z',
      verdict: 'unhealthy',
      reasons: [
        'incident INC-7 names it',
        'its rollout was aborted',
        'no SLO figures: no traffic measured in the 2 h after it',
      ],
      consumedAfter: null,
      consumedBefore: null,
      objectiveId: null,
      incidentIds: ['INC-7'],
    },
    {
      source: 'argocd',
      id: 'r1',
      entityRef: 'component:default/checkout',
      environment: 'production',
      finishedAt: '2026-01-06T10:44:00.000Z',
      verdict: 'healthy',
      reasons: [
        'checkout-availability burned 0.2% of its error budget in the 2 h after it, 0.2% in the 2 h before (+0 points; ailing from +1 points)',
      ],
      consumedAfter: 0.002,
      consumedBefore: 0.002,
      objectiveId: 'checkout-availability',
      incidentIds: [],
    },
  ],
};

const flag = (
  id: string,
  flagKey: string,
  action: FlagEvent['action'],
  at: string,
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: 'component:default/checkout',
  flagKey,
  environment: 'production',
  action,
  at: `2026-01-06T${at}:00.000Z`,
  ...extra,
});

/**
 * Flag changes of Jan 6, oldest first: new-cart released at 15:00 (rollout to 10 %) and
 * ramped to 50 % at 15:30, the incident opens at 16:00, new-cart turned off at 16:20;
 * dark-mode's targeting changed in staging. Each is the normalised event (kind 'flag')
 * of an Unleash event: feature-strategy-updated with its rollout %,
 * feature-environment-disabled (event types of
 * https://app.unpkg.com/unleash-server@7.4.0/files/dist/lib/types/events.js).
 */
export const flagChanges: FlagEvent[] = [
  flag('f1', 'new-cart', 'rollout', '15:00', {
    percentage: 10,
    author: 'alice',
    url: 'https://unleash.example.com/projects/default/features/new-cart',
  }),
  flag('f2', 'new-cart', 'rollout', '15:30', { percentage: 50 }),
  flag('f3', 'dark-mode', 'targeting', '15:45', { environment: 'staging' }),
  flag('f4', 'new-cart', 'off', '16:20', { author: 'bob' }),
];

/** The incident the flags above released and rolled back (16:00 – 16:40). */
export const flagIncident: IncidentEvent = {
  kind: 'incident',
  source: 'pagerduty',
  id: 'i9',
  entityRef: 'component:default/checkout',
  title: 'Cart errors',
  severity: 'SEV2',
  openedAt: '2026-01-06T16:00:00.000Z',
  resolvedAt: '2026-01-06T16:40:00.000Z',
};

/**
 * GET /timeline of Jan 6 (24 h): the rollouts as production markers, the staging run,
 * the flag changes and the incident.
 */
export const progressiveTimeline: Timeline = {
  ...timelineBuckets,
  from: '2026-01-06T00:00:00.000Z',
  to: '2026-01-07T00:00:00.000Z',
  environments: [
    {
      environment: 'production',
      production: true,
      total: 3,
      outcomes: { success: 2, failure: 1 },
      mode: 'deployments',
      deployments: rolloutsPage.items
        .filter(d => d.environment === 'production')
        .map(({ kind: _kind, commits: _commits, ...d }) => ({
          ...d,
          finishedAt: d.finishedAt ?? undefined,
          rolledBack: false,
        })),
      buckets: [],
    },
    {
      environment: 'staging',
      production: false,
      total: 1,
      outcomes: { success: 1 },
      mode: 'deployments',
      deployments: [
        {
          source: 'argocd',
          id: 'stg-1',
          entityRef: 'component:default/checkout',
          environment: 'staging',
          status: 'success',
          startedAt: '2026-01-06T09:00:00.000Z',
          finishedAt: '2026-01-06T09:05:00.000Z',
          rolledBack: false,
        },
      ],
      buckets: [],
    },
  ],
  incidents: [flagIncident],
  flags: flagChanges,
  flagsTruncated: false,
};
