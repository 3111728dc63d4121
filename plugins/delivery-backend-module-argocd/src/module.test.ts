/*
 * The Argo CD source end to end: the README's notification template rendered over an
 * Application as Argo CD renders it, POSTed with the right or a wrong secret to the
 * events backend's real HTTP ingress, through this package's two modules into the
 * real delivery backend and its store, read back through its API; and the scheduled
 * pull, against two faked Argo CD instances, one of them down.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  commitMetadata,
  paymentsApplication,
  serveUnavailable,
} from './__testUtils__/argocdApi';
import { notificationBody } from './__testUtils__/notificationTemplate';
import {
  CHECKOUT_SHA,
  checkout,
  checkoutApp,
  databases,
  payments,
  PROD,
  secretHeader,
  serveProd,
  STAGING,
  useArgocdBackend,
} from './__testUtils__/scenario';
import {
  annotatedComponent,
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'test-secret';
const SHA_1 = '6bed858de32a0e876ec49dad1a2e3c5840d3fb07';
const SHA_3 = 'c7f3a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3';

const entities = [
  checkout,
  payments,
  annotatedComponent('ghost', {
    'argocd/app-name': 'ghost',
    'argocd/instance-name': 'argo-prod',
  }),
];

const paymentsApp = paymentsApplication({
  project: 'payments',
  deployed: SHA_1,
  revision: SHA_3,
  failure: 'one or more objects failed to apply',
});

// Both Argo CD instances: production answers, staging is down.
const argocd = setupServer(
  ...serveProd(paymentsApp, {
    [`payments@${SHA_1}`]: commitMetadata.cardDeclines,
    [`payments@${SHA_3}`]: commitMetadata.paymentsV2,
  }),
  serveUnavailable(STAGING),
);

describe.each(databases.eachSupportedId())(
  'Argo CD source on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const { post, read, deploymentsOf, deploymentOf } = useArgocdBackend({
      databaseId,
      api: argocd,
      entities,
      secret: SECRET,
      instances: [
        { name: 'argo-prod', url: PROD, token: 'prod-token' },
        { name: 'argo-staging', url: STAGING, token: 'staging-token' },
      ],
      scheduler,
    });

    /** POSTs a notification as Argo CD's webhook service does; `secret: null` sends none. */
    const notify = (body: string, secret: string | null = SECRET) =>
      post('argocd', body, secretHeader(secret));

    const sourceStatus = (
      id: string,
      ready: (s: any) => boolean = () => true,
    ) =>
      eventually(async () =>
        (await read('/sources')).items.find(
          (s: { id: string }) => s.id === id && ready(s),
        ),
      );

    const ID = 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z';

    it('stores a sync the recommended template reports, running then succeeded, once', async () => {
      const running = await notify(notificationBody(checkoutApp('Running')));
      expect(running.status).toBe(202);
      expect(await deploymentOf('checkout', ID)).toMatchObject({
        status: 'in_progress',
      });

      const succeeded = notificationBody(checkoutApp('Succeeded'));
      for (let attempt = 0; attempt < 2; attempt++) {
        expect((await notify(succeeded)).status).toBe(202);
      }
      const stored = await deploymentOf(
        'checkout',
        ID,
        d => d.status === 'success',
      );
      expect(stored).toEqual({
        kind: 'deployment',
        source: 'argocd',
        id: ID,
        entityRef: 'component:default/checkout',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-15T13:30:00.000Z',
        // Its history entry's deployedAt, as the pull will see it too.
        finishedAt: '2024-05-15T13:31:12.000Z',
        version: '53e28ff',
        url: `${PROD}/applications/argocd/checkout-prod`,
        triggeredBy: 'argocd: automated sync',
        // Committed 12:58:20, first in production at 13:31:12: 32 min 52 s.
        leadTimeHours: (32 * 60 + 52) / 3600,
        leadTimeChanges: 1,
        commits: [
          {
            sha: CHECKOUT_SHA,
            committedAt: '2024-05-15T12:58:20.000Z',
            author: 'John Roe',
            message: 'Raise checkout timeout',
          },
        ],
      });
      expect(
        (await deploymentsOf('checkout')).filter(d => d.id === ID),
      ).toHaveLength(1);
    });

    it('refuses a wrong or missing secret and stores nothing from it', async () => {
      const forged = await notify(
        notificationBody(checkoutApp('Running', { name: 'checkout-forged' })),
        'not-the-secret',
      );
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ message: 'invalid secret' });
      const unsigned = await notify(
        notificationBody(checkoutApp('Running', { name: 'checkout-unsigned' })),
        null,
      );
      expect(unsigned.status).toBe(403);

      // A valid delivery after them: once it is stored, the others would be too.
      await notify(
        notificationBody(checkoutApp('Running', { name: 'checkout-valid' })),
      );
      await deploymentOf(
        'checkout',
        'argo-prod/argocd/checkout-valid/2024-05-15T13:30:00Z',
      );
      const ids = (await deploymentsOf('checkout')).map(d => d.id);
      expect(ids).not.toContain(
        'argo-prod/argocd/checkout-forged/2024-05-15T13:30:00Z',
      );
      expect(ids).not.toContain(
        'argo-prod/argocd/checkout-unsigned/2024-05-15T13:30:00Z',
      );
    });

    it('reports an application no component claims, and a delivery naming an unknown instance', async () => {
      await notify(
        notificationBody(
          checkoutApp('Succeeded', {
            name: 'legacy-billing',
            labels: { app: 'billing' },
          }),
        ),
      );
      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find(
          (item: { key: string }) =>
            item.key === 'argo-prod/argocd/legacy-billing',
        ),
      );
      expect(unmatched).toMatchObject({
        source: 'argocd',
        reason:
          'no component claims Argo CD application argocd/legacy-billing of instance argo-prod (annotate one with argocd/app-name or argocd/app-selector)',
        count: 1,
      });

      const body = JSON.parse(notificationBody(checkoutApp('Running')));
      body.instance = 'argo-nowhere';
      expect((await notify(JSON.stringify(body))).status).toBe(202);
      // Reported for the source, not under the unknown instance it names.
      expect(
        await sourceStatus('argocd', s =>
          s.lastError?.includes('argo-nowhere'),
        ),
      ).toMatchObject({
        source: 'argocd',
        lastError:
          'the delivery names instance "argo-nowhere", which argocd.appLocatorMethods does not list',
        stale: true,
        failing: ['webhook'],
      });
    });

    it('schedules a pull that stores what webhooks missed and reports the instance that is down', async () => {
      const task = scheduledTask(scheduler, 'delivery-argocd-pull');
      expect(task).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      });
      await task.fn(new AbortController().signal);

      const stored = await deploymentsOf('payments');
      expect(stored.map(d => [d.id, d.status, d.finishedAt])).toEqual([
        [
          'argo-prod/argocd/payments/2024-05-16T08:00:00Z',
          'failure',
          '2024-05-16T08:02:30.000Z',
        ],
        [
          'argo-prod/argocd/payments/2024-05-10T07:00:00Z',
          'success',
          '2024-05-10T07:01:00.000Z',
        ],
      ]);
      expect(stored[0]).toMatchObject({
        environment: 'production',
        version: 'c7f3a1b',
        commits: [
          {
            sha: SHA_3,
            committedAt: '2024-05-16T07:30:00.000Z',
            author: 'John Roe',
            message: 'Bump payments to v2',
          },
        ],
      });

      expect(await sourceStatus('argocd/argo-prod')).toMatchObject({
        instance: 'argo-prod',
        stale: false,
        failing: [],
      });
      expect(await sourceStatus('argocd/argo-staging')).toMatchObject({
        instance: 'argo-staging',
        lastError: `GET ${STAGING}/api/v1/applications?selector=app%3Dcheckout: 503 Service Unavailable`,
        stale: true,
        failing: ['pull'],
      });
      const unmatched = (await read('/unmatched')).items.find(
        (item: { key: string }) => item.key === 'argo-prod/ghost',
      );
      expect(unmatched).toMatchObject({
        source: 'argocd',
        reason:
          'component:default/ghost names Argo CD application ghost (argocd/app-name), which instance argo-prod does not have or does not let the token read',
      });
      // The webhook's sync was pulled again under the same id: still one event.
      expect(
        (await deploymentsOf('checkout')).filter(d => d.id === ID),
      ).toHaveLength(1);
    });
  },
);
