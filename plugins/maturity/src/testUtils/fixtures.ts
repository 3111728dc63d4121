/*
 * Hand-made answers of /api/maturity for the component tests: a component of
 * team-checkout at level 1, team-checkout's roll-up (a child team, three components)
 * and the organisation with three initiatives. The expectations in the tests are
 * worked out from these by hand.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityMaturityResponse,
  EvaluatedCheck,
  MaturityHistoryResponse,
  MaturityLevelInfo,
  OrganisationMaturityResponse,
} from '@internal/backstage-plugin-maturity-common';
import type { MaturityApi } from '@internal/backstage-plugin-maturity-common/client';

export const levels: MaturityLevelInfo[] = [
  {
    level: 1,
    name: 'Repeatable',
    description: 'Someone owns it, can be paged for it, and CI reports it.',
  },
  { level: 2, name: 'Measured', description: 'A quarter of delivery data.' },
  { level: 3, name: 'Reliable' },
  { level: 4, name: 'Continuous' },
];

const check = (
  partial: Pick<EvaluatedCheck, 'id' | 'title' | 'level' | 'pillar'> &
    Partial<EvaluatedCheck>,
): EvaluatedCheck => ({
  status: 'pass',
  evidence: '',
  weight: 1,
  ...partial,
});

export const cartChecks = {
  owner: check({
    id: 'owner',
    title: 'Owner set',
    level: 1,
    pillar: 'collaboration',
    evidence: 'owned by group:default/team-checkout',
    link: '/catalog/default/component/cart-service',
    weight: 3,
  }),
  ci: check({
    id: 'ci-deployments',
    title: 'Deployments reported by CI',
    level: 1,
    pillar: 'automation',
    evidence: '14 deployments reported by github in 90 days',
    figure: 14,
    threshold: 1,
    link: '/catalog/default/component/cart-service/deployments',
    weight: 3,
  }),
  runbook: check({
    id: 'runbook',
    title: 'Runbook linked',
    level: 2,
    pillar: 'collaboration',
    status: 'fail',
    evidence: 'no catalog link titled or typed "runbook"',
    link: '/catalog/default/component/cart-service',
    remedy: 'Add a catalog link titled "Runbook".',
  }),
  sloSource: check({
    id: 'slo-source',
    title: 'An SLO with a metric source',
    level: 2,
    pillar: 'observability',
    status: 'unknown',
    evidence: 'the SLO backend could not be asked',
    weight: 3,
    remedy: 'Define an SLO and point it at a Prometheus query.',
  }),
  tests: check({
    id: 'tests-before-production',
    title: 'Tests and scans before production',
    level: 2,
    pillar: 'shift-left',
    status: 'fail',
    evidence: 'no deployment to a non-production environment in 90 days',
    figure: 0,
    threshold: 1,
    weight: 2,
    remedy: 'Deploy to staging before production.',
  }),
  progressive: check({
    id: 'progressive-delivery',
    title: 'Progressive delivery or flags',
    level: 4,
    pillar: 'automation',
    status: 'not-applicable',
    evidence: 'no rollout or feature-flag source is connected',
  }),
  daily: check({
    id: 'deploys-daily',
    title: 'Deploys daily',
    level: 4,
    pillar: 'delivery',
    status: 'fail',
    evidence: '0.43 deployments per day',
    figure: 0.428571,
    threshold: 1,
    weight: 2,
    remedy: 'Ship smaller changes more often.',
  }),
};

export const componentResponse: EntityMaturityResponse = {
  kind: 'component',
  entityRef: 'component:default/cart-service',
  computedAt: '2026-12-06T08:00:00.000Z',
  levels,
  maturity: {
    entityRef: 'component:default/cart-service',
    level: 1,
    levelName: 'Repeatable',
    checks: Object.values(cartChecks),
    nextLevel: 2,
    // As blockingChecks orders them: failing first (heaviest first), then unknown.
    nextSteps: [cartChecks.tests, cartChecks.runbook, cartChecks.sloSource],
  },
};

const counts = (c: Partial<Record<EvaluatedCheck['status'], number>>) => ({
  pass: 0,
  fail: 0,
  unknown: 0,
  'not-applicable': 0,
  ...c,
});

export const groupResponse: EntityMaturityResponse = {
  kind: 'group',
  entityRef: 'group:default/team-checkout',
  computedAt: '2026-12-06T08:00:00.000Z',
  levels,
  rollup: {
    components: 3,
    level: 1,
    distribution: [0, 2, 1, 0, 0],
    checks: [
      {
        id: 'owner',
        title: 'Owner set',
        level: 1,
        pillar: 'collaboration',
        weight: 3,
        counts: counts({ pass: 3 }),
      },
      {
        id: 'runbook',
        title: 'Runbook linked',
        level: 2,
        pillar: 'collaboration',
        weight: 1,
        counts: counts({ pass: 1, fail: 2 }),
      },
      {
        id: 'slo-source',
        title: 'An SLO with a metric source',
        level: 2,
        pillar: 'observability',
        weight: 3,
        counts: counts({ pass: 1, unknown: 2 }),
      },
      {
        id: 'progressive-delivery',
        title: 'Progressive delivery or flags',
        level: 4,
        pillar: 'automation',
        weight: 1,
        counts: counts({ 'not-applicable': 3 }),
      },
    ],
    nextSteps: [
      {
        id: 'slo-source',
        title: 'An SLO with a metric source',
        holdingBack: 2,
        remedy: 'Define an SLO and point it at a Prometheus query.',
      },
      {
        id: 'runbook',
        title: 'Runbook linked',
        holdingBack: 2,
        remedy: 'Add a catalog link titled "Runbook".',
      },
    ],
  },
  components: [
    {
      entityRef: 'component:default/cart-service',
      title: 'Cart',
      level: 1,
      levelName: 'Repeatable',
    },
    {
      entityRef: 'component:default/checkout-api',
      level: 2,
      levelName: 'Measured',
    },
    { entityRef: 'component:default/payments-service', level: 1 },
  ],
  teams: [
    {
      entityRef: 'group:default/team-payments',
      title: 'Payments',
      level: 1,
      distribution: [0, 1, 0, 0, 0],
    },
  ],
};

export const historyResponse: MaturityHistoryResponse = {
  entityRef: 'component:default/cart-service',
  points: [
    { week: '2026-11-16T00:00:00.000Z', level: null, distribution: [] },
    { week: '2026-11-23T00:00:00.000Z', level: 0, distribution: [1] },
    { week: '2026-11-30T00:00:00.000Z', level: 1, distribution: [0, 1] },
  ],
};

export const organisationResponse: OrganisationMaturityResponse = {
  computedAt: '2026-12-06T08:00:00.000Z',
  levels,
  distribution: [1, 3, 1, 0, 0],
  teams: [
    {
      entityRef: 'group:default/team-checkout',
      title: 'Checkout',
      level: 1,
      distribution: [0, 2, 1, 0, 0],
      components: 3,
    },
    {
      entityRef: 'group:default/team-platform',
      level: 0,
      distribution: [1, 1, 0, 0, 0],
      components: 2,
    },
    {
      entityRef: 'group:default/team-empty',
      level: null,
      distribution: [0, 0, 0, 0, 0],
      components: 0,
    },
  ],
  pillars: [
    { pillar: 'collaboration', pass: 9, fail: 3, unknown: 0 },
    { pillar: 'observability', pass: 1, fail: 1, unknown: 8 },
    { pillar: 'shift-left', pass: 0, fail: 0, unknown: 5 },
  ],
  initiatives: [
    {
      id: 'checkout-reliable',
      title: 'Checkout reliable',
      target: { level: 3 },
      scope: { teams: ['group:default/team-checkout'] },
      startsAt: '2026-11-01',
      deadline: '2027-03-31',
      owners: ['group:default/team-checkout'],
      progress: {
        components: 3,
        done: 1,
        ratio: 1 / 3,
        complete: false,
        remaining: [
          'component:default/cart-service',
          'component:default/payments-service',
        ],
      },
      history: [
        { week: '2026-11-23T00:00:00.000Z', done: 0, components: 3 },
        { week: '2026-11-30T00:00:00.000Z', done: 1, components: 3 },
      ],
      teams: ['group:default/team-checkout', 'group:default/team-payments'],
    },
    {
      id: 'java-runbooks',
      title: 'Runbooks for Java services',
      target: { checks: ['runbook'] },
      scope: { tags: ['java'] },
      startsAt: '2026-11-01',
      deadline: '2026-12-01',
      owners: [],
      progress: {
        components: 0,
        done: 0,
        ratio: null,
        complete: false,
        remaining: [],
      },
      history: [{ week: '2026-11-30T00:00:00.000Z', done: 0, components: 0 }],
      teams: [],
    },
  ],
};

type Mocked<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? jest.Mock<R, A>
    : T[K];
};

/** A fake maturity API answering the fixtures; override any method. */
export function fakeMaturityApi(
  overrides: Partial<MaturityApi> = {},
): Mocked<MaturityApi> {
  return {
    getEntity: jest.fn(async (entityRef: string) =>
      entityRef.startsWith('group:') ? groupResponse : componentResponse,
    ),
    getHistory: jest.fn(async (entityRef: string) => ({
      ...historyResponse,
      entityRef,
    })),
    getOrganisation: jest.fn(async () => organisationResponse),
    getInitiatives: jest.fn(async () => ({
      computedAt: organisationResponse.computedAt,
      items: organisationResponse.initiatives,
    })),
    getLevels: jest.fn(async (_entityRefs: string[]) => ({ items: {} })),
    ...(overrides as object),
  } as Mocked<MaturityApi>;
}

export const cartEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

export const checkoutTeamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: ['team-payments'] },
};
