/*
 * Argo Rollouts through the Argo CD source, end to end (each test 30 s: a dozen
 * deliveries, each handled after its 202): Argo CD's sync notification, then the
 * README's Argo Rollouts notification template rendered over the Rollouts of a canary
 * that aborts, POSTed with the right or a wrong secret to the events backend's real
 * HTTP ingress, through this package's two modules into the real delivery backend
 * (which stores the phases and settles the rollout: delivery-common settleRollout)
 * and read back through its API; and the scheduled pull, reading the Rollouts through
 * the faked Argo CD API. On SQLite and PostgreSQL.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  commitMetadata,
  rolloutTree,
  serveArgocd,
} from './__testUtils__/argocdApi';
import {
  notificationBody,
  rolloutsNotificationBody,
} from './__testUtils__/notificationTemplate';
import {
  checkout7Aborted,
  checkout7Analysis,
  checkoutAborted,
} from './__testUtils__/rolloutScenarios';
import {
  analysisRun,
  CHECKOUT_HASH,
  checkoutRollout,
  STOREFRONT_HASH,
  storefrontRollout,
} from './__testUtils__/rollouts';
import {
  CHECKOUT_SHA,
  CHECKOUT_SHA_MAY16,
  checkout,
  checkoutMay16Commit,
  checkoutRolloutApp,
  databases,
  PROD,
  secretHeader,
  storefront,
  storefrontApp,
  useArgocdBackend,
} from './__testUtils__/scenario';
import {
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'test-secret';
const ROLLOUTS_SECRET = 'rollouts-secret';

const MAY16 = 'argo-prod/argocd/checkout-prod/2024-05-16T09:00:00Z';
const MAY17 = 'argo-prod/argocd/storefront-prod/2024-05-17T10:00:00Z';

const h4 = STOREFRONT_HASH['4'];
const smoke = analysisRun({
  rollout: 'storefront',
  podHash: h4,
  revision: '4',
  type: 'PrePromotion',
  template: 'smoke',
  phase: 'Successful',
  createdAt: '2024-05-17T10:00:45Z',
  completedAt: '2024-05-17T10:01:05Z',
  measurements: [
    {
      startedAt: '2024-05-17T10:00:45Z',
      finishedAt: '2024-05-17T10:01:05Z',
      phase: 'Successful',
      value: '[1]',
    },
  ],
});

/** The checkout Rollout's tree: ReplicaSets of revisions 6 and 7, and `runs`. */
const checkoutTree = (runs: (typeof checkout7Analysis)[]) =>
  rolloutTree({
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
    analysisRuns: runs.map(run => ({
      name: run.metadata.name,
      createdAt: run.metadata.creationTimestamp,
      health: 'Degraded',
    })),
  });

/** argo-prod's applications and commits. */
const argoProd = {
  url: PROD,
  token: 'prod-token',
  apps: [checkoutRolloutApp({ may16: true }), storefrontApp()],
  revisions: {
    [`checkout-prod@${CHECKOUT_SHA}`]: commitMetadata.checkoutTimeout,
    [`checkout-prod@${CHECKOUT_SHA_MAY16}`]: checkoutMay16Commit,
  },
};

// argo-prod as the pull finds it: checkout-prod (its canary aborted) and
// storefront-prod (its blue-green completed at 10:30:01), with their Rollouts'
// trees and live objects.
const argocd = setupServer(
  ...serveArgocd({
    ...argoProd,
    resources: {
      'checkout-prod': {
        nodes: checkoutTree([checkout7Analysis]),
        live: {
          'Rollout/checkout-prod/checkout': checkout7Aborted,
          [`AnalysisRun/checkout-prod/${checkout7Analysis.metadata.name}`]:
            checkout7Analysis,
        },
      },
      'storefront-prod': {
        nodes: rolloutTree({
          namespace: 'storefront-prod',
          rollout: 'storefront',
          createdAt: '2019-10-26T03:23:34Z',
          replicaSets: [
            { podHash: h4, revision: '4', createdAt: '2024-05-17T10:00:30Z' },
          ],
          analysisRuns: [
            {
              name: smoke.metadata.name,
              createdAt: smoke.metadata.creationTimestamp,
              health: 'Healthy',
            },
          ],
        }),
        live: {
          'Rollout/storefront-prod/storefront': storefrontRollout({
            active: h4,
            preview: h4,
            stableRS: h4,
            phase: 'Healthy',
            completedAt: '2024-05-17T10:30:01Z',
            progressingSince: '2024-05-17T10:00:30Z',
          }),
          [`AnalysisRun/storefront-prod/${smoke.metadata.name}`]: smoke,
        },
      },
    },
  }),
);

