import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';
import { NO_RATE_LIMIT_RETRY } from '@internal/backstage-plugin-delivery-node';
import { setupServer } from 'msw/node';
import {
  clone,
  deploymentHookExample,
  mergeRequestApprovalHookExample,
  mergeRequestHookExample,
  mergeRequestNoteHookExample,
  pipelineHookExample,
} from '../__testUtils__/fixtures';
import {
  MONOREPO,
  mergeRequestHook,
  mergeRequestNoteHook,
  shopDeploymentHook,
  shopPipelineHook,
} from '../__testUtils__/hooks';
import {
  API,
  c3,
  c4,
  c5,
  mappedChanges,
  mergeRequests,
  monorepoMergeRequests,
  secondDeploymentMapped,
  serveGitlab,
  stored,
  TOKEN,
  WEB,
} from '../__testUtils__/scenario';
import { createGitlabInstances } from '../client/instances';
import { createGitlabWebhookHandler } from './handler';
import { ProjectComponent } from '../matching/projects';
import { createRecordReader } from '../client/records';
import {
  deploymentHookExampleMapped,
  pipelineHookExampleMapped,
} from '../__testUtils__/mappedExamples';

const server = setupServer();
registerMswTestHooks(server);

function setup(
  options: {
    components?: ProjectComponent[];
    rejected?: boolean;
  } = {},
) {
  const requests = serveGitlab(server);
  const logger = mockServices.logger.mock();
  const sink = mockDeliveryEventSink({
    ingestResult: events => ({
      accepted: events.length,
      updated: 0,
      rejected: options.rejected
        ? [{ index: 0, error: 'environment: Too small' }]
        : [],
    }),
  });
  const componentsOf = jest.fn(
    async () =>
      options.components ?? [
        { entityRef: 'component:default/shop', environments: [], paths: [] },
      ],
  );
  const handle = createGitlabWebhookHandler({
    sink,
    instances: createGitlabInstances({
      config: new ConfigReader({
        integrations: {
          gitlab: [{ host: 'gitlab.acme.test', apiBaseUrl: API, token: TOKEN }],
        },
      }),
      logger,
      retry: NO_RATE_LIMIT_RETRY,
    }),
    componentsOf,
    reader: createRecordReader({ logger }),
    pipelineRules: [
      { ref: 'main', environment: 'production' },
      { ref: 'master', environment: 'production' },
    ],
    logger,
  });
  return { handle, sink, requests, componentsOf, logger };
}

describe('createGitlabWebhookHandler: deployments', () => {
  it('reads the deployment a delivery names from the API and stores it with its commits', async () => {
    const { handle, sink, componentsOf } = setup();
    // The delivery says "running"; the API, read afterwards, already says success.
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: shopDeploymentHook({ status: 'running' }),
    });
    expect(componentsOf).toHaveBeenCalledWith({
      instance: 'gitlab.acme.test',
      id: 42,
      path: 'acme/shop',
      webUrl: WEB,
    });
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        ...secondDeploymentMapped,
        entityRef: 'component:default/shop',
        commits: [
          stored(c4, '2026-01-07T08:00:00.000Z'),
          stored(c3, '2026-01-06T15:30:00.000+02:00'),
        ],
      },
    ]);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
    });
  });

  it('maps GitLab’s example delivery on its own when its instance has no token', async () => {
    const { handle, sink, requests } = setup();
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: clone(deploymentHookExample),
    });
    expect(requests).toEqual([]);
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        ...deploymentHookExampleMapped,
        entityRef: 'component:default/shop',
        commits: [],
      },
    ]);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: '10.126.0.2:3000',
      via: 'webhook',
    });
  });

  it('reports a project no component claims, without reading the API', async () => {
    const { handle, sink, requests } = setup({ components: [] });
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: shopDeploymentHook(),
    });
    expect(sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'gitlab',
      key: 'gitlab.acme.test/acme/shop',
      reason:
        'no component annotated gitlab.com/project-slug: acme/shop or gitlab.com/project-id: 42 on gitlab.acme.test',
    });
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
    });
  });

  it('ignores a status that deployed nothing', async () => {
    const { handle, sink } = setup();
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: shopDeploymentHook({ status: 'created' }),
    });
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).not.toHaveBeenCalled();
  });

  it('reports a deployment the API cannot read, storing nothing', async () => {
    const { handle, sink } = setup();
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: shopDeploymentHook({ deployment_id: 999 }),
    });
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
      error:
        'GitLab deployment 999 of acme/shop: GET /api/v4/projects/42/deployments/999: 404 Not Found (404 Deployment Not Found)',
    });
  });

  it('reports an unreadable payload, naming the field', async () => {
    const { handle, sink } = setup();
    const { deployment_id: _, ...payload } = shopDeploymentHook();
    await handle({ topic: 'gitlab.deployment', eventPayload: payload });
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
      error: expect.stringMatching(
        /^GitLab gitlab.deployment delivery: unreadable deployment event: deployment_id: /,
      ),
    });
  });

  it('reports an event the store rejects', async () => {
    const { handle, sink } = setup({ rejected: true });
    await handle({
      topic: 'gitlab.deployment',
      eventPayload: clone(deploymentHookExample),
    });
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'gitlab',
      instance: '10.126.0.2:3000',
      via: 'webhook',
      error:
        'GitLab deployment 15 of root/test-deployment-webhooks: 10.126.0.2:3000/deployments/15 was rejected: environment: Too small',
    });
  });
});

