/*
 * The scorecard scenario that delivery-backend's scorecards.test.ts seeds and asserts
 * (window 2026-01-05 .. 2026-01-12; eng > team-a > team-b, eng > team-c; the events
 * and how each figure is worked out are in that test), shared so that the frontend
 * tests run on the same answers.
 */
import type { DoraFigures } from '../dora/types';
import type {
  Scorecards,
  ServiceScorecard,
  TeamScorecard,
} from '../client/types';

/** No data: counts 0, values null, bands unknown. */
export const emptyFigures: DoraFigures = {
  deploymentFrequency: { deployments: 0, perDay: 0, band: 'unknown' },
  leadTimeForChanges: {
    changes: 0,
    medianHours: null,
    p90Hours: null,
    band: 'unknown',
  },
  changeFailureRate: {
    deployments: 0,
    failed: 0,
    ratio: null,
    band: 'unknown',
  },
  failedDeploymentRecoveryTime: {
    failures: 0,
    unrecovered: 0,
    medianHours: null,
    band: 'unknown',
  },
  timeToRestoreService: { incidents: 0, medianHours: null },
  deploymentReworkRate: { deployments: 0, rework: 0, ratio: null },
};

export const cartFigures: DoraFigures = {
  deploymentFrequency: { deployments: 1, perDay: 1 / 7, band: 'high' },
  leadTimeForChanges: {
    changes: 1,
    medianHours: 24,
    p90Hours: 24,
    band: 'high',
  },
  changeFailureRate: { deployments: 1, failed: 0, ratio: 0, band: 'elite' },
  failedDeploymentRecoveryTime: {
    failures: 0,
    unrecovered: 0,
    medianHours: null,
    band: 'unknown',
  },
  timeToRestoreService: { incidents: 1, medianHours: 4 },
  deploymentReworkRate: { deployments: 1, rework: 0, ratio: 0 },
};

export const checkoutFigures: DoraFigures = {
  deploymentFrequency: { deployments: 4, perDay: 4 / 7, band: 'high' },
  leadTimeForChanges: {
    changes: 3,
    medianHours: 4,
    p90Hours: 5.6,
    band: 'elite',
  },
  changeFailureRate: { deployments: 4, failed: 1, ratio: 0.25, band: 'low' },
  failedDeploymentRecoveryTime: {
    failures: 1,
    unrecovered: 0,
    medianHours: 2,
    band: 'high',
  },
  timeToRestoreService: { incidents: 1, medianHours: 2 },
  deploymentReworkRate: { deployments: 4, rework: 0, ratio: 0 },
};

/*
 * team-a pools checkout and cart (its child team-b): 5 deployments, 5/7 per day (high);
 * lead 2, 4, 6, 24 h: median (4+6)/2 = 5 (elite), p90 at 0.9*3 = 2.7 -> 6 + 0.7*18 =
 * 18.6; 1 failed of 5 = 0.2 (low); recovery 2 h (high); restore 2 and 4 h: median 3.
 */
export const teamAFigures: DoraFigures = {
  deploymentFrequency: { deployments: 5, perDay: 5 / 7, band: 'high' },
  leadTimeForChanges: {
    changes: 4,
    medianHours: 5,
    p90Hours: 18.6,
    band: 'elite',
  },
  changeFailureRate: { deployments: 5, failed: 1, ratio: 0.2, band: 'low' },
  failedDeploymentRecoveryTime: {
    failures: 1,
    unrecovered: 0,
    medianHours: 2,
    band: 'high',
  },
  timeToRestoreService: { incidents: 2, medianHours: 3 },
  deploymentReworkRate: { deployments: 5, rework: 0, ratio: 0 },
};

/** The filter options of the scenario's org. */
export const scorecardFilters: Scorecards['filters'] = {
  parents: [
    { entityRef: 'group:default/eng', title: 'ENG' },
    { entityRef: 'group:default/team-a', title: 'TEAM-A' },
  ],
  systems: [
    { entityRef: 'system:default/finder', title: 'finder' },
    { entityRef: 'system:default/shop', title: 'shop' },
  ],
};

/** Every team of the org with its pooled figures (eng owns nothing: no row). */
export const scorecardTeams: TeamScorecard[] = [
  {
    entityRef: 'group:default/team-a',
    title: 'TEAM-A',
    parent: 'group:default/eng',
    components: ['component:default/cart', 'component:default/checkout'],
    systems: ['system:default/shop'],
    figures: teamAFigures,
  },
  {
    entityRef: 'group:default/team-b',
    title: 'TEAM-B',
    parent: 'group:default/team-a',
    components: ['component:default/cart'],
    systems: ['system:default/shop'],
    figures: cartFigures,
  },
  {
    entityRef: 'group:default/team-c',
    title: 'TEAM-C',
    parent: 'group:default/eng',
    components: ['component:default/idle', 'component:default/search'],
    systems: ['system:default/finder'],
    figures: emptyFigures,
  },
];

/** team-a's services, each with its own figures (`?team=group:default/team-a`). */
export const teamAServices: ServiceScorecard[] = [
  {
    entityRef: 'component:default/cart',
    title: 'cart service',
    owner: 'group:default/team-b',
    system: 'system:default/shop',
    figures: cartFigures,
  },
  {
    entityRef: 'component:default/checkout',
    title: 'checkout service',
    owner: 'group:default/team-a',
    system: 'system:default/shop',
    figures: checkoutFigures,
  },
];
