import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { deploymentEventSchema } from '@internal/backstage-plugin-delivery-common';
import { ARGO_ROLLOUTS_TRIGGERS } from '@internal/backstage-plugin-delivery-node';
import { setupServer } from 'msw/node';
import { commitMetadata, serveArgocd } from '../__testUtils__/argocdApi';
import {
  readmeRolloutsSubscriptions,
  rolloutsNotificationBody,
} from '../__testUtils__/notificationTemplate';
import {
  checkoutAborted,
  checkoutPromoted,
  Notified,
  storefrontSwitched,
} from '../__testUtils__/rolloutScenarios';
import {
  CHECKOUT_SHA,
  CHECKOUT_SHA_MAY16,
  checkout,
  checkoutMay16Commit,
  checkoutRolloutApp,
  storefront,
  storefrontApp,
} from '../__testUtils__/scenario';
import { recordingSink } from '../__testUtils__/sink';
import { createArgocdClient } from '../client/client';
import { createCommitLookup } from '../client/commits';
import { ArgocdInstance } from '../config';
import { MIGRATIONS_TABLE } from '../database/migrate';
import { DatabaseRolloutMemory } from '../database/RolloutMemory';
import { claimsOf } from '../matching/claims';
import { createRolloutsWebhookHandler } from './rolloutsHandler';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const PROD = 'https://argocd.prod.example.com';

const server = setupServer();
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const instances: ArgocdInstance[] = [
  { name: 'argo-prod', url: PROD, credentials: { token: 'prod-token' } },
  { name: 'argo-edge', url: 'https://argocd.edge.example.com' },
];

const MAY15 = 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z';
const MAY16 = 'argo-prod/argocd/checkout-prod/2024-05-16T09:00:00Z';

/** The delivery as the events backend hands it on: the parsed body. */
const delivery = (notified: Notified) => ({
  topic: 'argo-rollouts',
  eventPayload: JSON.parse(rolloutsNotificationBody(notified)),
});

async function setUp(options: { may16?: boolean } = {}) {
  server.use(
    ...serveArgocd({
      url: PROD,
      token: 'prod-token',
      apps: [checkoutRolloutApp(options), storefrontApp()],
      revisions: {
        [`checkout-prod@${CHECKOUT_SHA}`]: commitMetadata.checkoutTimeout,
        [`checkout-prod@${CHECKOUT_SHA_MAY16}`]: checkoutMay16Commit,
      },
    }),
  );
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
  const handle = createRolloutsWebhookHandler({
    instances,
    clientFor: instance =>
      instance.credentials ? createArgocdClient({ instance }) : undefined,
    claims: async () =>
      [checkout, storefront].flatMap(entity => claimsOf(entity).claims),
    memory,
    sink: recorded.sink,
    lookupCommit: createCommitLookup(),
    environments: [],
    defaultEnvironment: 'unknown',
    logger: mockServices.logger.mock(),
  });
  return { ...recorded, handle, memory };
}

type Event = {
  id: string;
  status: string;
  finishedAt: string | null;
  phases?: { name: string; status: string }[];
};

describe('the README’s Argo Rollouts notification setup', () => {
  it('defines and subscribes every trigger the module maps, the recipient naming it', () => {
    const { triggers, subscriptions } = readmeRolloutsSubscriptions();
    expect([...triggers].sort()).toEqual([...ARGO_ROLLOUTS_TRIGGERS].sort());
    expect(subscriptions).toEqual(
      ARGO_ROLLOUTS_TRIGGERS.map(trigger => ({
        recipient: trigger,
        triggers: [trigger],
      })),
    );
  });
});

