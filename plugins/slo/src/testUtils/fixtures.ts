/*
 * Answers of the SLO backend (slo-common's api.ts contract) for the demo component
 * checkout-service, evaluated at 2026-01-29T00:00Z over a rolling 28-day window
 * (2026-01-01T00:00Z .. 2026-01-29T00:00Z, 2,419,200,000 ms). Every figure is worked out
 * by hand in the comments; evaluate.fixture.test.ts checks the headline figures against
 * slo-common's evaluator fed with the same counts.
 */
import { Entity } from '@backstage/catalog-model';
import type {
  BurnRateTierReport,
  DeploymentImpactResponse,
  ObjectiveReport,
  ObjectivesResponse,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import { budgetWithoutFigures } from '@internal/backstage-plugin-slo-common/testUtils';
import { SloApi } from '../api/types';

export const ENTITY_REF = 'component:default/checkout-service';
export const WINDOW = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-29T00:00:00.000Z',
};
export const WINDOW_MS = 28 * 86_400_000; // 2,419,200,000
const NOW = WINDOW.to;

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    namespace: 'default',
    annotations: {
      'slo.acme-portal.io/openslo-file': './slo/checkout-service.yaml',
    },
  },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

export const checkoutSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'order-management', namespace: 'default' },
  spec: { owner: 'team-checkout' },
};

const prometheus = {
  id: 'prometheus:default',
  type: 'prometheus',
  url: 'http://prometheus.acme.internal:9090',
};

const AVAILABILITY_QUERIES = [
  'sum(increase(http_requests_total{job="checkout",code=~"5.."}[1h]))',
  'sum(increase(http_requests_total{job="checkout"}[1h]))',
];
const RECENT_QUERIES = [
  'sum(increase(http_requests_total{job="checkout",code=~"5.."}[5m]))',
  'sum(increase(http_requests_total{job="checkout"}[5m]))',
];

/**
 * Tier thresholds for a 28-day (672 h) window, p * W / long window:
 * page-fast 0.02 * 672 / 1 = 13.44; page-slow 0.05 * 672 / 6 = 5.6;
 * ticket-fast 0.1 * 672 / 24 = 2.8; ticket-slow 0.1 * 672 / 72 = 0.933333333333 is
 * below 1, so the evaluator drops it (`.slice(0, 3)` where a report lists tiers).
 */
function tiers(
  rates: Array<[number | null, number | null, 'ok' | 'firing' | 'unknown']>,
): BurnRateTierReport[] {
  const specs = [
    ['page-fast', 'page', 3_600_000, 13.44],
    ['page-slow', 'page', 6 * 3_600_000, 5.6],
    ['ticket-fast', 'ticket', 24 * 3_600_000, 2.8],
    ['ticket-slow', 'ticket', 72 * 3_600_000, 0.933333333333],
  ] as const;
  return specs.map(([tier, severity, longWindowMs, threshold], i) => ({
    tier,
    severity,
    longWindowMs,
    shortWindowMs: longWindowMs / 12,
    threshold,
    longBurnRate: rates[i][0],
    shortBurnRate: rates[i][1],
    state: rates[i][2],
  }));
}

/**
 * 99.9% of checkout requests succeed. Over the window: 1,000,000 requests, 400 failed.
 *   SLI = 1 - 400 / 1,000,000 = 0.9996
 *   B = 1 - 0.999 = 0.001; error ratio 0.0004; burn rate 0.0004 / 0.001 = 0.4
 *   remaining = 1 - 0.4 = 0.6; consumed 0.4
 *   bad events left = 0.001 * 1,000,000 - 400 = 600
 *   time left (full outage) = 0.6 * 0.001 * 2,419,200,000 ms = 1,451,520 ms (24 min 12 s)
 *   last hour: 12,000 requests, 6 failed: 0.0005 / 0.001 = burn rate 0.5
 *   time to exhaustion = 0.6 * 2,419,200,000 / 0.5 = 2,903,040,000 ms (33 d 14 h 24 min)
 * Recent 5-minute steps of 1,000 requests, the last six with one failure each:
 *   1h: 6 / 12,000 -> 0.5; 5m: 1 / 1,000 -> 1; 6h: 6 / 72,000 -> 0.0833333333333;
 *   30m: 6 / 6,000 -> 1; 1d: 6 / 288,000 -> 0.0208333333333; 2h: 6 / 24,000 -> 0.25;
 *   3d: 6 / 864,000 -> 0.00694444444444.
 */