describe('createGitlabWebhookHandler: pipelines', () => {
  it('maps GitLab’s example delivery by a rule when its instance has no token', async () => {
    const { handle, sink } = setup();
    await handle({
      topic: 'gitlab.pipeline',
      eventPayload: clone(pipelineHookExample),
    });
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        ...pipelineHookExampleMapped,
        entityRef: 'component:default/shop',
        commits: [
          {
            sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
            committedAt: '2016-08-12T17:23:21.000+02:00',
            author: 'User',
            message: 'test\n',
          },
        ],
      },
    ]);
  });

  it('reads a pipeline from the API when its instance has a token', async () => {
    const { handle, sink } = setup();
    await handle({
      topic: 'gitlab.pipeline',
      eventPayload: shopPipelineHook(),
    });
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'gitlab.acme.test/pipelines/202',
        startedAt: '2026-01-07T09:36:00.000Z',
        finishedAt: '2026-01-07T09:50:00.000Z',
        commits: [
          stored(c5, '2026-01-07T09:30:00.000Z'),
          stored(c4, '2026-01-07T08:00:00.000Z'),
          stored(c3, '2026-01-06T15:30:00.000+02:00'),
        ],
      }),
    ]);
  });

  it('ignores pipelines no rule maps, and other events', async () => {
    const { handle, sink, componentsOf } = setup();
    const feature = clone(pipelineHookExample);
    feature.object_attributes.ref = 'feature/x';
    await handle({ topic: 'gitlab.pipeline', eventPayload: feature });
    await handle({
      topic: 'gitlab.build',
      eventPayload: { object_kind: 'build' },
    });
    expect(componentsOf).not.toHaveBeenCalled();
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).not.toHaveBeenCalled();
  });
});

