/*
 * Argo CD's sync notification of an application that manages Argo Rollouts: the
 * module reads the Rollouts at the sync's end, so the rollout it started is in
 * progress from then on, and a revision it replaced is cancelled.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  commitMetadata,
  rolloutTree,
  serveArgocd,
} from '../__testUtils__/argocdApi';
import { notificationBody } from '../__testUtils__/notificationTemplate';
import { CHECKOUT_HASH, checkoutRollout } from '../__testUtils__/rollouts';
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
import { createArgocdWebhookHandler } from './handler';

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

/** Argo CD with checkout-prod, its Rollout live as `rollout`, ReplicaSets of 6 and 7. */
function serve(rollout: unknown, options: { may16?: boolean } = {}) {
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
                podHash: CHECKOUT_HASH['6'],
                revision: '6',
                createdAt: '2024-05-15T13:30:41Z',
              },
              {
                podHash: CHECKOUT_HASH['7'],
                revision: '7',
                createdAt: '2024-05-16T09:00:40Z',
              },
            ],
          }),
          live: { 'Rollout/checkout-prod/checkout': rollout },
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
  const recorded = recordingSink();
  const handle = createArgocdWebhookHandler({
    instances: [instance],
    clientFor: () => createArgocdClient({ instance }),
    claims: async () => claimsOf(checkout).claims,
    sink: recorded.sink,
    lookupCommit: createCommitLookup(),
    environments: [],
    defaultEnvironment: 'unknown',
    logger: mockServices.logger.mock(),
    rollouts: {
      memory: new DatabaseRolloutMemory(knex),
      now: () => '2024-05-16T09:01:10Z',
    },
  });
  const notify = (app: unknown) =>
    handle({
      topic: 'argocd',
      eventPayload: JSON.parse(notificationBody(app)),
    });
  return { ...recorded, notify };
}

describe('createArgocdWebhookHandler with Argo Rollouts', () => {
  it('reports a sync in progress when the Rollout it changed is on its first step', async () => {
    const { notify, ingested, reports } = await setUp();
    serve(
      checkoutRollout({
        revision: '6',
        stableRS: CHECKOUT_HASH['5'],
        currentStepIndex: 0,
        phase: 'Progressing',
        progressingSince: '2024-05-15T13:30:41Z',
      }),
    );
    await notify(checkoutRolloutApp());
    expect(ingested).toEqual([
      expect.objectContaining({
        id: MAY15,
        // Argo CD's sync succeeded at 13:31:12; its canary began at 13:30:41.
        status: 'in_progress',
        finishedAt: null,
        phases: [
          {
            name: 'step 1/6: set weight 5%',
            kind: 'canary-step',
            weight: 5,
            status: 'running',
            startedAt: '2024-05-15T13:30:41Z',
          },
        ],
      }),
    ]);
    expect(reports).toEqual([
      { source: 'argocd', via: 'webhook', instance: 'argo-prod' },
    ]);
  }, 20_000);

  it('cancels the sync whose canary a newer sync’s revision replaced, and sends both', async () => {
    const { notify, ingested } = await setUp();
    // May 15: revision 6 paused at step 2 when last seen.
    serve(
      checkoutRollout({
        revision: '6',
        stableRS: CHECKOUT_HASH['5'],
        currentStepIndex: 1,
        phase: 'Paused',
        pauseConditions: [
          { reason: 'CanaryPauseStep', startTime: '2024-05-15T13:30:52Z' },
        ],
        progressingSince: '2024-05-15T13:30:41Z',
      }),
    );
    await notify(checkoutRolloutApp());
    // May 16: revision 7 began at 09:00:40 (its ReplicaSet), 6 never finished.
    server.resetHandlers();
    serve(
      checkoutRollout({
        revision: '7',
        stableRS: CHECKOUT_HASH['5'],
        currentStepIndex: 0,
        phase: 'Progressing',
        progressingSince: '2024-05-16T09:00:40Z',
      }),
      { may16: true },
    );
    await notify(checkoutRolloutApp({ may16: true }));
    const last = ingested.slice(1) as any[];
    // In the order the syncs started.
    expect(last.map(e => [e.id, e.status, e.finishedAt])).toEqual([
      [MAY15, 'cancelled', '2024-05-16T09:00:40Z'],
      [MAY16, 'in_progress', null],
    ]);
    expect(last[0].phases.map((p: any) => [p.name, p.finishedAt])).toEqual([
      ['step 1/6: set weight 5%', '2024-05-15T13:30:52Z'],
      // Paused until revision 7 began.
      ['step 2/6: pause 10m', '2024-05-16T09:00:40Z'],
    ]);
  }, 20_000);
});