export const availability: ObjectiveReport = {
  id: 'checkout-availability',
  entityRef: ENTITY_REF,
  definition: {
    id: 'checkout-availability',
    sloName: 'checkout-availability',
    displayName: 'Checkout requests succeed',
    description: 'Requests to the checkout API that do not fail with a 5xx.',
    service: 'checkout-service',
    indicatorName: 'checkout-errors',
    indicator: {
      kind: 'ratio',
      bad: {
        query: 'http_requests_total{job="checkout",code=~"5.."}',
        sourceType: 'Prometheus',
      },
      total: {
        query: 'http_requests_total{job="checkout"}',
        sourceType: 'Prometheus',
      },
    },
    target: 0.999,
    window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
    budgeting: { method: 'occurrences' },
  },
  source: prometheus,
  window: WINDOW,
  evaluatedAt: NOW,
  dataQuality: {
    status: 'ok',
    lowTraffic: false,
    coverage: 1,
    reason: 'all intervals have data',
  },
  counts: { good: 999_600, bad: 400, total: 1_000_000 },
  sli: 0.9996,
  budget: {
    total: 0.001,
    consumed: 0.4,
    remaining: 0.6,
    badEventsLeft: 600,
    timeLeftMs: 1_451_520,
    timeToExhaustionMs: 2_903_040_000,
    windowBurnRate: 0.4,
    currentBurnRate: 0.5,
  },
  burnRates: tiers([
    [0.5, 1, 'ok'],
    [0.0833333333333, 1, 'ok'],
    [0.0208333333333, 0.25, 'ok'],
    [0.00694444444444, 0.0833333333333, 'ok'],
  ]).slice(0, 3),
  state: 'ok',
  frozen: false,
  // Weekly points (the backend answers hourly ones); Jan 22 had no samples.
  burndown: [
    { t: '2026-01-08T00:00:00.000Z', remaining: 1, ideal: 0.75 },
    { t: '2026-01-15T00:00:00.000Z', remaining: 0.4, ideal: 0.5 },
    { t: '2026-01-22T00:00:00.000Z', remaining: null, ideal: 0.25 },
    { t: '2026-01-29T00:00:00.000Z', remaining: 0.6, ideal: 0 },
  ],
  indicatorSeries: [
    { t: '2026-01-08T00:00:00.000Z', value: 1 },
    { t: '2026-01-15T00:00:00.000Z', value: 0.9982 },
    { t: '2026-01-22T00:00:00.000Z', value: null },
    { t: '2026-01-29T00:00:00.000Z', value: 0.9998 },
  ],
  compliance: [
    {
      period: '2025-11',
      kind: 'month',
      from: '2025-11-01T00:00:00.000Z',
      to: '2025-12-01T00:00:00.000Z',
      value: 0.99953,
      met: true,
      inProgress: false,
    },
    {
      period: '2025-12',
      kind: 'month',
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
      value: 0.9987,
      met: false,
      inProgress: false,
    },
    {
      period: '2026-01',
      kind: 'month',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      value: 0.9996,
      met: true,
      inProgress: true,
    },
  ],
  explanations: {
    sli: {
      formula: 'SLI = 1 - error ratio = 1 - 0.0004 = 0.9996',
      from: WINDOW.from,
      to: NOW,
      counts: { good: 999_600, bad: 400, total: 1_000_000 },
      queries: AVAILABILITY_QUERIES,
    },
    errorRatio: {
      formula: 'error ratio = sum(bad) / sum(total) = 400 / 1000000 = 0.0004',
      from: WINDOW.from,
      to: NOW,
      counts: { good: 999_600, bad: 400, total: 1_000_000 },
      queries: AVAILABILITY_QUERIES,
    },
    budgetRemaining: {
      formula:
        'budget remaining = 1 - error ratio / B = 1 - 0.0004 / 0.001 = 0.6',
      from: WINDOW.from,
      to: NOW,
      counts: { good: 999_600, bad: 400, total: 1_000_000 },
      queries: AVAILABILITY_QUERIES,
    },
    badEventsLeft: {
      formula:
        'bad events left = B * total - bad = 0.001 * 1000000 - 400 = 600',
      from: WINDOW.from,
      to: NOW,
      counts: { good: 999_600, bad: 400, total: 1_000_000 },
      queries: AVAILABILITY_QUERIES,
    },
    currentBurnRate: {
      formula:
        'current burn rate = error ratio over the last 1h / B = 0.0005 / 0.001 = 0.5',
      from: '2026-01-28T23:00:00.000Z',
      to: NOW,
      counts: { good: 11_994, bad: 6, total: 12_000 },
      queries: RECENT_QUERIES,
    },
    budgetTotal: {
      formula: 'B = 1 - target = 1 - 0.999 = 0.001',
      from: WINDOW.from,
      to: NOW,
      queries: AVAILABILITY_QUERIES,
    },
    'burnRate:page-fast': {
      formula:
        'fires when both burn rates >= p * window / long window = 0.02 * 28d / 1h = 13.44; long (1h) = 0.5, short (5m) = 1: ok',
      from: '2026-01-28T23:00:00.000Z',
      to: NOW,
      queries: RECENT_QUERIES,
    },
  },
  freshness: {
    lastSuccessAt: NOW,
    lastError: null,
    lastErrorAt: null,
    stale: false,
  },
  exhaustedSince: null,
};

