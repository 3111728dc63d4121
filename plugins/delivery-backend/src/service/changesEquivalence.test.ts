/*
 * The lead-time breakdown is read from change_facts (kept at ingestion) with the
 * stage quantiles taken in the database. This test holds that path to the reference,
 * delivery-common's `leadTimeBreakdown`: for seeded random changes and deployments
 * (times in random offsets, changes shipped by two deployments, commits deployed
 * before their change merged, unreviewed and reviewed-after-merge changes, changes
 * not deployed, one PR sent for two components, duplicate reports of a rollout,
 * re-sends that change merges, commits and deployments), the API's breakdown, its
 * weekly flow and the listed changes' stages must equal the reference, on SQLite
 * and PostgreSQL, under two production lists (the facts rebuilt between them).
 */
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChangeEvent,
  changeDeployment,
  changeStages,
  DeliveryEvent,
  DeploymentEvent,
  leadTimeBreakdown,
  productionEnvironmentSet,
  toMillis,
  weekWindows,
} from '@internal/backstage-plugin-delivery-common';
import type { ListedChange } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { DeliveryStore } from '../database/DeliveryStore';
// Seeded, so a failure can be replayed.
import { random } from '../demo/demoRandom';
import { ChangesService } from './changes';

const COMPONENTS = ['alpha', 'beta', 'gamma'];
const ref = (name: string) => `component:default/${name}`;
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
const OFFSETS = ['UTC', 'UTC+2', 'UTC-5', 'UTC+5:30', 'UTC-9:30', 'UTC+14'];

/** About 40 days of changes and the deployments shipping them, three components. */
function generateEvents(seed: number): DeliveryEvent[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  // The same instant written in one of several offsets.
  const at = (ms: number) =>
    DateTime.fromMillis(ms, { zone: pick(OFFSETS) }).toISO()!;
  const hours = (lo: number, hi: number) =>
    Math.floor((lo + next() * (hi - lo)) * 60) * 60_000;

  const changes: ChangeEvent[] = [];
  for (let n = 0; n < 160; n++) {
    const opened = START + hours(0, 38 * 24);
    const merged = next() < 0.75 ? opened + hours(0, 72) : undefined;
    const review = next() < 0.6 ? opened + hours(0, 48) : undefined;
    const commits = Array.from({ length: Math.floor(next() * 4) }, (_, i) => ({
      sha: `s${n}-${i}`,
      // Mostly before opening, sometimes after (pushed to the open PR).
      committedAt: at(opened - hours(-6, 60)),
    }));
    const change: ChangeEvent = {
      kind: 'change',
      source: pick(['github', 'gitlab']),
      id: `pr${n}`,
      entityRef: ref(pick(COMPONENTS)),
      number: n,
      openedAt: at(opened),
      ...(next() < 0.2 ? { firstCommitAt: at(opened - hours(0, 30)) } : {}),
      ...(review !== undefined ? { firstReviewAt: at(review) } : {}),
      ...(merged !== undefined ? { mergedAt: at(merged) } : {}),
      ...(merged === undefined && next() < 0.3
        ? { closedAt: at(opened + hours(0, 100)) }
        : {}),
      ...(merged !== undefined && next() < 0.8
        ? { mergeCommitSha: `m${n}` }
        : {}),
      ...(next() < 0.7
        ? {
            additions: Math.floor(next() ** 3 * 2000),
            deletions: Math.floor(next() * 300),
          }
        : {}),
      commits,
    };
    changes.push(change);
    // One PR touching two components: sent once per component, ids of their own.
    if (next() < 0.1) {
      const other = pick(COMPONENTS.filter(c => ref(c) !== change.entityRef));
      changes.push({ ...change, id: `pr${n}-${other}`, entityRef: ref(other) });
    }
  }

  const deployments: DeploymentEvent[] = [];
  for (let n = 0; n < 130; n++) {
    const component = pick(COMPONENTS);
    const finished = START + hours(0, 41 * 24);
    const own = changes.filter(c => c.entityRef === ref(component));
    // Shas of the component's changes: merge commits and their commits, some of
    // them merged only after this deployment (a commit shipped before its merge).
    const shas = Array.from({ length: Math.floor(next() * 5) }, () => {
      const c = pick(own);
      return next() < 0.6 && c.mergeCommitSha
        ? c.mergeCommitSha
        : c.commits[0]?.sha ?? `other-${n}`;
    });
    const status = pick([
      'success',
      'success',
      'success',
      'failure',
      'cancelled',
      'in_progress',
    ] as const);
    const deployment: DeploymentEvent = {
      kind: 'deployment',
      source: pick(['github', 'github', 'gitlab']),
      id: `d${n}`,
      entityRef: ref(component),
      environment: pick(['production', 'production', 'Prod', 'staging']),
      status,
      startedAt: at(finished - HOUR / 2),
      ...(status === 'in_progress' ? {} : { finishedAt: at(finished) }),
      commits: [...new Set(shas)].map(sha => ({
        sha,
        committedAt: at(finished - HOUR),
      })),
    };
    deployments.push(deployment);
    // Argo CD reporting the same rollout minutes apart: a duplicate for DORA, yet
    // a successful production deployment that may ship a change first.
    if (status === 'success' && next() < 0.3) {
      deployments.push({
        ...deployment,
        source: 'argocd',
        id: `a${n}`,
        finishedAt: at(finished + hours(-0.2, 0.1)),
        commits: deployment.commits.slice(Math.floor(next() * 2)),
      });
    }
  }

  const events: DeliveryEvent[] = [];
  // Interleaved: some changes stored before the deployments shipping them, some after.
  const all = [...changes, ...deployments].sort(() => next() - 0.5);
  events.push(...all);
  // Re-sends: changes merged later or with other commits, deployments with other
  // commits, status or environment.
  for (const c of changes.filter(() => next() < 0.15)) {
    events.push({
      ...c,
      ...(c.mergedAt
        ? { mergedAt: at(toMillis(c.mergedAt) + hours(0, 24)) }
        : {}),
      commits: c.commits.slice(1),
    });
  }
  for (const d of deployments.filter(() => next() < 0.15)) {
    events.push({
      ...d,
      status: pick(['success', 'failure']),
      environment: pick(['production', 'staging']),
      finishedAt: d.finishedAt ?? at(START + 20 * 24 * HOUR),
      commits: d.commits.slice(0, 1),
    });
  }
  return events;
}

