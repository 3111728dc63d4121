import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { deploymentEventSchema } from '@internal/backstage-plugin-delivery-common';
import { setupServer } from 'msw/node';
import {
  commitMetadata,
  rolloutTree,
  serveArgocd,
} from '../__testUtils__/argocdApi';
import { checkout6Done } from '../__testUtils__/rolloutScenarios';
import {
  analysisRun,
  CHECKOUT_HASH,
  checkoutRollout,
} from '../__testUtils__/rollouts';
import {
  CHECKOUT_SHA,
  CHECKOUT_SHA_MAY16,
  checkout,
  checkoutMay16Commit,
  checkoutRolloutApp,
} from '../__testUtils__/scenario';
import { recordingSink } from '../__testUtils__/sink';
import { createArgocdClient } from '../client/client';
import { createCommitLookup } from '../client/commits';
import { ArgocdInstance } from '../config';
import { MIGRATIONS_TABLE } from '../database/migrate';
import { DatabaseRolloutMemory } from '../database/RolloutMemory';
import { claimsOf } from '../matching/claims';
import { pullInstances } from './pull';

const PROD = 'https://argocd.prod.example.com';
const server = setupServer();
registerMswTestHooks(server);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const instance: ArgocdInstance = {
  name: 'argo-prod',
  url: PROD,
  credentials: { token: 'prod-token' },
};
const MAY15 = 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z';
const MAY16 = 'argo-prod/argocd/checkout-prod/2024-05-16T09:00:00Z';
const rev6 = {
  revision: '6' as const,
  stableRS: CHECKOUT_HASH['5'],
  progressingSince: '2024-05-15T13:30:41Z',
};
const run6 = (phase: 'Running' | 'Successful') =>
  analysisRun({
    rollout: 'checkout',
    podHash: CHECKOUT_HASH['6'],
    revision: '6',
    type: 'Step',
    stepIndex: 3,
    template: 'success-rate',
    phase,
    createdAt: '2024-05-15T13:41:03Z',
    ...(phase === 'Successful' ? { completedAt: '2024-05-15T13:46:04Z' } : {}),
    measurements: [
      {
        startedAt: '2024-05-15T13:41:03Z',
        finishedAt: '2024-05-15T13:41:04Z',
        phase: 'Successful',
        value: '[0.9971]',
      },
    ],
  });

/** Argo CD with checkout-prod, its Rollout `rollout` and the AnalysisRuns `runs`. */
function serve(
  rollout: unknown,
  runs: ReturnType<typeof run6>[] = [],
  options: { may16?: boolean } = {},
) {
  server.use(
    ...serveArgocd({
      url: PROD,
      token: 'prod-token',
      apps: [checkoutRolloutApp(options)],
      revisions: {
        [`checkout-prod@${CHECKOUT_SHA}`]: commitMetadata.checkoutTimeout,
        [`checkout-prod@${CHECKOUT_SHA_MAY16}`]: checkoutMay16Commit,
      },
      resources: {
        'checkout-prod': {
          nodes: rolloutTree({
            namespace: 'checkout-prod',
            rollout: 'checkout',
            createdAt: '2024-01-08T16:46:02Z',
            replicaSets: [
              {
                podHash: CHECKOUT_HASH['5'],
                revision: '5',
                createdAt: '2024-05-10T07:00:40Z',
              },
              {
                podHash: CHECKOUT_HASH['6'],
                revision: '6',
                createdAt: '2024-05-15T13:30:41Z',
              },
            ],
            analysisRuns: runs.map(run => ({
              name: run.metadata.name,
              createdAt: run.metadata.creationTimestamp,
              health:
                run.status.phase === 'Running' ? 'Progressing' : 'Healthy',
            })),
          }),
          live: {
            'Rollout/checkout-prod/checkout': rollout,
            ...Object.fromEntries(
              runs.map(run => [
                `AnalysisRun/checkout-prod/${run.metadata.name}`,
                run,
              ]),
            ),
          },
        },
      },
    }),
  );
}

async function setUp() {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/backstage-plugin-delivery-backend-module-argocd',
      'migrations',
    ),
    tableName: MIGRATIONS_TABLE,
  });
  const memory = new DatabaseRolloutMemory(knex);
  const recorded = recordingSink();
  const pullAt = (now: string) =>
    pullInstances({
      instances: [instance],
      clientFor: () => createArgocdClient({ instance }),
      claims: async () => claimsOf(checkout).claims,
      sink: recorded.sink,
      lookupCommit: createCommitLookup(),
      environments: [],
      defaultEnvironment: 'unknown',
      logger: mockServices.logger.mock(),
      rollouts: { memory, now: () => now },
    });
  const may15 = () =>
    (recorded.ingested as { id: string }[])
      .filter(e => e.id === MAY15)
      .pop() as any;
  return { ...recorded, pullAt, may15, memory };
}

