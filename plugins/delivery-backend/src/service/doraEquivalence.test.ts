/*
 * The DORA read path aggregates in the database (counts, lead-time quantiles from the
 * fact tables) and runs the engine only on failure and incident events. This test
 * holds it to the engine's reference: for seeded random event sets (re-sent with
 * changes, so the facts must follow updates; some of them progressive rollouts, which
 * the store settles), the API figures must equal computeDora / computeDoraSeries over
 * the same events as delivery-common `settleRollouts` settles them, on SQLite and
 * PostgreSQL; with countFlagReleasesAsDeployments too, flag changes (the store's
 * history columns and release read) against the engine's flagReleases.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DeliveryEvent,
  DeploymentEvent,
  DeploymentPhase,
  DoraOptions,
  FlagEvent,
  IncidentEvent,
  settleRollouts,
} from '@internal/backstage-plugin-delivery-common';
import {
  computeDora,
  computeDoraSeries,
} from '@internal/backstage-plugin-delivery-common/testUtils';
import { DeliveryStore } from '../database/DeliveryStore';
// Seeded, so a failure can be replayed.
import { random } from '../demo/demoRandom';
import { DeliveryService } from './DeliveryService';

const COMPONENTS = ['alpha', 'beta', 'gamma'];
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  ...COMPONENTS.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
  })),
];

const START = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The phases of a rollout that started at `start` (ms), one of: promoted canary,
 * canary aborted after 20%, aborted at 0%, still progressing, blue-green aborted
 * after its switch.
 */
function rolloutPhases(start: number, shape: number): DeploymentPhase[] {
  const at = (minutes: number) => iso(start + minutes * 60_000);
  const step = (
    kind: DeploymentPhase['kind'],
    from: number,
    to: number | undefined,
    status: DeploymentPhase['status'],
    weight?: number,
  ): DeploymentPhase => ({
    name: kind,
    kind,
    startedAt: at(from),
    ...(to === undefined ? {} : { finishedAt: at(to) }),
    status,
    ...(weight === undefined ? {} : { weight }),
  });
  switch (shape) {
    case 0:
      return [
        step('canary-step', 0, 0, 'succeeded', 10),
        step('pause', 0, 10, 'succeeded'),
        step('canary-step', 10, 10, 'succeeded', 50),
        step('promote', 20, 25, 'succeeded', 100),
      ];
    case 1:
      return [
        step('canary-step', 0, 0, 'succeeded', 20),
        step('analysis', 5, 15, 'failed', 20),
        step('abort', 15, 16, 'succeeded', 0),
      ];
    case 2:
      return [
        step('canary-step', 0, 0, 'succeeded', 0),
        step('analysis', 0, 4, 'failed'),
        step('abort', 4, 5, 'succeeded'),
      ];
    case 3:
      return [
        step('canary-step', 0, 0, 'succeeded', 10),
        step('pause', 0, undefined, 'running'),
      ];
    default:
      return [
        step('switch', 0, 1, 'succeeded'),
        step('analysis', 1, 10, 'failed'),
        step('abort', 10, 12, 'succeeded'),
      ];
  }
}

