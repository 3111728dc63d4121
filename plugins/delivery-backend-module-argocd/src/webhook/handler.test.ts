import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  applicationResponse,
  checkoutHistory,
  checkoutSucceeded,
  commitMetadata,
  serveArgocd,
} from '../__testUtils__/argocdApi';
import { notificationBody } from '../__testUtils__/notificationTemplate';
import { recordingSink } from '../__testUtils__/sink';
import { createArgocdClient } from '../client/client';
import { createCommitLookup } from '../client/commits';
import { ArgocdInstance } from '../config';
import { claimsOf } from '../matching/claims';
import { createArgocdWebhookHandler } from './handler';
import { annotatedComponent } from '@internal/backstage-plugin-delivery-node/testUtils';

const SHA = '53e28ff20cc530b9ada2173fbbd64d48338583ba';
const PROD = 'https://argocd.prod.example.com';

const server = setupServer();
registerMswTestHooks(server);

const instances: ArgocdInstance[] = [
  { name: 'argo-prod', url: PROD, credentials: { token: 'prod-token' } },
  { name: 'argo-edge', url: 'https://argocd.edge.example.com' },
];

const checkout = annotatedComponent('checkout', {
  'argocd/app-selector': 'app=checkout',
});

const app = (
  phase: 'Running' | 'Succeeded',
  fields: { name?: string; labels?: Record<string, string> } = {},
) =>
  applicationResponse({
    name: fields.name ?? 'checkout-prod',
    labels: fields.labels ?? { app: 'checkout' },
    project: 'shop',
    destination: { name: 'prod-eu', namespace: 'checkout' },
    operationState: {
      phase,
      startedAt: '2024-05-15T13:30:00Z',
      ...(phase === 'Succeeded' ? { finishedAt: '2024-05-15T13:31:15Z' } : {}),
      revision: SHA,
    },
  });

/** The delivery as the events backend hands it to subscribers: the parsed body. */
const delivery = (body: string) => ({
  topic: 'argocd',
  eventPayload: JSON.parse(body),
});

function setUp() {
  server.use(
    ...serveArgocd({
      url: PROD,
      token: 'prod-token',
      apps: [],
      revisions: {
        [`checkout-prod@${SHA}`]: commitMetadata.checkoutTimeout,
      },
    }),
  );
  const recorded = recordingSink();
  const handle = createArgocdWebhookHandler({
    instances,
    clientFor: instance =>
      instance.credentials ? createArgocdClient({ instance }) : undefined,
    claims: async () => claimsOf(checkout).claims,
    sink: recorded.sink,
    lookupCommit: createCommitLookup(),
    environments: [],
    defaultEnvironment: 'unknown',
    logger: mockServices.logger.mock(),
  });
  return { ...recorded, handle };
}

describe('createArgocdWebhookHandler', () => {
  it('stores the sync the recommended template describes, running then succeeded, under one id', async () => {
    const { handle, ingested, reports } = setUp();
    await handle(delivery(notificationBody(app('Running'))));
    await handle(delivery(notificationBody(app('Succeeded'))));
    const common = {
      kind: 'deployment',
      source: 'argocd',
      id: 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z',
      entityRef: 'component:default/checkout',
      environment: 'production',
      startedAt: '2024-05-15T13:30:00Z',
      version: '53e28ff',
      url: `${PROD}/applications/argocd/checkout-prod`,
      // The operation's initiatedBy: the auto-sync policy.
      triggeredBy: 'argocd: automated sync',
      commits: [
        {
          sha: SHA,
          committedAt: '2024-05-15T12:58:20.000Z',
          author: 'John Roe',
          message: 'Raise checkout timeout',
        },
      ],
    };
    expect(ingested).toEqual([
      { ...common, status: 'in_progress', finishedAt: null },
      { ...common, status: 'success', finishedAt: '2024-05-15T13:31:15Z' },
    ]);
    expect(reports).toEqual([
      { source: 'argocd', via: 'webhook', instance: 'argo-prod' },
      { source: 'argocd', via: 'webhook', instance: 'argo-prod' },
    ]);
  });

  it('stores only the notified sync, finished when its history entry says', async () => {
    const { handle, ingested } = setUp();
    const withHistory = applicationResponse({
      name: 'checkout-prod',
      labels: { app: 'checkout' },
      destination: { name: 'prod-eu', namespace: 'checkout' },
      history: checkoutHistory('6bed858de32a0e876ec49dad1a2e3c5840d3fb07', SHA),
      operationState: checkoutSucceeded(SHA),
    });
    await handle(delivery(notificationBody(withHistory)));
    expect(ingested).toEqual([
      expect.objectContaining({
        id: 'argo-prod/argocd/checkout-prod/2024-05-15T13:30:00Z',
        status: 'success',
        finishedAt: '2024-05-15T13:31:12Z',
      }),
    ]);
  });

  it('stores a delivery of an instance without credentials without commits', async () => {
    const { handle, ingested } = setUp();
    const body = JSON.parse(notificationBody(app('Succeeded')));
    body.instance = 'argo-edge';
    await handle({ topic: 'argocd', eventPayload: body });
    expect(ingested).toEqual([
      expect.objectContaining({
        id: 'argo-edge/argocd/checkout-prod/2024-05-15T13:30:00Z',
        url: 'https://argocd.edge.example.com/applications/argocd/checkout-prod',
        commits: [],
      }),
    ]);
  });

  it('reports an application no component claims', async () => {
    const { handle, ingested, unmatched, reports } = setUp();
    await handle(
      delivery(
        notificationBody(
          app('Succeeded', {
            name: 'legacy-billing',
            labels: { app: 'billing' },
          }),
        ),
      ),
    );
    expect(ingested).toEqual([]);
    expect(unmatched).toEqual([
      {
        source: 'argocd',
        key: 'argo-prod/argocd/legacy-billing',
        reason:
          'no component claims Argo CD application argocd/legacy-billing of instance argo-prod (annotate one with argocd/app-name or argocd/app-selector)',
      },
    ]);
    expect(reports).toEqual([
      { source: 'argocd', via: 'webhook', instance: 'argo-prod' },
    ]);
  });

  it('reports a body of another shape and an instance Backstage does not list as failed deliveries', async () => {
    const { handle, ingested, reports } = setUp();
    await handle({
      topic: 'argocd',
      eventPayload: { app: 'checkout-prod', status: 'Succeeded' },
    });
    await handle({
      topic: 'argocd',
      eventPayload: { instance: 'argo-prod', application: { metadata: {} } },
    });
    const body = JSON.parse(notificationBody(app('Succeeded')));
    body.instance = 'argo-nowhere';
    await handle({ topic: 'argocd', eventPayload: body });
    expect(ingested).toEqual([]);
    expect(reports).toEqual([
      {
        source: 'argocd',
        via: 'webhook',
        error:
          "invalid delivery body (see the module's README for the template): instance: Invalid input: expected string, received undefined; application: Invalid input: expected object, received undefined",
      },
      {
        source: 'argocd',
        via: 'webhook',
        instance: 'argo-prod',
        error:
          "invalid delivery body (see the module's README for the template): application.metadata.name: Invalid input: expected string, received undefined; application.metadata.namespace: Invalid input: expected string, received undefined; application.spec: Invalid input: expected object, received undefined",
      },
      // Not under the instance it names: a body cannot add a source to the status.
      {
        source: 'argocd',
        via: 'webhook',
        error:
          'the delivery names instance "argo-nowhere", which argocd.appLocatorMethods does not list',
      },
    ]);
  });
});