/** What the store holds: the last version of each (kind, source, id). */
function latest(events: DeliveryEvent[]) {
  const byIdentity = new Map<string, DeliveryEvent>();
  for (const e of events) byIdentity.set(`${e.kind}/${e.source}/${e.id}`, e);
  const all = [...byIdentity.values()];
  return {
    changes: all.filter((e): e is ChangeEvent => e.kind === 'change'),
    deployments: all
      .filter((e): e is DeploymentEvent => e.kind === 'deployment')
      .map(d => ({ ...d, finishedAt: d.finishedAt ?? null })),
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

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'lead-time breakdown on %p equals leadTimeBreakdown',
  databaseId => {
    const windows = [
      { from: '2026-03-01T00:00:00Z', to: '2026-04-15T00:00:00Z' },
      // Offsets are instants: 2026-03-09T22:00Z to 2026-03-30T10:30Z.
      { from: '2026-03-10T00:00:00+02:00', to: '2026-03-30T05:00:00-05:30' },
    ];
    const productionLists = [
      ['production', 'prod'],
      ['production', 'staging'],
    ];
    // Default reads, and reads narrowing the stage quantiles down to single values
    // over two connections (what an organisation's scope does).
    const tunings = [undefined, { fetchLimit: 1, parallelFromComponents: 2 }];

    it.each([1, 2, 3])(
      'for seed %p',
      async seed => {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const events = generateEvents(seed);
        let store = await DeliveryStore.create(
          { getClient: async () => knex },
          { productionEnvironments: productionLists[0] },
        );
        // In batches, so changes and the deployments shipping them often arrive in
        // different transactions, in either order.
        for (let i = 0; i < events.length; i += 40) {
          await store.upsert(events.slice(i, i + 40));
        }
        const stored = latest(events);

        for (const productionEnvironments of productionLists) {
          for (const readTuning of tunings) {
            store = await DeliveryStore.create(
              { getClient: async () => knex },
              { productionEnvironments, readTuning },
            );
            const service = new ChangesService({
              store,
              catalog: catalogServiceMock({ entities }),
              service: {
                authorize: async () => {},
              },
            });
            const credentials = mockCredentials.user();
            for (const window of windows) {
              const expected = (refs: string[], part = window) =>
                leadTimeBreakdown({
                  changes: stored.changes.filter(c =>
                    refs.includes(c.entityRef),
                  ),
                  deployments: stored.deployments,
                  ...part,
                  productionEnvironments,
                });
              const team = await service.breakdown(
                { entityRef: 'group:default/team', ...window },
                credentials,
              );
              const reference = expected(COMPONENTS.map(ref));
              expect(rounded(team)).toEqual(rounded(reference));
              // Not degenerate: every kind of change is there to compare.
              expect(reference.changes).toBeGreaterThan(10);
              expect(reference.reviewed).toBeGreaterThan(2);
              expect(reference.unreviewed).toBeGreaterThan(2);
              expect(reference.awaitingDeploy).toBeGreaterThan(2);

              for (const name of COMPONENTS) {
                const one = await service.breakdown(
                  { entityRef: ref(name), ...window },
                  credentials,
                );
                expect(rounded(one)).toEqual(rounded(expected([ref(name)])));
              }

              const flow = await service.flow(
                { entityRef: 'group:default/team', ...window },
                credentials,
              );
              const weeks = weekWindows(
                toMillis(window.from),
                toMillis(window.to),
              ).map(w => ({
                from: new Date(w.from).toISOString(),
                to: new Date(w.to).toISOString(),
              }));
              expect(flow.weeks.map(w => ({ from: w.from, to: w.to }))).toEqual(
                weeks,
              );
              flow.weeks.forEach((week, i) => {
                expect(rounded(week.breakdown)).toEqual(
                  rounded(expected(COMPONENTS.map(ref), weeks[i])),
                );
              });
            }
          }
          await expectListedAsReference(
            store,
            stored,
            productionEnvironments,
            windows[0],
          );
        }
      },
      60_000,
    );
  },
);

/**
 * Every change the team's window list holds is one the reference counts or counts
 * as awaiting deploy, each once, with the reference's deployment and stages.
 */
async function expectListedAsReference(
  store: DeliveryStore,
  stored: ReturnType<typeof latest>,
  productionEnvironments: string[],
  window: { from: string; to: string },
) {
  const service = new ChangesService({
    store,
    catalog: catalogServiceMock({ entities }),
    service: { authorize: async () => {} },
  });
  const listed: ListedChange[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.list(
      { entityRef: 'group:default/team', ...window, limit: 7, cursor },
      mockCredentials.user(),
    );
    listed.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  const production = productionEnvironmentSet(productionEnvironments);
  const [from, to] = [toMillis(window.from), toMillis(window.to)];
  const expected = stored.changes.flatMap(change => {
    if (!change.mergedAt) return [];
    const deployment = changeDeployment(change, stored.deployments, production);
    const finished = deployment ? toMillis(deployment.finishedAt!) : null;
    const merged = toMillis(change.mergedAt);
    const counted = finished !== null && finished >= from && finished < to;
    const awaiting =
      merged >= from && merged < to && (finished === null || finished >= to);
    if (!counted && !awaiting) return [];
    return [
      {
        id: change.id,
        state: counted ? 'deployed' : 'awaiting-deploy',
        deployment: deployment && `${deployment.source}/${deployment.id}`,
        stages: finished === null ? undefined : changeStages(change, finished),
      },
    ];
  });
  const actual = listed.map(c => ({
    id: c.id,
    state: c.state,
    deployment: c.deployment && `${c.deployment.source}/${c.deployment.id}`,
    stages: c.stages,
  }));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  expect(rounded(actual.sort(byId))).toEqual(rounded(expected.sort(byId)));
  // Newest first: merge times never increase down the list.
  const merges = listed.map(c => toMillis(c.mergedAt!));
  expect(merges).toEqual([...merges].sort((a, b) => b - a));
}