describe('createGitlabWebhookHandler: merge requests', () => {
  const shopChange = (change: { id: string }) => ({
    ...change,
    id: `${change.id}@component:default/shop`,
    entityRef: 'component:default/shop',
  });

  it('reads the merge request a delivery names from the API: merged, approved or commented on', async () => {
    const { handle, sink } = setup();
    await handle({
      topic: 'gitlab.merge_request',
      eventPayload: mergeRequestHook(mergeRequests.coupon, { action: 'merge' }),
    });
    expect(sink.ingest).toHaveBeenLastCalledWith([
      shopChange(mappedChanges.coupon),
    ]);
    for (const [topic, eventPayload] of [
      [
        'gitlab.merge_request',
        mergeRequestHook(mergeRequests.validation, { action: 'approval' }),
      ],
      ['gitlab.note', mergeRequestNoteHook(mergeRequests.validation)],
    ] as const) {
      await handle({ topic, eventPayload });
      expect(sink.ingest).toHaveBeenLastCalledWith([
        shopChange(mappedChanges.validation),
      ]);
    }
    expect(sink.reportSync).toHaveBeenCalledTimes(3);
    expect(sink.reportSync).toHaveBeenLastCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
    });
  });

  it('sends a monorepo merge request once per component whose paths it touches', async () => {
    const component = (name: string, paths: string[]) => ({
      entityRef: `component:default/${name}`,
      environments: [],
      paths,
    });
    const { handle, sink } = setup({
      components: [
        component('cart', ['services/cart']),
        component('web', ['apps/web']),
        component('search', ['services/search']),
      ],
    });
    const hook = (mr: typeof monorepoMergeRequests.totals) => ({
      topic: 'gitlab.merge_request',
      eventPayload: mergeRequestHook(mr, { action: 'open', project: MONOREPO }),
    });
    await handle(hook(monorepoMergeRequests.totals));
    const sent = sink.ingested as { id: string; entityRef: string }[];
    expect(sent.map(e => [e.id, e.entityRef])).toEqual([
      [
        'gitlab.acme.test/merge_requests/621@component:default/cart',
        'component:default/cart',
      ],
      [
        'gitlab.acme.test/merge_requests/621@component:default/web',
        'component:default/web',
      ],
    ]);
    await handle(hook(monorepoMergeRequests.docs));
    expect(sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'gitlab',
      key: 'gitlab.acme.test/acme/monorepo merge requests',
      reason:
        'merge request !22 of gitlab.acme.test/acme/monorepo: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/cart, component:default/web, component:default/search; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
    });
    expect(sink.ingest).toHaveBeenCalledTimes(1);
  });

  it('ignores GitLab’s example deliveries, whose instances have no token: a change without its reviews would count as unreviewed', async () => {
    const { handle, sink, requests, componentsOf } = setup();
    await handle({
      topic: 'gitlab.merge_request',
      eventPayload: clone(mergeRequestHookExample),
    });
    await handle({
      topic: 'gitlab.merge_request',
      eventPayload: clone(mergeRequestApprovalHookExample),
    });
    await handle({
      topic: 'gitlab.note',
      eventPayload: clone(mergeRequestNoteHookExample),
    });
    expect(requests).toEqual([]);
    expect(componentsOf).not.toHaveBeenCalled();
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).not.toHaveBeenCalled();
  });

  it('ignores comments on anything but merge requests', async () => {
    const { handle, sink, requests } = setup();
    const { merge_request: _, ...onCommit } = mergeRequestNoteHook(
      mergeRequests.coupon,
    );
    onCommit.object_attributes.noteable_type = 'Commit';
    await handle({ topic: 'gitlab.note', eventPayload: onCommit });
    expect(requests).toEqual([]);
    expect(sink.ingest).not.toHaveBeenCalled();
  });

  it('reports a project no component is annotated with, without reading the merge request', async () => {
    const { handle, sink, requests } = setup({ components: [] });
    await handle({
      topic: 'gitlab.merge_request',
      eventPayload: mergeRequestHook(mergeRequests.coupon, { action: 'open' }),
    });
    expect(requests).toEqual([]);
    expect(sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'gitlab',
      key: 'gitlab.acme.test/acme/shop',
      reason:
        'no component annotated gitlab.com/project-slug: acme/shop or gitlab.com/project-id: 42 on gitlab.acme.test',
    });
  });

  it('reports a merge request the API cannot read, and an unreadable payload naming the field', async () => {
    const { handle, sink } = setup();
    const missing = mergeRequestHook(mergeRequests.coupon, { action: 'open' });
    missing.object_attributes.iid = 99;
    await handle({ topic: 'gitlab.merge_request', eventPayload: missing });
    expect(sink.reportSync).toHaveBeenLastCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
      error:
        'GitLab merge request !99 of acme/shop: GET /api/v4/projects/42/merge_requests/99: 404 Not Found (404 Not found)',
    });
    const { iid: _, ...attributes } = missing.object_attributes;
    await handle({
      topic: 'gitlab.merge_request',
      eventPayload: { ...missing, object_attributes: attributes },
    });
    expect(sink.reportSync).toHaveBeenLastCalledWith({
      source: 'gitlab',
      instance: 'gitlab.acme.test',
      via: 'webhook',
      error: expect.stringMatching(
        /^GitLab gitlab.merge_request delivery: unreadable merge request event: object_attributes.iid: /,
      ),
    });
    expect(sink.ingest).not.toHaveBeenCalled();
  });
});