/** About 40 days of deployments and incidents of three components. */
function generateEvents(seed: number): DeliveryEvent[] {
  const next = random(seed);
  // Its own stream, so the rest of the data set is what it was without rollouts.
  const nextRollout = random(seed + 2000);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const events: DeliveryEvent[] = [];
  const deployments: DeploymentEvent[] = [];
  const incidents: IncidentEvent[] = [];
  for (let n = 0; n < 140; n++) {
    const component = pick(COMPONENTS);
    const finished = START + Math.floor(next() * 40 * 24) * HOUR;
    const earlier = deployments.filter(d => d.entityRef.endsWith(component));
    const deployment: DeploymentEvent = {
      kind: 'deployment',
      source: pick(['github', 'github', 'gitlab']),
      id: `d${n}`,
      entityRef: `component:default/${component}`,
      environment: pick(['production', 'production', 'Prod', 'staging']),
      status: pick(['success', 'success', 'success', 'failure', 'in_progress']),
      startedAt: iso(finished - HOUR / 2),
      finishedAt: iso(finished),
      // A small pool of shas per component: commits get deployed more than once.
      commits: Array.from({ length: Math.floor(next() * 4) }, () => ({
        sha: `${component}-${Math.floor(next() * 60)}`,
        // Mostly before the deployment, sometimes after (clock skew).
        committedAt: iso(finished - Math.floor((next() - 0.1) * 90) * HOUR),
      })),
    };
    if (deployment.status === 'in_progress') delete deployment.finishedAt;
    if (nextRollout() < 0.25) {
      deployment.phases = rolloutPhases(
        finished - HOUR / 2,
        Math.floor(nextRollout() * 5),
      );
    }
    if (earlier.length && next() < 0.08) {
      deployment.rollbackOf = pick(earlier).id;
    }
    if (incidents.length && next() < 0.1) {
      deployment.remediates = pick(incidents).id;
    }
    deployments.push(deployment);
    events.push(deployment);
    // Argo CD reporting the same rollout, 0 to 15 minutes apart (the default window
    // is 10), with some of its commits, sometimes naming its own earlier syncs.
    if (deployment.status === 'success' && next() < 0.35) {
      const sync: DeploymentEvent = {
        ...deployment,
        source: 'argocd',
        id: `a${n}`,
        environment:
          next() < 0.2
            ? deployment.environment.toUpperCase()
            : deployment.environment,
        startedAt: iso(finished - HOUR),
        finishedAt: iso(finished + Math.floor((next() - 0.3) * 16) * 60_000),
        commits: deployment.commits.slice(
          Math.floor(next() * deployment.commits.length),
        ),
      };
      delete sync.rollbackOf;
      delete sync.remediates;
      // One source reports the rollout's phases.
      delete sync.phases;
      const earlierSyncs = earlier.filter(d => d.source === 'argocd');
      if (earlierSyncs.length && next() < 0.2) {
        sync.rollbackOf = pick(earlierSyncs).id;
      }
      const syncIncidents = incidents.filter(i => i.source === 'argocd');
      if (syncIncidents.length && next() < 0.15) {
        sync.remediates = pick(syncIncidents).id;
      }
      deployments.push(sync);
      events.push(sync);
      if (next() < 0.3) {
        const opened = finished + Math.floor(next() * 10) * HOUR;
        const incident: IncidentEvent = {
          kind: 'incident',
          source: 'argocd',
          id: `ai${n}`,
          entityRef: deployment.entityRef,
          title: `degraded sync ${n}`,
          openedAt: iso(opened),
          resolvedAt: iso(opened + Math.floor(next() * 5) * HOUR),
          deploymentId: sync.id,
        };
        incidents.push(incident);
        events.push(incident);
      }
    }
    if (next() < 0.2) {
      const opened = finished + Math.floor(next() * 30) * HOUR;
      const incident: IncidentEvent = {
        kind: 'incident',
        source: deployment.source,
        id: `i${n}`,
        entityRef: deployment.entityRef,
        title: `incident ${n}`,
        openedAt: iso(opened),
        ...(next() < 0.7
          ? { resolvedAt: iso(opened + Math.floor(next() * 20) * HOUR) }
          : {}),
        ...(next() < 0.6 ? { deploymentId: pick(deployments).id } : {}),
      };
      incidents.push(incident);
      events.push(incident);
    }
  }
  // Re-send a fifth of the deployments changed: status, environment or commits.
  for (const original of deployments.filter(() => next() < 0.2)) {
    events.push({
      ...original,
      status: pick(['success', 'failure']),
      environment: pick(['production', 'staging']),
      finishedAt: original.finishedAt ?? iso(START + 20 * 24 * HOUR),
      commits: original.commits.slice(0, 1),
    });
  }
  return events;
}

/**
 * Feature-flag changes of the same components, from a stream of their own (so the
 * deployments and incidents above stay what they were): flags released shortly
 * before incidents and turned off while they are open or after, flags released and
 * ramped with no incident, changes in staging, and re-sends that change a flag's
 * action, time or key.
 */
