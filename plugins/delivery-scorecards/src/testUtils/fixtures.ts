/*
 * Answers of the delivery backend as plugins/delivery-backend/src/service/scorecards.test.ts
 * asserts them (window 2026-01-05 .. 2026-01-12, team-a > team-b, team-c): the same
 * figures (from delivery-common's testUtils, which that test asserts too), so the
 * components are tested against real response shapes.
 */
import { Entity } from '@backstage/catalog-model';
import {
  defaultBandPreset,
  DoraFigures,
} from '@internal/backstage-plugin-delivery-common';
import {
  cartFigures,
  checkoutFigures,
  emptyFigures,
  scorecardFilters,
  scorecardTeams,
  teamAFigures,
  teamAServices,
} from '@internal/backstage-plugin-delivery-common/testUtils';
import type {
  EntityScorecard,
  Scorecards,
  SourceStatus,
} from '@internal/backstage-plugin-delivery-common';
import type { DoraScorecardsApi } from '../api';
import {
  checkoutBreakdown,
  checkoutChangeFlow,
  checkoutListedChanges,
} from './changeFixtures';

export {
  checkoutBreakdown,
  checkoutChangeFlow,
  checkoutListedChanges,
  emptyBreakdown,
  emptyChangeFlow,
} from './changeFixtures';

export { cartFigures, checkoutFigures, emptyFigures, teamAFigures };

export const bands = defaultBandPreset;

const previousCheckout: DoraFigures = {
  ...emptyFigures,
  deploymentFrequency: { deployments: 2, perDay: 2 / 7, band: 'high' },
  leadTimeForChanges: {
    changes: 1,
    medianHours: 12,
    p90Hours: 12,
    band: 'elite',
  },
  changeFailureRate: { deployments: 2, failed: 0, ratio: 0, band: 'elite' },
  deploymentReworkRate: { deployments: 2, rework: 0, ratio: 0 },
};

const FROM = '2026-01-05T00:00:00.000Z';
const TO = '2026-01-12T00:00:00.000Z';

export const checkoutScorecard: EntityScorecard = {
  entityRef: 'component:default/checkout',
  from: FROM,
  to: TO,
  components: ['component:default/checkout'],
  ...checkoutFigures,
  // Two weeks: the first without data (a gap in the sparkline), then the window's.
  series: [
    { from: '2025-12-29T00:00:00.000Z', to: FROM, ...emptyFigures },
    { from: FROM, to: TO, ...checkoutFigures },
  ],
  bands,
  previous: {
    entityRef: 'component:default/checkout',
    from: '2025-12-29T00:00:00.000Z',
    to: FROM,
    ...previousCheckout,
  },
  changes: {
    deploymentFrequency: {
      current: 4 / 7,
      previous: 2 / 7,
      changeRatio: 1,
      trend: 'better',
    },
    leadTimeMedian: {
      current: 4,
      previous: 12,
      changeRatio: -2 / 3,
      trend: 'better',
    },
    leadTimeP90: {
      current: 5.6,
      previous: 12,
      changeRatio: (5.6 - 12) / 12,
      trend: 'better',
    },
    changeFailureRate: {
      current: 0.25,
      previous: 0,
      changeRatio: null,
      trend: 'worse',
    },
    failedDeploymentRecoveryTime: {
      current: 2,
      previous: null,
      changeRatio: null,
      trend: 'unknown',
    },
    deploymentReworkRate: {
      current: 0,
      previous: 0,
      changeRatio: null,
      trend: 'same',
    },
    timeToRestoreService: {
      current: 2,
      previous: null,
      changeRatio: null,
      trend: 'unknown',
    },
  },
};

/** A component whose window holds nothing. */
export const emptyScorecard: EntityScorecard = {
  ...checkoutScorecard,
  ...emptyFigures,
  series: [{ from: FROM, to: TO, ...emptyFigures }],
  previous: { ...checkoutScorecard.previous, ...emptyFigures },
  changes: Object.fromEntries(
    Object.keys(checkoutScorecard.changes).map(key => [
      key,
      { current: null, previous: null, changeRatio: null, trend: 'unknown' },
    ]),
  ) as EntityScorecard['changes'],
};

export const teamAScorecard: EntityScorecard = {
  ...checkoutScorecard,
  entityRef: 'group:default/team-a',
  components: ['component:default/cart', 'component:default/checkout'],
  ...teamAFigures,
  series: [{ from: FROM, to: TO, ...teamAFigures }],
};

export const orgScorecards: Scorecards = {
  from: FROM,
  to: TO,
  bands,
  filters: scorecardFilters,
  teams: scorecardTeams,
};

export const teamAScorecards: Scorecards = {
  ...orgScorecards,
  teams: orgScorecards.teams.slice(0, 2),
  services: teamAServices,
};

/** As router.test.ts asserts GET /sources after a failed pull. */
export const staleSources: SourceStatus[] = [
  {
    id: 'fake/eu',
    source: 'fake',
    instance: 'eu',
    lastSuccessAt: '2026-01-12T09:00:00.000Z',
    lastErrorAt: '2026-01-12T10:00:00.000Z',
    lastError: 'GET /api/deployments: 503 Service Unavailable',
    lagSeconds: 3600,
    stale: true,
    staleSince: '2026-01-12T09:00:00.000Z',
    failing: ['pull'],
  },
];

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a' },
};

export const teamAEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: ['team-b'] },
};

export function fakeScorecardsApi(
  overrides: Partial<DoraScorecardsApi> = {},
): jest.Mocked<DoraScorecardsApi> {
  return {
    getScorecards: jest.fn(async request =>
      request.team ? teamAScorecards : orgScorecards,
    ),
    getEntityScorecard: jest.fn(async request =>
      request.entityRef.startsWith('group:')
        ? teamAScorecard
        : checkoutScorecard,
    ),
    getSourceStatus: jest.fn(async () => []),
    listDeployments: jest.fn(async () => ({
      items: [
        {
          kind: 'deployment' as const,
          source: 'github',
          id: 'd3',
          entityRef: 'component:default/checkout',
          environment: 'production',
          status: 'success' as const,
          startedAt: '2026-01-07T23:50:00.000Z',
          finishedAt: '2026-01-08T00:00:00.000Z',
          version: 'v3',
          // As the backend answers it: c4, committed 20:00, first in production
          // at 00:00, 4 h.
          commits: [{ sha: 'c4', committedAt: '2026-01-07T20:00:00.000Z' }],
          leadTimeHours: 4,
          leadTimeChanges: 1,
        },
      ],
    })),
    listIncidents: jest.fn(async () => ({ items: [] })),
    // team-a's pool is checkout's changes (cart reports none).
    getLeadTimeBreakdown: jest.fn(async () => checkoutBreakdown),
    getChangeFlow: jest.fn(async () => checkoutChangeFlow),
    // Two pages: the newest change, then the three deployed ones.
    listChanges: jest.fn(async request =>
      request.cursor
        ? { items: checkoutListedChanges.slice(1) }
        : { items: checkoutListedChanges.slice(0, 1), nextCursor: 'page-2' },
    ),
    ...overrides,
  } as jest.Mocked<DoraScorecardsApi>;
}

/** Which of a few kinds an entity-page extension's filter shows it on. */
export const kindsShown = (shows?: (entity: Entity) => boolean) =>
  ['Component', 'System', 'Group', 'API', 'User'].filter(kind =>
    shows?.({ ...checkoutEntity, kind }),
  );
