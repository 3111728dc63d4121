/*
 * What this package's end-to-end and fuzz tests share: the delivery and events
 * backends with both of this package's modules, the components the applications
 * belong to, and the checkout application Argo CD syncs.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import {
  annotatedComponent,
  FakeApiServer,
  sourceTestDatabases,
  SourceTestSuite,
  useSourceTestBackend,
} from '@internal/backstage-plugin-delivery-node/testUtils';
// The webhook endpoint, served by the events module of the other package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eventsModuleArgocdWebhook from '@internal/backstage-plugin-events-backend-module-argocd';
import deliveryModuleArgocd from '../index';
import {
  applicationResponse,
  commitMetadata,
  FakeInstance,
  revisionMetadataResponse,
  serveArgocd,
} from './argocdApi';

export const databases = sourceTestDatabases();

export const PROD = 'https://argocd.prod.example.com';
export const STAGING = 'https://argocd.staging.example.com';
/** The revision the checkout application syncs. */
export const CHECKOUT_SHA = '53e28ff20cc530b9ada2173fbbd64d48338583ba';

/** Claims the applications labelled app=checkout, on any instance. */
export const checkout = annotatedComponent('checkout', {
  'argocd/app-selector': 'app=checkout',
});
/** Claims the application `payments` of argo-prod. */
export const payments = annotatedComponent('payments', {
  'argocd/app-name': 'payments',
  'argocd/instance-name': 'argo-prod',
});

/** The checkout-prod application, its sync of CHECKOUT_SHA running or succeeded. */
export const checkoutApp = (
  phase: 'Running' | 'Succeeded',
  fields: {
    startedAt?: string;
    name?: string;
    labels?: Record<string, string>;
  } = {},
) => {
  const startedAt = fields.startedAt ?? '2024-05-15T13:30:00Z';
  return applicationResponse({
    name: fields.name ?? 'checkout-prod',
    labels: fields.labels ?? { app: 'checkout' },
    project: 'shop',
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'checkout-prod',
    },
    history:
      phase === 'Succeeded'
        ? [
            {
              id: 5,
              revision: CHECKOUT_SHA,
              deployStartedAt: startedAt,
              deployedAt: '2024-05-15T13:31:12Z',
            },
          ]
        : [],
    operationState: {
      phase,
      startedAt,
      ...(phase === 'Succeeded' ? { finishedAt: '2024-05-15T13:31:15Z' } : {}),
      revision: CHECKOUT_SHA,
    },
  });
};

/**
 * argo-prod (PROD): the checkout application's succeeded sync and `paymentsApp`, the
 * checkout commit's metadata and `revisions` of payments.
 */
export const serveProd = (
  paymentsApp: ReturnType<typeof applicationResponse>,
  revisions: FakeInstance['revisions'],
) =>
  serveArgocd({
    url: PROD,
    token: 'prod-token',
    apps: [checkoutApp('Succeeded'), paymentsApp],
    revisions: {
      [`checkout-prod@${CHECKOUT_SHA}`]: commitMetadata.checkoutTimeout,
      ...revisions,
    },
  });

/** The header Argo CD's webhook service sends the secret in; `null` sends none. */
export const secretHeader = (secret: string | null): Record<string, string> =>
  secret !== null ? { 'X-Delivery-Webhook-Secret': secret } : {};

/**
 * Starts the backend for one describe block: notifications checked with `secret`,
 * the Argo CD `instances` (faked by `api`) pulled on `scheduler`.
 */
export function useArgocdBackend(options: {
  databaseId: string;
  api: FakeApiServer;
  entities: Entity[];
  secret: string;
  /** Argo Rollouts' notifications secret; none by default. */
  rolloutsSecret?: string;
  instances: { name: string; url: string; token: string }[];
  scheduler?: ReturnType<typeof mockServices.scheduler.mock>;
}): SourceTestSuite {
  return useSourceTestBackend({
    api: options.api,
    databases,
    databaseId: options.databaseId as TestDatabaseId,
    events: true,
    // The package's default export, and the events module serving its webhook.
    features: [deliveryPlugin, deliveryModuleArgocd, eventsModuleArgocdWebhook],
    entities: options.entities,
    scheduler: (options.scheduler ?? mockServices.scheduler.mock()).factory,
    config: {
      argocd: {
        appLocatorMethods: [{ type: 'config', instances: options.instances }],
      },
      delivery: {
        argocd: {
          webhook: { secret: options.secret },
          ...(options.rolloutsSecret
            ? { rollouts: { webhook: { secret: options.rolloutsSecret } } }
            : {}),
        },
      },
    },
  });
}

/** The revision the checkout application syncs on May 16 (Rollout revision 7). */
export const CHECKOUT_SHA_MAY16 = '9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c';

/**
 * checkout-prod managing the Argo Rollouts Rollout `checkout`: its May 15 sync
 * (13:30:00, Rollout revision 6) and, with `may16`, the May 16 sync (09:00:00,
 * revision 7) as its latest operation.
 */
export const checkoutRolloutApp = (options: { may16?: boolean } = {}) =>
  applicationResponse({
    name: 'checkout-prod',
    labels: { app: 'checkout' },
    project: 'shop',
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'checkout-prod',
    },
    rollouts: ['checkout'],
    history: [
      {
        id: 5,
        revision: CHECKOUT_SHA,
        deployStartedAt: '2024-05-15T13:30:00Z',
        deployedAt: '2024-05-15T13:31:12Z',
      },
      ...(options.may16
        ? [
            {
              id: 6,
              revision: CHECKOUT_SHA_MAY16,
              deployStartedAt: '2024-05-16T09:00:00Z',
              deployedAt: '2024-05-16T09:01:02Z',
            },
          ]
        : []),
    ],
    operationState: options.may16
      ? {
          phase: 'Succeeded',
          startedAt: '2024-05-16T09:00:00Z',
          finishedAt: '2024-05-16T09:01:05Z',
          revision: CHECKOUT_SHA_MAY16,
        }
      : {
          phase: 'Succeeded',
          startedAt: '2024-05-15T13:30:00Z',
          finishedAt: '2024-05-15T13:31:15Z',
          revision: CHECKOUT_SHA,
        },
  });

/** The May 16 commit's metadata. */
export const checkoutMay16Commit = revisionMetadataResponse({
  author: 'Jane Doe <jane@example.com>',
  date: '2024-05-16T08:41:10Z',
  message: 'Cache card tokens',
});

/** Claims the application storefront-prod, on any instance. */
export const storefront = annotatedComponent('storefront', {
  'argocd/app-name': 'storefront-prod',
});

/** storefront-prod managing the blue-green Rollout `storefront`, synced May 17 at 10:00. */
export const storefrontApp = () =>
  applicationResponse({
    name: 'storefront-prod',
    labels: { app: 'storefront' },
    project: 'shop',
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'storefront-prod',
    },
    chart: 'storefront',
    rollouts: ['storefront'],
    history: [
      {
        id: 2,
        revision: '4.2.0',
        deployStartedAt: '2024-05-17T10:00:00Z',
        deployedAt: '2024-05-17T10:00:20Z',
      },
    ],
    operationState: {
      phase: 'Succeeded',
      startedAt: '2024-05-17T10:00:00Z',
      finishedAt: '2024-05-17T10:00:22Z',
      revision: '4.2.0',
    },
  });