function generateFlags(seed: number, incidents: IncidentEvent[]): FlagEvent[] {
  const next = random(seed + 1000);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const flags: FlagEvent[] = [];
  const add = (flag: Omit<FlagEvent, 'kind' | 'source' | 'id'>) => {
    const event: FlagEvent = {
      kind: 'flag',
      source: pick(['unleash', 'unleash', 'launchdarkly']),
      id: `f${flags.length}`,
      ...flag,
    };
    flags.push(event);
    return event;
  };
  const environment = () =>
    pick(['production', 'production', 'Prod', 'staging']);
  for (const incident of incidents.filter(() => next() < 0.6)) {
    const opened = Date.parse(incident.openedAt);
    const flagKey = pick(['checkout-v2', 'search', 'promo', 'dark-mode']);
    const env = environment();
    const base = { entityRef: incident.entityRef, flagKey, environment: env };
    add({
      ...base,
      action: pick(['on', 'rollout']),
      percentage: Math.floor(next() * 60) + 1,
      at: iso(opened - Math.floor(next() * 6) * HOUR),
    });
    add({
      ...base,
      action: pick(['off', 'off', 'rollout']),
      ...(next() < 0.7 ? { percentage: 0 } : { percentage: 5 }),
      at: iso(opened + Math.floor((next() - 0.2) * 8) * HOUR),
    });
  }
  for (let n = 0; n < 80; n++) {
    const action = pick([
      'on',
      'off',
      'rollout',
      'rollout',
      'targeting',
    ] as const);
    add({
      entityRef: `component:default/${pick(COMPONENTS)}`,
      flagKey: pick(['checkout-v2', 'search', 'promo', 'dark-mode']),
      environment: environment(),
      action,
      ...(action === 'rollout' || next() < 0.2
        ? { percentage: pick([0, 10, 25, 50, 100]) }
        : {}),
      at: iso(START + Math.floor(next() * 42 * 24) * HOUR),
    });
  }
  // Re-send a tenth changed: another action, an hour later, or another flag.
  for (const original of flags.filter(() => next() < 0.1)) {
    flags.push({
      ...original,
      action: pick(['on', 'off']),
      at: iso(Date.parse(original.at) + HOUR),
      flagKey: next() < 0.3 ? 'moved' : original.flagKey,
    });
  }
  return flags;
}

/**
 * What the store holds: the last version of each (kind, source, id), deployments
 * settled (with the rollbacks derived from aborts), and a deployment's commits once
 * per sha (the last mention wins).
 */
function latest(events: DeliveryEvent[]) {
  const byIdentity = new Map<string, DeliveryEvent>();
  for (const e of events) byIdentity.set(`${e.kind}/${e.source}/${e.id}`, e);
  const all = [...byIdentity.values()];
  return {
    deployments: settleRollouts(
      all.filter((e): e is DeploymentEvent => e.kind === 'deployment'),
    ).map(d => ({
      ...d,
      finishedAt: d.finishedAt ?? null,
      commits: [...new Map(d.commits.map(c => [c.sha, c])).values()],
    })),
    incidents: all.filter((e): e is IncidentEvent => e.kind === 'incident'),
    flags: all.filter((e): e is FlagEvent => e.kind === 'flag'),
  };
}

