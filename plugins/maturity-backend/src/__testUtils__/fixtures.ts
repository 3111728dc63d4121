/*
 * A small organisation for the maturity backend's tests, with facts whose levels are
 * worked out by hand against the default rubric:
 *
 *   org (organization) -> team-a (team) -> team-a1, team-a2;  team-b
 *   alpha  team-a1, system shop: passes every check of levels 1-4 (progressive delivery
 *          has no source: not applicable)                                   -> level 4
 *   beta   team-a2: owner, PagerDuty, 10 github deployments (level 1); no runbook,
 *          30 days of data, no SLO, no pre-production deploys (level 2 fails) -> level 1
 *   gamma  team-b: no on-call annotation (level 1 fails)                    -> level 0
 *   delta  team-a: the delivery provider answers nothing for it: "deployments reported
 *          by CI" is unknown, which holds level 1 back                      -> level 0
 *
 * team-a pools its own and its child teams' components: delta 0, alpha 4, beta 1 ->
 * level 0 (the least mature), distribution [1, 1, 0, 0, 1]; its child teams differ:
 * team-a1 level 4, team-a2 level 1.
 */
import { Entity } from '@backstage/catalog-model';
import type {
  DeliveryFacts,
  DeployGateFacts,
  GoldenPathFacts,
  SloFacts,
} from '@internal/backstage-plugin-maturity-common';
import type { MaturityFactProvider } from '@internal/backstage-plugin-maturity-node';

const DAY = 86_400_000;

export const group = (
  name: string,
  children: string[] = [],
  type = 'team',
  parent?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, children },
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

export const component = (
  name: string,
  owner: string,
  options: {
    system?: string;
    /** `spec.type`; default service. */
    type?: string;
    annotations?: Record<string, string>;
    links?: { url: string; title?: string }[];
    tags?: string[];
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: options.annotations ?? {},
    links: options.links ?? [],
    tags: options.tags ?? [],
  },
  spec: {
    type: options.type ?? 'service',
    owner,
    ...(options.system ? { system: options.system } : {}),
  },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(options.system
      ? [{ type: 'partOf', targetRef: `system:default/${options.system}` }]
      : []),
  ],
});

const pagerduty = { 'pagerduty.com/service-id': 'P123' };

export const entities: Entity[] = [
  group('org', ['team-a'], 'organization'),
  group('team-a', ['team-a1', 'team-a2'], 'team', 'org'),
  group('team-a1', [], 'team', 'team-a'),
  group('team-a2', [], 'team', 'team-a'),
  group('team-b'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'team-a' },
  },
  component('alpha', 'team-a1', {
    system: 'shop',
    annotations: pagerduty,
    links: [{ url: 'https://wiki.example/alpha-runbook', title: 'Runbook' }],
    tags: ['payments'],
  }),
  component('beta', 'team-a2', { annotations: pagerduty }),
  component('gamma', 'team-b'),
  component('delta', 'team-a', {
    annotations: { 'opsgenie.com/team': 'delta' },
  }),
  // A library: the default rubric rates services and websites only.
  component('toolkit', 'team-a1', { type: 'library' }),
];

export const ALPHA = 'component:default/alpha';
export const BETA = 'component:default/beta';
export const GAMMA = 'component:default/gamma';
export const DELTA = 'component:default/delta';

/** Every team-a component at level 1 by mid-2099, driven by user:default/lead. */
export const initiative = {
  id: 'repeatable-a',
  title: 'Team A repeatable',
  target: { level: 1 },
  scope: { teams: ['team-a'] },
  startsAt: '2026-01-01',
  deadline: '2099-06-30',
  owners: ['user:default/lead'],
};

/** The facts each fake provider answers, relative to the run's instant. */
export function deliveryFacts(now: Date): Record<string, DeliveryFacts> {
  const base = {
    windowDays: 90,
    changeFailureRate: { ratio: 0.02, band: 'elite' as const },
    recovery: {
      failures: 0,
      unrecovered: 0,
      medianHours: null,
      band: 'unknown' as const,
    },
  };
  return {
    // 120 days of data; 108 production deploys in 90 days = 1.2 a day; 6 h lead time
    [ALPHA]: {
      ...base,
      dataSince: new Date(now.getTime() - 120 * DAY).toISOString(),
      deploymentsBySource: { github: 110, argocd: 108 },
      productionDeployments: 108,
      preProductionDeployments: 100,
      deploymentsPerDay: 1.2,
      leadTimeMedianHours: 6,
    },
    // 30 days of data only; 10 production deploys, none before production
    [BETA]: {
      ...base,
      dataSince: new Date(now.getTime() - 30 * DAY).toISOString(),
      deploymentsBySource: { github: 10 },
      productionDeployments: 10,
      preProductionDeployments: 0,
      deploymentsPerDay: 10 / 90,
      leadTimeMedianHours: 30,
    },
    [GAMMA]: {
      ...base,
      dataSince: new Date(now.getTime() - 200 * DAY).toISOString(),
      deploymentsBySource: { jenkins: 4 },
      productionDeployments: 4,
      preProductionDeployments: 4,
      deploymentsPerDay: 4 / 90,
      leadTimeMedianHours: 48,
    },
  };
}

export const sloFacts: Record<string, SloFacts> = {
  [ALPHA]: {
    objectives: [
      {
        name: 'availability',
        hasMetricSource: true,
        alerting: true,
        periodsMet: [true, true, false],
      },
    ],
  },
  [BETA]: { objectives: [] },
  [GAMMA]: { objectives: [] },
  [DELTA]: { objectives: [] },
};

export const goldenPathFacts: Record<string, GoldenPathFacts> = {
  [ALPHA]: {
    template: 'template:default/typescript-service',
    version: '2.1.0',
    latestVersion: '2.1.0',
    drift: 'current',
    testsAndScansBeforeProduction: true,
  },
  [BETA]: {},
  [GAMMA]: {},
  [DELTA]: {},
};

export const deployGateFacts: Record<string, DeployGateFacts> = {
  [ALPHA]: { windowDays: 30, decisions: 12 },
  [BETA]: { windowDays: 30, decisions: 0 },
  [GAMMA]: { windowDays: 30, decisions: 0 },
  [DELTA]: { windowDays: 30, decisions: 0 },
};

/** In-process providers answering the facts above; `down` makes one throw. */
export function fakeProviders() {
  const state = { down: new Set<string>(), calls: [] as string[][] };
  const provider = <D extends MaturityFactProvider['domain']>(
    domain: D,
    factsOf: (now: Date) => Record<string, unknown>,
  ): MaturityFactProvider =>
    ({
      domain,
      collect: async (refs: string[], { now }: { now: Date }) => {
        state.calls.push([domain, ...refs]);
        if (state.down.has(domain)) {
          throw new Error(`connect ECONNREFUSED 127.0.0.1:1 (${domain})`);
        }
        const all = factsOf(now);
        return new Map(
          refs.filter(ref => all[ref]).map(ref => [ref, all[ref]]),
        );
      },
    } as unknown as MaturityFactProvider);
  return {
    state,
    providers: [
      provider('delivery', deliveryFacts),
      provider('slo', () => sloFacts),
      provider('goldenPath', () => goldenPathFacts),
      provider('deployGate', () => deployGateFacts),
    ],
  };
}