/**
 * 99% of checkout requests faster than 300 ms, budget overspent; Prometheus timed out
 * since 21:00, so these are the last good figures (stale).
 *   200,000 requests, 3,000 slower: SLI = 197,000 / 200,000 = 0.985
 *   B = 0.01; error ratio 0.015; burn rate 1.5; remaining 1 - 1.5 = -0.5; consumed 1.5
 *   bad events left = 0.01 * 200,000 - 3,000 = -1,000
 *   time left = -0.5 * 0.01 * 2,419,200,000 = -12,096,000 ms; exhausted: time to exhaustion 0
 */
export const latency: ObjectiveReport = {
  id: 'checkout-latency',
  entityRef: ENTITY_REF,
  definition: {
    id: 'checkout-latency',
    sloName: 'checkout-latency',
    displayName: 'Checkout responds within 300 ms',
    service: 'checkout-service',
    indicator: {
      kind: 'latency',
      metric: 'http_request_duration_seconds',
      selector: 'job="checkout"',
      thresholdSeconds: 0.3,
    },
    target: 0.99,
    window: { kind: 'rolling', duration: { value: 28, unit: 'd' } },
    budgeting: { method: 'occurrences' },
    burnRateTiers: ['page-fast', 'page-slow'],
  },
  source: prometheus,
  window: { from: '2025-12-31T21:00:00.000Z', to: '2026-01-28T21:00:00.000Z' },
  evaluatedAt: '2026-01-28T21:00:00.000Z',
  dataQuality: {
    status: 'ok',
    lowTraffic: false,
    coverage: 1,
    reason: 'all intervals have data',
  },
  counts: { good: 197_000, bad: 3_000, total: 200_000 },
  sli: 0.985,
  budget: {
    total: 0.01,
    consumed: 1.5,
    remaining: -0.5,
    badEventsLeft: -1000,
    timeLeftMs: -12_096_000,
    timeToExhaustionMs: 0,
    windowBurnRate: 1.5,
    currentBurnRate: 2,
  },
  burnRates: tiers([
    [2, 2.4, 'ok'],
    [6.2, 7, 'firing'],
    [0, 0, 'ok'],
    [0, 0, 'ok'],
  ]).slice(0, 2),
  state: 'exhausted',
  frozen: true,
  burndown: [
    { t: '2026-01-07T21:00:00.000Z', remaining: 0.8, ideal: 0.75 },
    { t: '2026-01-14T21:00:00.000Z', remaining: 0.2, ideal: 0.5 },
    { t: '2026-01-21T21:00:00.000Z', remaining: -0.3, ideal: 0.25 },
    { t: '2026-01-28T21:00:00.000Z', remaining: -0.5, ideal: 0 },
  ],
  indicatorSeries: [
    { t: '2026-01-07T21:00:00.000Z', value: 0.992 },
    { t: '2026-01-14T21:00:00.000Z', value: 0.981 },
    { t: '2026-01-21T21:00:00.000Z', value: 0.978 },
    { t: '2026-01-28T21:00:00.000Z', value: 0.989 },
  ],
  compliance: [],
  explanations: {
    budgetRemaining: {
      formula:
        'budget remaining = 1 - error ratio / B = 1 - 0.015 / 0.01 = -0.5',
      from: '2025-12-31T21:00:00.000Z',
      to: '2026-01-28T21:00:00.000Z',
      counts: { good: 197_000, bad: 3_000, total: 200_000 },
      queries: [
        'sum(increase(http_request_duration_seconds_bucket{le="0.3",job="checkout"}[1h]))',
        'sum(increase(http_request_duration_seconds_count{job="checkout"}[1h]))',
      ],
    },
  },
  freshness: {
    lastSuccessAt: '2026-01-28T21:00:00.000Z',
    lastError: 'prometheus:default: query timed out after 30s',
    lastErrorAt: NOW,
    stale: true,
  },
  exhaustedSince: '2026-01-19T06:00:00.000Z',
};