/** Rounds every number to 9 decimals: SQL and JS interpolate in another order. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, rounded(v)]),
    );
  }
  return value;
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'DORA read path on %p equals the engine',
  databaseId => {
    const windows = [
      { from: '2026-03-01T00:00:00Z', to: '2026-04-15T00:00:00Z' },
      // Offsets are instants: 2026-03-09T22:00Z to 2026-03-30T10:30Z.
      { from: '2026-03-10T00:00:00+02:00', to: '2026-03-30T05:00:00-05:30' },
    ];
    const settings: Array<
      Required<Pick<DoraOptions, 'productionEnvironments'>> & DoraOptions
    > = [
      { productionEnvironments: ['production', 'prod'] },
      {
        productionEnvironments: ['production', 'prod'],
        incidentAttributionWindowHours: 12,
      },
      { productionEnvironments: ['production', 'staging'] },
      // Flag releases as deployments, with another production list and attribution.
      {
        productionEnvironments: ['production', 'prod'],
        countFlagReleasesAsDeployments: true,
      },
      {
        productionEnvironments: ['production', 'staging'],
        incidentAttributionWindowHours: 12,
        countFlagReleasesAsDeployments: true,
      },
      // Another duplicate-rollout window re-decides duplicates at start; 0 is off.
      {
        productionEnvironments: ['production', 'prod'],
        duplicateRolloutWindowMinutes: 0,
      },
      {
        productionEnvironments: ['production', 'prod'],
        duplicateRolloutWindowMinutes: 30,
      },
    ];
    // Default reads, and reads that narrow lead-time slots down to single values
    // and split the scope over two connections (what an organisation's scope does).
    const tunings = [
      undefined,
      { fetchLimit: 1, parallelFromComponents: 2 },
      { fetchLimit: 4, parallelFromComponents: 2 },
    ];

    it.each([1, 2, 3])(
      'for seed %p',
      async seed => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const generated = generateEvents(seed);
        const events = [
          ...generated,
          ...generateFlags(
            seed,
            generated.filter((e): e is IncidentEvent => e.kind === 'incident'),
          ),
        ];
        let store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: settings[0].productionEnvironments },
        );
        // In batches, so re-sends land in later transactions than the originals.
        for (let i = 0; i < events.length; i += 50) {
          await store.upsert(events.slice(i, i + 50));
        }
        const stored = latest(events);

        for (const [dora, readTuning] of settings.flatMap(s =>
          tunings.map(t => [s, t] as const),
        )) {
          // A new production list rebuilds the facts at start.
          store = await DeliveryStore.create(
            { getClient: async () => knex },
            {
              productionEnvironments: dora.productionEnvironments,
              duplicateRolloutWindowMinutes: dora.duplicateRolloutWindowMinutes,
              readTuning,
            },
          );
          const service = new DeliveryService({
            store,
            catalog: catalogServiceMock({ entities }),
            permissions: mockServices.permissions(),
            dora,
          });
          for (const window of windows) {
            const answer = await service.dora(
              { entityRef: 'group:default/team', ...window, interval: 'week' },
              mockCredentials.user(),
            );
            const input = { ...stored, ...window, options: dora };
            const { entityRef, from, to, components, series, ...figures } =
              answer;
            expect(rounded(figures)).toEqual(rounded(computeDora(input)));
            expect(rounded(series)).toEqual(rounded(computeDoraSeries(input)));
            // The data set is not degenerate: there is something to compare.
            expect(figures.deploymentFrequency.deployments).toBeGreaterThan(10);
            expect(figures.leadTimeForChanges.changes).toBeGreaterThan(5);
          }
        }
        const first = computeDora({
          ...stored,
          ...windows[0],
          options: settings[1],
        });
        expect(first.changeFailureRate.failed).toBeGreaterThan(0);
        // Aborted canaries left rollbacks to count.
        expect(
          stored.deployments.filter(d => d.triggeredBy === 'rollout abort')
            .length,
        ).toBeGreaterThan(0);
        expect(first.timeToRestoreService.incidents).toBeGreaterThan(0);
        // Some reports were merged: without merging there are more deployments.
        const unmerged = computeDora({
          ...stored,
          ...windows[0],
          options: { ...settings[1], duplicateRolloutWindowMinutes: 0 },
        });
        expect(unmerged.deploymentFrequency.deployments).toBeGreaterThan(
          first.deploymentFrequency.deployments,
        );
        // Flag releases were counted, some of them failed, and they change the figures.
        const withFlags = computeDora({
          ...stored,
          ...windows[0],
          options: settings.find(o => o.countFlagReleasesAsDeployments)!,
        });
        expect(withFlags.deploymentFrequency.flagReleases).toBeGreaterThan(5);
        expect(withFlags.changeFailureRate.failedFlagReleases).toBeGreaterThan(
          0,
        );
        expect(withFlags.deploymentFrequency.deployments).toBe(
          first.deploymentFrequency.deployments +
            withFlags.deploymentFrequency.flagReleases!,
        );
      },
      120_000,
    );
  },
);
