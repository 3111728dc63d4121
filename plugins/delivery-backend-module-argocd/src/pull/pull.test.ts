import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  applicationResponse,
  checkoutHistory,
  checkoutSucceeded,
  commitMetadata,
  paymentsApplication,
  serveArgocd,
  serveUnavailable,
} from '../__testUtils__/argocdApi';
import { recordingSink } from '../__testUtils__/sink';
import { createArgocdClient } from '../client/client';
import { createCommitLookup } from '../client/commits';
import { ArgocdInstance } from '../config';
import { claimsOf } from '../matching/claims';
import { pullInstances } from './pull';
import { annotatedComponent as component } from '@internal/backstage-plugin-delivery-node/testUtils';

const SHA_1 = '6bed858de32a0e876ec49dad1a2e3c5840d3fb07';
const SHA_2 = '53e28ff20cc530b9ada2173fbbd64d48338583ba';
const SHA_3 = 'c7f3a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3';
const SHA_4 = 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0';

const PROD = 'https://argocd.prod.example.com';
const STAGING = 'https://argocd.staging.example.com';

const instances: ArgocdInstance[] = [
  { name: 'argo-prod', url: PROD, credentials: { token: 'prod-token' } },
  {
    name: 'argo-staging',
    url: STAGING,
    credentials: { token: 'staging-token' },
  },
];

const claims = [
  component('checkout', { 'argocd/app-selector': 'app=checkout' }),
  component('payments', {
    'argocd/app-name': 'payments',
    'argocd/instance-name': 'argo-prod',
  }),
  component('ghost', {
    'argocd/app-name': 'ghost',
    'argocd/instance-name': 'argo-prod',
  }),
  component('lost', { 'argocd/app-name': 'lost' }),
].flatMap(entity => claimsOf(entity).claims);

const checkoutProd = applicationResponse({
  name: 'checkout-prod',
  labels: { app: 'checkout' },
  project: 'shop',
  destination: {
    server: 'https://kubernetes.default.svc',
    namespace: 'checkout',
  },
  history: checkoutHistory(SHA_1, SHA_2),
  operationState: checkoutSucceeded(SHA_2),
});

const payments = paymentsApplication({
  project: 'payments',
  deployed: SHA_3,
  revision: SHA_4,
  failure:
    'one or more objects failed to apply, reason: Deployment.apps "payments" is invalid',
});

const server = setupServer();
registerMswTestHooks(server);

function setUp() {
  let listed = 0;
  server.use(
    // The first list answer is rate limited.
    http.get(`${PROD}/api/v1/applications`, () => {
      listed++;
      return listed === 1
        ? new HttpResponse(null, {
            status: 429,
            headers: { 'Retry-After': '5' },
          })
        : undefined;
    }),
    ...serveArgocd({
      url: PROD,
      token: 'prod-token',
      apps: [checkoutProd, payments],
      revisions: {
        [`checkout-prod@${SHA_1}`]: commitMetadata.cartBadge,
        [`checkout-prod@${SHA_2}`]: commitMetadata.checkoutTimeout,
        [`payments@${SHA_3}`]: commitMetadata.cardDeclines,
        [`payments@${SHA_4}`]: commitMetadata.paymentsV2,
      },
    }),
    serveUnavailable(STAGING),
  );
  const waits: number[] = [];
  const clients = new Map(
    instances.map(instance => [
      instance.name,
      createArgocdClient({
        instance,
        retry: {
          attempts: 3,
          maxWaitMs: 60_000,
          sleep: async ms => {
            waits.push(ms);
          },
        },
      }),
    ]),
  );
  const recorded = recordingSink();
  const pull = () =>
    pullInstances({
      instances,
      clientFor: instance => clients.get(instance.name),
      claims: async () => claims,
      sink: recorded.sink,
      lookupCommit: createCommitLookup(),
      environments: [{ instance: 'argo-prod', environment: 'production' }],
      defaultEnvironment: 'unknown',
      logger: mockServices.logger.mock(),
    });
  return { ...recorded, waits, pull };
}