export const objectivesResponse: ObjectivesResponse = {
  entityRef: ENTITY_REF,
  definitionSources: ['./slo/checkout-service.yaml'],
  objectives: [availability, latency],
  definitionErrors: [],
  metricSourceConfigured: true,
};

/** Only the availability objective, fresh. */
export const healthyResponse: ObjectivesResponse = {
  ...objectivesResponse,
  objectives: [availability],
};

export const emptyResponse: ObjectivesResponse = {
  entityRef: ENTITY_REF,
  definitionSources: [],
  objectives: [],
  definitionErrors: [],
};

/** `yarn start` without Prometheus: definitions, no figures. */
export const noSourceResponse: ObjectivesResponse = {
  entityRef: ENTITY_REF,
  definitionSources: ['./slo/checkout-service.yaml'],
  metricSourceConfigured: false,
  definitionErrors: [],
  objectives: [
    {
      ...availability,
      source: { id: 'none', type: 'none' },
      dataQuality: {
        status: 'no_data',
        lowTraffic: false,
        coverage: 0,
        reason: 'no metric source is configured',
      },
      counts: null,
      sli: null,
      budget: budgetWithoutFigures(0.001),
      burnRates: [],
      state: 'unknown',
      burndown: [],
      indicatorSeries: [],
      compliance: [],
      explanations: {},
    },
  ],
};

/** System roll-up: worst first is checkout (frozen), then search (warning). */
export const systemStatus: StatusResponse = {
  entityRef: 'system:default/order-management',
  state: 'exhausted',
  frozen: true,
  components: [
    {
      entityRef: 'component:default/cart-service',
      state: 'ok',
      objectives: 1,
      worstBudgetRemaining: 0.82,
      frozen: false,
    },
    {
      entityRef: 'component:default/search-service',
      state: 'warning',
      objectives: 2,
      worstBudgetRemaining: 0.18,
      frozen: false,
    },
    {
      entityRef: ENTITY_REF,
      state: 'exhausted',
      objectives: 2,
      worstBudgetRemaining: -0.5,
      frozen: true,
    },
    {
      entityRef: 'component:default/legacy-invoicing',
      state: 'unknown',
      objectives: 0,
      worstBudgetRemaining: null,
      frozen: false,
    },
  ],
};