describe.each(databases.eachSupportedId())(
  'Argo Rollouts through the Argo CD source on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const suite = useArgocdBackend({
      databaseId,
      api: argocd,
      entities: [checkout, storefront],
      secret: SECRET,
      rolloutsSecret: ROLLOUTS_SECRET,
      instances: [{ name: 'argo-prod', url: PROD, token: 'prod-token' }],
      scheduler,
    });
    const { post, read, deploymentOf } = suite;

    /** POSTs a Rollouts notification as its webhook service does; `null` sends no secret. */
    const notify = (body: string, secret: string | null = ROLLOUTS_SECRET) =>
      post('argo-rollouts', body, secretHeader(secret));

    // A test's own answers of Argo CD (server.use) end with it.
    afterEach(() => argocd.resetHandlers());

    const memoryRows = () =>
      suite
        .deliveryDb('delivery_argocd_rollouts')
        .orderBy(['rollout', 'revision'])
        .select('application', 'rollout', 'revision', 'deployment_id');

    it('stores the canary in progress from the sync’s end and, aborted after its failed analysis, a production deployment rolled back at the abort, with its phases', async () => {
      // At the sync's end the Rollout is on its first step (revision 7, its
      // ReplicaSet created 09:00:40).
      argocd.use(
        ...serveArgocd({
          ...argoProd,
          resources: {
            'checkout-prod': {
              nodes: checkoutTree([]),
              live: {
                'Rollout/checkout-prod/checkout': checkoutRollout({
                  revision: '7',
                  stableRS: CHECKOUT_HASH['6'],
                  currentStepIndex: 0,
                  phase: 'Progressing',
                  progressingSince: '2024-05-16T09:00:40Z',
                }),
              },
            },
          },
        }),
      );
      expect(
        (
          await post(
            'argocd',
            notificationBody(checkoutRolloutApp({ may16: true })),
            secretHeader(SECRET),
          )
        ).status,
      ).toBe(202);
      // Argo CD's sync succeeded at 09:01:02; the canary it started has not.
      const started = await deploymentOf('checkout', MAY16);
      expect(started.status).toBe('in_progress');
      expect(started.finishedAt).toBeUndefined();
      expect(started.phases).toEqual([
        expect.objectContaining({
          name: 'step 1/6: set weight 5%',
          status: 'running',
          startedAt: '2024-05-16T09:00:40.000Z',
        }),
      ]);
      for (const notified of checkoutAborted) {
        expect((await notify(rolloutsNotificationBody(notified))).status).toBe(
          202,
        );
      }
      const aborted = await deploymentOf('checkout', MAY16, d =>
        d.phases?.some((p: { kind: string }) => p.kind === 'abort'),
      );
      // Traffic reached revision 7 (5%, then 25%) before the abort: the backend
      // stores it as a production deployment, finished when found bad (09:13:03),
      // and rolled back by the abort.
      expect(aborted).toMatchObject({
        source: 'argocd',
        entityRef: 'component:default/checkout',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-16T09:00:00.000Z',
        finishedAt: '2024-05-16T09:13:03.000Z',
        version: '9f1c2b3',
      });
      expect(
        aborted.phases.map((p: any) => [
          p.name,
          p.status,
          p.startedAt,
          p.finishedAt,
        ]),
      ).toEqual([
        [
          'step 1/6: set weight 5%',
          'succeeded',
          '2024-05-16T09:00:40.000Z',
          '2024-05-16T09:00:51.000Z',
        ],
        [
          'step 2/6: pause 10m',
          'succeeded',
          '2024-05-16T09:00:51.000Z',
          '2024-05-16T09:10:51.000Z',
        ],
        [
          'step 3/6: set weight 25%',
          'succeeded',
          '2024-05-16T09:10:51.000Z',
          '2024-05-16T09:11:02.000Z',
        ],
        [
          'step 4/6: analysis (success-rate)',
          'failed',
          '2024-05-16T09:11:02.000Z',
          '2024-05-16T09:13:02.000Z',
        ],
        [
          'abort',
          'succeeded',
          '2024-05-16T09:13:03.000Z',
          '2024-05-16T09:13:03.000Z',
        ],
      ]);
      expect(await deploymentOf('checkout', `${MAY16}:abort`)).toMatchObject({
        rollbackOf: MAY16,
        status: 'success',
        startedAt: '2024-05-16T09:13:03.000Z',
        finishedAt: '2024-05-16T09:13:03.000Z',
        triggeredBy: 'rollout abort',
      });
      // What the module learnt, kept for the next send of the sync.
      expect(await memoryRows()).toEqual([
        {
          application: 'argo-prod/argocd/checkout-prod',
          rollout: 'checkout-prod/checkout',
          revision: '7',
          deployment_id: MAY16,
        },
      ]);
      const source = await eventually(async () =>
        (
          await read('/sources')
        ).items.find((s: { id: string }) => s.id === 'argocd/argo-prod'),
      );
      expect(source).toMatchObject({ stale: false, failing: [] });
    }, 30_000);

    it('refuses notifications without the secret (401) and bodies of another shape (400 naming the field)', async () => {
      const body = rolloutsNotificationBody(checkoutAborted[1]);
      const forged = await notify(body, 'not-the-secret');
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ message: 'invalid secret' });
      expect((await notify(body, null)).status).toBe(401);

      const wrongTrigger = JSON.parse(body);
      wrongTrigger.trigger = '';
      const refused = await notify(JSON.stringify(wrongTrigger));
      expect(refused.status).toBe(400);
      expect((await refused.json()).message).toMatch(
        /^malformed Argo Rollouts webhook payload: trigger: must be the trigger the subscription is for/,
      );
      const notJson = await notify('{"instance": "argo-prod",');
      expect(notJson.status).toBe(400);
      expect((await notJson.json()).error.message).toMatch(
        /^The body of a delivery to \/api\/events\/http\/argo-rollouts is not valid JSON/,
      );
    }, 30_000);

    it('has the pull date a blue-green switch by its completion, and keep the aborted canary’s phases', async () => {
      const task = scheduledTask(scheduler, 'delivery-argocd-pull');
      await task.fn(new AbortController().signal);

      // No post-promotion analysis: switched and completed in one reconciliation.
      expect(
        await deploymentOf('storefront', MAY17, d => d.status === 'success'),
      ).toMatchObject({
        finishedAt: '2024-05-17T10:30:01.000Z',
        version: '4.2.0',
      });
      // Argo CD's history says the May 16 sync succeeded at 09:01:02; its phases
      // still say it was aborted at 09:13:03.
      expect(await deploymentOf('checkout', MAY16)).toMatchObject({
        status: 'success',
        finishedAt: '2024-05-16T09:13:03.000Z',
      });
      expect(
        (await deploymentOf('checkout', MAY16)).phases.map(
          (p: { kind: string }) => p.kind,
        ),
      ).toEqual(['canary-step', 'pause', 'canary-step', 'analysis', 'abort']);
      expect(await memoryRows()).toEqual([
        expect.objectContaining({ revision: '7', deployment_id: MAY16 }),
        expect.objectContaining({
          rollout: 'storefront-prod/storefront',
          revision: '4',
          deployment_id: MAY17,
        }),
      ]);
    }, 30_000);
  },
);