describe('pullInstances', () => {
  it('stores the syncs of the claimed applications, with their commits, after waiting out a 429', async () => {
    const { pull, ingested, waits } = setUp();
    await pull();
    expect(waits).toEqual([5000]);
    expect(ingested).toEqual([
      {
        kind: 'deployment',
        source: 'argocd',
        id: 'argo-prod/argocd/checkout-prod/2024-05-14T09:12:03Z',
        entityRef: 'component:default/checkout',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-14T09:12:03Z',
        finishedAt: '2024-05-14T09:12:41Z',
        version: '6bed858',
        url: `${PROD}/applications/argocd/checkout-prod`,
        triggeredBy: 'argocd: automated sync',
        commits: [
          {
            sha: SHA_1,
            committedAt: '2024-05-14T08:40:00.000Z',
            author: 'Jane Doe',
            message: 'Add cart badge',
          },
        ],
      },
      {
        kind: 'deployment',
        source: 'argocd',
        id: 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z',
        entityRef: 'component:default/checkout',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-15T13:30:00Z',
        finishedAt: '2024-05-15T13:31:12Z',
        version: '53e28ff',
        url: `${PROD}/applications/argocd/checkout-prod`,
        triggeredBy: 'argocd: automated sync',
        commits: [
          {
            sha: SHA_2,
            committedAt: '2024-05-15T12:58:20.000Z',
            author: 'John Roe',
            message: 'Raise checkout timeout',
          },
        ],
      },
      {
        kind: 'deployment',
        source: 'argocd',
        id: 'argo-prod/argocd/payments/2024-05-10T07:00:00Z',
        entityRef: 'component:default/payments',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-10T07:00:00Z',
        finishedAt: '2024-05-10T07:01:00Z',
        version: 'c7f3a1b',
        url: `${PROD}/applications/argocd/payments`,
        triggeredBy: 'argocd: automated sync',
        commits: [
          {
            sha: SHA_3,
            committedAt: '2024-05-09T16:00:00.000Z',
            author: 'Jane Doe',
            message: 'Retry card declines',
          },
        ],
      },
      {
        kind: 'deployment',
        source: 'argocd',
        id: 'argo-prod/argocd/payments/2024-05-16T08:00:00Z',
        entityRef: 'component:default/payments',
        environment: 'production',
        status: 'failure',
        startedAt: '2024-05-16T08:00:00Z',
        finishedAt: '2024-05-16T08:02:30Z',
        version: 'd1e2f3a',
        url: `${PROD}/applications/argocd/payments`,
        triggeredBy: 'argocd: automated sync',
        commits: [
          {
            sha: SHA_4,
            committedAt: '2024-05-16T07:30:00.000Z',
            author: 'John Roe',
            message: 'Bump payments to v2',
          },
        ],
      },
    ]);
  });

  it('reports each instance, the one that is down with its error, and goes on', async () => {
    const { pull, reports } = setUp();
    const results = await pull();
    expect(reports).toEqual([
      { source: 'argocd', instance: 'argo-prod', via: 'pull' },
      {
        source: 'argocd',
        instance: 'argo-staging',
        via: 'pull',
        error: `GET ${STAGING}/api/v1/applications?selector=app%3Dcheckout: 503 Service Unavailable; GET ${STAGING}/api/v1/applications/lost: 503 Service Unavailable`,
      },
    ]);
    expect(results.map(r => [r.instance, r.applications, r.syncs])).toEqual([
      ['argo-prod', 2, 4],
      ['argo-staging', 0, 0],
    ]);
  });

  it('reports an application a component names that its instance does not have, not one an instance that failed may have', async () => {
    const { pull, unmatched } = setUp();
    await pull();
    expect(unmatched).toEqual([
      {
        source: 'argocd',
        key: 'argo-prod/ghost',
        reason:
          'component:default/ghost names Argo CD application ghost (argocd/app-name), which instance argo-prod does not have or does not let the token read',
      },
    ]);
  });

  it('reports a failed commit lookup as an error of the instance, storing the sync without it', async () => {
    const { pull, reports, ingested } = setUp();
    server.use(
      http.get(
        `${PROD}/api/v1/applications/payments/revisions/${SHA_4}/metadata`,
        () =>
          HttpResponse.json(
            {
              error: `unable to resolve '${SHA_4}'`,
              code: 2,
              message: `unable to resolve '${SHA_4}'`,
            },
            { status: 500, statusText: 'Internal Server Error' },
          ),
      ),
    );
    await pull();
    expect(reports[0]).toEqual({
      source: 'argocd',
      instance: 'argo-prod',
      via: 'pull',
      error: `argocd/payments: revision ${SHA_4}: GET ${PROD}/api/v1/applications/payments/revisions/${SHA_4}/metadata?appNamespace=argocd&project=payments: 500 Internal Server Error`,
    });
    expect(ingested[3]).toMatchObject({
      id: 'argo-prod/argocd/payments/2024-05-16T08:00:00Z',
      commits: [],
    });
  });
});