export const checkoutStatus: StatusResponse = {
  entityRef: ENTITY_REF,
  state: 'exhausted',
  frozen: true,
  components: [systemStatus.components[2]],
};

/** Deployments of checkout-service as the delivery backend lists them. */
export const deliveryDeployments = [
  {
    kind: 'deployment' as const,
    source: 'github',
    id: 'd1',
    entityRef: ENTITY_REF,
    environment: 'production',
    status: 'success' as const,
    startedAt: '2026-01-14T11:50:00.000Z',
    finishedAt: '2026-01-14T12:00:00.000Z',
    version: 'v2.4.0',
    url: 'https://github.com/acme-retail/checkout-service/actions/runs/1',
    commits: [],
  },
  {
    kind: 'deployment' as const,
    source: 'argocd',
    id: 'sync-7',
    entityRef: ENTITY_REF,
    environment: 'production',
    status: 'success' as const,
    startedAt: '2026-01-19T23:58:00.000Z',
    finishedAt: '2026-01-20T00:00:00.000Z',
    version: 'v2.4.1',
    commits: [],
  },
  {
    kind: 'deployment' as const,
    source: 'github',
    id: 'd0',
    entityRef: ENTITY_REF,
    environment: 'staging',
    status: 'success' as const,
    startedAt: '2026-01-13T09:00:00.000Z',
    finishedAt: '2026-01-13T09:05:00.000Z',
    version: 'v2.4.0-rc1',
    commits: [],
  },
];

/** v2.4.1 went out while the latency budget was exhausted (since Jan 19 06:00). */
export const impactResponse: DeploymentImpactResponse = {
  entityRef: ENTITY_REF,
  impacts: [
    {
      deploymentId: 'github/d1',
      finishedAt: '2026-01-14T12:00:00.000Z',
      consumedAfter: 0.02,
      consumedBefore: 0.01,
      hours: 6,
      madeWhileFrozen: false,
    },
    {
      deploymentId: 'argocd/sync-7',
      finishedAt: '2026-01-20T00:00:00.000Z',
      consumedAfter: 0.05,
      consumedBefore: 0.04,
      hours: 6,
      madeWhileFrozen: true,
    },
  ],
};

type Fake = { [K in keyof SloApi]: jest.Mock };

export function fakeSloApi(overrides: Partial<Fake> = {}): Fake {
  return {
    getObjectives: jest.fn(async () => objectivesResponse),
    getStatus: jest.fn(async () => checkoutStatus),
    getPolicy: jest.fn(async () => ({
      entityRef: ENTITY_REF,
      frozen: true,
      exhaustedObjectives: ['checkout-latency'],
      frozenSince: '2026-01-19T06:00:00.000Z',
      reason: 'checkout-latency: budget exhausted',
    })),
    getDeploymentImpact: jest.fn(async () => impactResponse),
    getCatalogHealth: jest.fn(async () => ({ items: {} })),
    getDocument: jest.fn(async () => ({
      text: 'apiVersion: openslo/v1\n',
      contentType: 'application/yaml',
    })),
    ...overrides,
  };
}

/** An error as the backend's error handler answers it, parsed by the client. */
export async function backendError(
  status: number,
  name: string,
  message: string,
): Promise<Error> {
  const { ResponseError } = await import('@backstage/errors');
  const response = new Response(
    JSON.stringify({
      error: { name, message },
      response: { statusCode: status },
    }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
  return ResponseError.fromResponse(response as any);
}

/** Which of a few kinds an entity-page extension's filter shows it on. */
export const kindsShown = (shows?: (entity: Entity) => boolean) =>
  ['Component', 'System', 'Group', 'API', 'User'].filter(kind =>
    shows?.({ ...checkoutEntity, kind }),
  );