describe('pullInstances with Argo Rollouts', () => {
  it('dates what each pull sees of the canary, keeping what earlier pulls saw', async () => {
    const { pullAt, may15, reports } = await setUp();

    // 13:35: paused on step 2 since 13:30:52; the revision's ReplicaSet is from 13:30:41.
    serve(
      checkoutRollout({
        ...rev6,
        currentStepIndex: 1,
        phase: 'Paused',
        pauseConditions: [
          { reason: 'CanaryPauseStep', startTime: '2024-05-15T13:30:52Z' },
        ],
      }),
    );
    await pullAt('2024-05-15T13:35:00Z');
    expect(may15()).toMatchObject({
      // Argo CD's sync succeeded at 13:31:12; the canary it started has not.
      status: 'in_progress',
      finishedAt: null,
      phases: [
        {
          name: 'step 1/6: set weight 5%',
          status: 'succeeded',
          startedAt: '2024-05-15T13:30:41Z',
          finishedAt: '2024-05-15T13:30:52Z',
        },
        {
          name: 'step 2/6: pause 10m',
          status: 'running',
          startedAt: '2024-05-15T13:30:52Z',
        },
      ],
    });

    // 13:45: on step 4, its analysis running since 13:41:03. The pause ended and
    // 25% was set between the pulls: when, nothing recorded.
    server.resetHandlers();
    serve(
      checkoutRollout({ ...rev6, currentStepIndex: 3, phase: 'Progressing' }),
      [run6('Running')],
    );
    await pullAt('2024-05-15T13:45:00Z');
    expect(
      may15().phases.map((p: any) => [
        p.name,
        p.status,
        p.startedAt,
        p.finishedAt ?? null,
      ]),
    ).toEqual([
      [
        'step 1/6: set weight 5%',
        'succeeded',
        '2024-05-15T13:30:41Z',
        '2024-05-15T13:30:52Z',
      ],
      ['step 2/6: pause 10m', 'succeeded', '2024-05-15T13:30:52Z', null],
      [
        'step 4/6: analysis (success-rate)',
        'running',
        '2024-05-15T13:41:03Z',
        null,
      ],
    ]);

    // 15:00: completed at 14:20:31 (the Completed condition); the run succeeded at
    // 13:46:04, which is also when 50% was set.
    server.resetHandlers();
    serve(checkout6Done, [run6('Successful')]);
    await pullAt('2024-05-15T15:00:00Z');
    const done = may15();
    expect(
      done.phases.map((p: any) => [
        p.name,
        p.status,
        p.startedAt,
        p.finishedAt ?? null,
      ]),
    ).toEqual([
      [
        'step 1/6: set weight 5%',
        'succeeded',
        '2024-05-15T13:30:41Z',
        '2024-05-15T13:30:52Z',
      ],
      ['step 2/6: pause 10m', 'succeeded', '2024-05-15T13:30:52Z', null],
      [
        'step 4/6: analysis (success-rate)',
        'succeeded',
        '2024-05-15T13:41:03Z',
        '2024-05-15T13:46:04Z',
      ],
      ['step 5/6: set weight 50%', 'succeeded', '2024-05-15T13:46:04Z', null],
      // When all steps were done is not known: from its completion.
      [
        'promote to 100%',
        'succeeded',
        '2024-05-15T14:20:31Z',
        '2024-05-15T14:20:31Z',
      ],
    ]);
    expect(done).toMatchObject({
      status: 'success',
      finishedAt: '2024-05-15T14:20:31Z',
    });
    expect(deploymentEventSchema.safeParse(done).error).toBeUndefined();
    expect(reports.every(r => !r.error)).toBe(true);
  });

  it('gives the revision to the sync that started it, not a later one', async () => {
    const { pullAt, ingested, memory } = await setUp();
    // May 16's sync (09:00) is newer, but revision 6 began May 15 at 13:30:41.
    serve(checkout6Done, [], { may16: true });
    await pullAt('2024-05-16T10:00:00Z');
    const ids = new Set((ingested as { id: string }[]).map(e => e.id));
    expect(ids).toEqual(new Set([MAY15, MAY16]));
    expect([...(await memory.factsOf([MAY15, MAY16])).keys()]).toEqual([MAY15]);
  });

  it('reports a Rollout it cannot read as a problem of the instance, storing the syncs still', async () => {
    const { pullAt, reports, may15 } = await setUp();
    serve({ metadata: { name: 'checkout' }, spec: {}, status: {} });
    await pullAt('2024-05-15T13:35:00Z');
    expect(may15()).toMatchObject({ status: 'success' });
    expect(may15().phases).toBeUndefined();
    expect(reports).toEqual([
      {
        source: 'argocd',
        instance: 'argo-prod',
        via: 'pull',
        error:
          'argocd/checkout-prod: Rollout checkout-prod/checkout: metadata.namespace: Invalid input: expected string, received undefined',
      },
    ]);
  });
});