// Scenarios of up to ten deliveries, each reading the application: 20 s each.
describe('createRolloutsWebhookHandler', () => {
  it('re-sends the sync that started the canary with each notification, its phases growing, until promoted', async () => {
    const { handle, ingested, reports } = await setUp();
    for (const notified of checkoutPromoted) {
      await handle(delivery(notified));
    }
    const events = ingested as Event[];
    // One event per notification, all of the May 15 sync.
    expect(events.map(e => e.id)).toEqual(checkoutPromoted.map(() => MAY15));
    expect(events.map(e => e.phases?.length ?? 0)).toEqual([
      // on-rollout-updated: the revision began; no phase until it goes through a step.
      0,
      2, 2, 3, 4, 5, 6, 6, 7, 7,
    ]);
    const last = events[events.length - 1];
    expect(last).toMatchObject({
      kind: 'deployment',
      source: 'argocd',
      entityRef: 'component:default/checkout',
      environment: 'production',
      status: 'success',
      startedAt: '2024-05-15T13:30:00Z',
      // Fully promoted at 14:20:31.880 (Go writes the controller's clock to the
      // nanosecond, trailing zeros dropped).
      finishedAt: '2024-05-15T14:20:31.88Z',
      version: '53e28ff',
    });
    expect(last.phases?.map(p => [p.name, p.status])).toEqual([
      ['step 1/6: set weight 5%', 'succeeded'],
      ['step 2/6: pause 10m', 'succeeded'],
      ['step 3/6: set weight 25%', 'succeeded'],
      ['step 4/6: analysis (success-rate)', 'succeeded'],
      ['step 5/6: set weight 50%', 'succeeded'],
      ['step 6/6: pause until promoted', 'succeeded'],
      ['promote to 100%', 'succeeded'],
    ]);
    // Until then it was in progress (Argo CD's sync succeeded at 13:31:12).
    expect(events.slice(0, -1).map(e => e.status)).toEqual(
      checkoutPromoted.slice(0, -1).map(() => 'in_progress'),
    );
    expect(events[5].finishedAt).toBeNull();
    for (const event of events) {
      expect(deploymentEventSchema.safeParse(event).error).toBeUndefined();
    }
    expect(reports.every(r => !r.error)).toBe(true);
  }, 20_000);

  it('makes the May 16 sync a failure when its canary aborts after the failed analysis, leaving May 15 alone', async () => {
    const { handle, ingested } = await setUp({ may16: true });
    for (const notified of checkoutAborted) {
      await handle(delivery(notified));
    }
    const last = ingested[ingested.length - 1] as Event;
    expect(last).toMatchObject({
      id: MAY16,
      status: 'failure',
      finishedAt: '2024-05-16T09:13:03Z',
    });
    expect(last.phases?.map(p => [p.name, p.status])).toEqual([
      ['step 1/6: set weight 5%', 'succeeded'],
      ['step 2/6: pause 10m', 'succeeded'],
      ['step 3/6: set weight 25%', 'succeeded'],
      ['step 4/6: analysis (success-rate)', 'failed'],
      ['abort', 'succeeded'],
    ]);
    expect(new Set((ingested as Event[]).map(e => e.id))).toEqual(
      new Set([MAY16]),
    );
  }, 20_000);

  it('finds a blue-green Rollout’s application by its instance label', async () => {
    const { handle, ingested } = await setUp();
    for (const notified of storefrontSwitched) {
      await handle(delivery(notified));
    }
    expect(ingested[ingested.length - 1]).toMatchObject({
      id: 'argo-prod/argocd/storefront-prod/2024-05-17T10:00:00Z',
      entityRef: 'component:default/storefront',
      status: 'success',
      // The switch; it completed 250 ms later.
      finishedAt: '2024-05-17T10:30:01Z',
      version: '4.2.0',
      phases: [
        { name: 'pre-promotion analysis (smoke)', kind: 'analysis' },
        { name: 'pause until promoted', kind: 'pause' },
        { name: 'switch active service', kind: 'switch' },
      ],
    });
  }, 20_000);

  it('reports what it cannot use as failed deliveries of the instance, storing nothing', async () => {
    const { handle, ingested, reports } = await setUp();
    const body = () =>
      JSON.parse(rolloutsNotificationBody(checkoutPromoted[1]));

    const unknown = body();
    unknown.instance = 'argo-nowhere';
    await handle({ topic: 'argo-rollouts', eventPayload: unknown });

    const edge = body();
    edge.instance = 'argo-edge';
    await handle({ topic: 'argo-rollouts', eventPayload: edge });

    const untracked = body();
    untracked.rollout.metadata.annotations['argocd.argoproj.io/tracking-id'] =
      null;
    await handle({ topic: 'argo-rollouts', eventPayload: untracked });

    const elsewhere = body();
    elsewhere.rollout.metadata.annotations['argocd.argoproj.io/tracking-id'] =
      'storefront-prod:argoproj.io/Rollout:checkout-prod/checkout';
    await handle({ topic: 'argo-rollouts', eventPayload: elsewhere });

    const missing = body();
    missing.rollout.metadata.annotations['argocd.argoproj.io/tracking-id'] =
      'ghost:argoproj.io/Rollout:checkout-prod/checkout';
    await handle({ topic: 'argo-rollouts', eventPayload: missing });

    const malformed = body();
    malformed.rollout.status.currentStepIndex = 'two';
    await handle({ topic: 'argo-rollouts', eventPayload: malformed });

    expect(ingested).toEqual([]);
    const what = 'Rollout checkout-prod/checkout (on-rollout-step-completed)';
    expect(reports).toEqual([
      {
        source: 'argocd',
        via: 'webhook',
        error: `${what}: the delivery names instance "argo-nowhere", which argocd.appLocatorMethods does not list`,
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-edge',
        error: `${what}: instance argo-edge has no API credentials, which Argo Rollouts notifications need (to find the sync that started the rollout)`,
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-prod',
        error: `${what}: no argocd.argoproj.io/tracking-id annotation or app.kubernetes.io/instance label names its Argo CD application`,
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-prod',
        error: `${what}: application storefront-prod of instance argo-prod does not manage it`,
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-prod',
        error: `${what}: instance argo-prod has no application ghost (or the token may not read it)`,
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-prod',
        error:
          'invalid Argo Rollouts notification: rollout.status.currentStepIndex: Invalid input: expected number, received string',
      },
    ]);
  });

  it('keeps the times it learnt for the next send of the sync', async () => {
    const { handle, memory } = await setUp();
    for (const notified of checkoutPromoted.slice(0, 4)) {
      await handle(delivery(notified));
    }
    const [facts] = (await memory.factsOf([MAY15])).get(MAY15)!;
    expect(facts).toMatchObject({
      rollout: { namespace: 'checkout-prod', name: 'checkout' },
      revision: '6',
      attempts: [
        {
          startedAt: '2024-05-15T13:30:41.502Z',
          stepStartedAt: {
            '1': '2024-05-15T13:30:52.117Z',
            '2': '2024-05-15T13:40:52.201Z',
          },
          reached: 2,
        },
      ],
    });
  });
});
