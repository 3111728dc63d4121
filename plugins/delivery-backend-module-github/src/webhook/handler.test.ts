import { mockServices } from '@backstage/backend-test-utils';
import { examplesOf, withLabels } from '../__testUtils__/examples';
import { CommitLookup } from '../client/commits';
import { createGithubEventHandler, githubTopics } from './handler';
import { RepoComponent } from '../matching/repositories';
import { repoComponent } from '../__testUtils__/repoComponents';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

/** Two components on Codertocat/Hello-World, neither claiming anything. */
const monorepo = {
  'codertocat/hello-world': [repoComponent('api'), repoComponent('web')],
};

function setup(options: {
  components: Record<string, RepoComponent[]>;
  lookupCommit?: CommitLookup;
  incidents?: { enabled: boolean; label: string };
}) {
  const sink = mockDeliveryEventSink();
  const lookupCommit = jest.fn(options.lookupCommit ?? (async () => undefined));
  const logger = mockServices.logger.mock();
  const handle = createGithubEventHandler({
    sink,
    componentsOf: async repository =>
      options.components[repository.toLowerCase()] ?? [],
    lookupCommit,
    workflows: [{ name: 'test', environment: 'production' }],
    incidents: options.incidents ?? { enabled: true, label: 'incident' },
    logger,
  });
  return { sink, lookupCommit, logger, handle };
}

/** The delivery stored nothing: it was reported as unmatched, with this key and reason. */
function expectOnlyUnmatched(
  sink: ReturnType<typeof setup>['sink'],
  key: string,
  reason: string,
) {
  expect(sink.ingest).not.toHaveBeenCalled();
  expect(sink.reportUnmatched).toHaveBeenCalledWith({
    source: 'github',
    key,
    reason,
  });
}

const deploymentStatus = (payload: unknown) => ({
  topic: 'github.deployment_status',
  eventPayload: payload,
  metadata: {
    'x-github-event': 'deployment_status',
    'x-github-delivery': 'd-1',
  },
});

const helloWorld = { 'codertocat/hello-world': [repoComponent('hello-world')] };
const [statusExample] = examplesOf('deployment_status');
const runExample = examplesOf('workflow_run')[1];

describe('createGithubEventHandler', () => {
  it('stores a deployment status for the annotated component, without commits when none can be read', async () => {
    const { sink, lookupCommit, handle } = setup({ components: helloWorld });
    await handle(deploymentStatus(statusExample));
    expect(lookupCommit).toHaveBeenCalledWith(
      {
        fullName: 'Codertocat/Hello-World',
        htmlUrl: 'https://github.com/Codertocat/Hello-World',
      },
      'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    );
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'Codertocat/Hello-World/deployments/145988746',
        entityRef: 'component:default/hello-world',
        status: 'success',
        commits: [],
      }),
    ]);
    expect(sink.reportUnmatched).not.toHaveBeenCalled();
  });

  it('adds the deployed commit when GitHub tells its time', async () => {
    const { sink, handle } = setup({
      components: helloWorld,
      lookupCommit: async () => ({
        committedAt: '2019-05-15T14:00:00Z',
        author: 'Codertocat',
        message: 'Ship it',
        files: ['README.md'],
      }),
    });
    await handle(deploymentStatus(statusExample));
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        commits: [
          {
            sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
            committedAt: '2019-05-15T14:00:00Z',
            author: 'Codertocat',
            message: 'Ship it',
          },
        ],
      }),
    ]);
  });

  it('reports a repository no component is annotated with, storing nothing', async () => {
    const { sink, lookupCommit, handle } = setup({ components: {} });
    await handle(deploymentStatus(statusExample));
    expect(sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'github',
      key: 'Codertocat/Hello-World',
      reason:
        'no component annotated github.com/project-slug: Codertocat/Hello-World',
    });
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(lookupCommit).not.toHaveBeenCalled();
  });

  it('stores a mapped workflow run with its head commit, asking GitHub nothing', async () => {
    const { sink, lookupCommit, handle } = setup({
      components: { 'octo-org/octo-repo': [repoComponent('octo')] },
    });
    await handle({ topic: 'github.workflow_run', eventPayload: runExample });
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'octo-org/octo-repo/runs/289782451',
        entityRef: 'component:default/octo',
        commits: [
          expect.objectContaining({
            sha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
          }),
        ],
      }),
    ]);
    expect(lookupCommit).not.toHaveBeenCalled();
  });

  it('ignores runs of workflows that are not deployments, and other topics', async () => {
    const { sink, handle } = setup({
      components: { 'octo-org/octo-repo': [repoComponent('octo')] },
    });
    const ci = examplesOf('workflow_run')[1];
    ci.workflow.name = 'CI';
    await handle({ topic: 'github.workflow_run', eventPayload: ci });
    await handle({ topic: 'github.push', eventPayload: statusExample });
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportUnmatched).not.toHaveBeenCalled();
  });

  it('decides between monorepo components by the files of the deployed commit, with one API call', async () => {
    const { sink, lookupCommit, handle } = setup({
      components: {
        'codertocat/hello-world': [
          repoComponent('api', { paths: ['apps/api'] }),
          repoComponent('web', { paths: ['apps/web'] }),
        ],
      },
      lookupCommit: async () => ({
        committedAt: '2019-05-15T14:00:00Z',
        files: ['apps/web/src/page.tsx'],
      }),
    });
    await handle(deploymentStatus(statusExample));
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({ entityRef: 'component:default/web' }),
    ]);
    expect(lookupCommit).toHaveBeenCalledTimes(1);
  });

  it('reports an ambiguous monorepo deployment instead of guessing', async () => {
    const { sink, handle } = setup({ components: monorepo });
    await handle(deploymentStatus(statusExample));
    expectOnlyUnmatched(
      sink,
      'Codertocat/Hello-World environment production',
      'ambiguous: several components on Codertocat/Hello-World (component:default/api, component:default/web), none claims environment production',
    );
  });

  it('logs events the store rejects', async () => {
    const { sink, logger, handle } = setup({ components: helloWorld });
    sink.ingest.mockResolvedValueOnce({
      accepted: 0,
      updated: 0,
      rejected: [{ index: 0, error: 'environment: too long' }] as never[],
    });
    await handle(deploymentStatus(statusExample));
    expect(logger.warn).toHaveBeenCalledWith(
      'Rejected GitHub github.deployment_status delivery d-1 (Codertocat/Hello-World/deployments/145988746): environment: too long',
    );
  });
});

describe('createGithubEventHandler, issues', () => {
  /** GitHub's "opened" example (Codertocat/Hello-World #1) with these labels added. */
  const opened = (labels: string[], body?: string) => {
    const payload = withLabels(examplesOf('issues')[15], labels);
    if (body !== undefined) payload.issue.body = body;
    return {
      topic: 'github.issues',
      eventPayload: payload,
      metadata: { 'x-github-event': 'issues', 'x-github-delivery': 'i-1' },
    };
  };

  it('subscribes to github.issues unless incidents are disabled', () => {
    expect(githubTopics({ enabled: true })).toEqual([
      'github.deployment_status',
      'github.workflow_run',
      'github.issues',
    ]);
    expect(githubTopics({ enabled: false })).not.toContain('github.issues');
  });

  it('stores an incident issue for the component on its repository, with the deployment its body names', async () => {
    const { sink, lookupCommit, handle } = setup({ components: helloWorld });
    await handle(
      opened(
        ['INCIDENT', 'sev1'],
        'Deployment: https://github.com/Codertocat/Hello-World/actions/runs/30433642',
      ),
    );
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        kind: 'incident',
        source: 'github',
        id: 'Codertocat/Hello-World/issues/1@component:default/hello-world',
        entityRef: 'component:default/hello-world',
        title: 'Spelling error in the README file',
        severity: 'sev1',
        openedAt: '2019-05-15T15:20:18Z',
        resolvedAt: undefined,
        deploymentId: 'Codertocat/Hello-World/runs/30433642',
        url: 'https://github.com/Codertocat/Hello-World/issues/1',
      },
    ]);
    expect(lookupCommit).not.toHaveBeenCalled();
    expect(sink.reportUnmatched).not.toHaveBeenCalled();
  });

  it('gives an issue of a monorepo to every component, or to those its labels name', async () => {
    const components = monorepo;
    const all = setup({ components });
    await all.handle(opened(['incident']));
    expect(all.sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'Codertocat/Hello-World/issues/1@component:default/api',
        entityRef: 'component:default/api',
      }),
      expect.objectContaining({
        id: 'Codertocat/Hello-World/issues/1@component:default/web',
        entityRef: 'component:default/web',
      }),
    ]);

    const named = setup({ components });
    await named.handle(opened(['incident', 'Component:Web', 'component:gone']));
    expect(named.sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'Codertocat/Hello-World/issues/1@component:default/web',
        entityRef: 'component:default/web',
      }),
    ]);
  });

  it('reports an issue whose component labels name no component on the repository', async () => {
    const { sink, handle } = setup({ components: monorepo });
    await handle(opened(['incident', 'component:mobile']));
    expectOnlyUnmatched(
      sink,
      'Codertocat/Hello-World component:mobile',
      "no component on Codertocat/Hello-World (component:default/api, component:default/web) is named by the issue's labels component:mobile",
    );
  });

  it('reports an incident issue of a repository no component is annotated with', async () => {
    const { sink, handle } = setup({ components: {} });
    await handle(opened(['incident']));
    expectOnlyUnmatched(
      sink,
      'Codertocat/Hello-World',
      'no component annotated github.com/project-slug: Codertocat/Hello-World',
    );
  });

  it('ignores issues without the label, even of unknown repositories, and all issues when disabled', async () => {
    const unknown = setup({ components: {} });
    await unknown.handle(opened(['bug-report']));
    expect(unknown.sink.ingest).not.toHaveBeenCalled();
    expect(unknown.sink.reportUnmatched).not.toHaveBeenCalled();

    const disabled = setup({
      components: helloWorld,
      incidents: { enabled: false, label: 'incident' },
    });
    await disabled.handle(opened(['incident']));
    expect(disabled.sink.ingest).not.toHaveBeenCalled();
    expect(disabled.logger.debug).toHaveBeenCalledWith(
      'Ignoring GitHub github.issues delivery i-1: incidents are disabled',
    );
  });

  it('uses a configured label', async () => {
    const { sink, handle } = setup({
      components: helloWorld,
      incidents: { enabled: true, label: 'Outage' },
    });
    await handle(opened(['incident']));
    expect(sink.ingest).not.toHaveBeenCalled();
    await handle(opened(['outage']));
    expect(sink.ingest).toHaveBeenCalledTimes(1);
  });
});

describe('createGithubEventHandler, pull requests', () => {
  const delivery = (topic: string, eventPayload: unknown) => ({
    topic,
    eventPayload,
    metadata: { 'x-github-delivery': 'p-1' },
  });

  it('subscribes to the pull request topics when changes are enabled', () => {
    expect(githubTopics({ enabled: false }, { enabled: true })).toEqual([
      'github.deployment_status',
      'github.workflow_run',
      'github.pull_request',
      'github.pull_request_review',
    ]);
    expect(githubTopics({ enabled: true }, { enabled: false })).not.toContain(
      'github.pull_request',
    );
  });

  it('hands pull request deliveries to the pull request handler, and ignores them without one', async () => {
    const handleDelivery = jest.fn(async () => {});
    const sink = mockDeliveryEventSink();
    const logger = mockServices.logger.mock();
    const options = {
      sink,
      componentsOf: async () => [],
      lookupCommit: async () => undefined,
      workflows: [],
      logger,
    };
    const payload = examplesOf('pull_request_review')[0];
    await createGithubEventHandler({
      ...options,
      pullRequests: { handleDelivery, record: jest.fn() },
    })(delivery('github.pull_request_review', payload));
    expect(handleDelivery).toHaveBeenCalledWith(
      'GitHub github.pull_request_review delivery p-1',
      'github.pull_request_review',
      payload,
    );

    await createGithubEventHandler(options)(
      delivery('github.pull_request', examplesOf('pull_request')[0]),
    );
    expect(logger.debug).toHaveBeenCalledWith(
      'Ignoring GitHub github.pull_request delivery p-1: changes are disabled',
    );
    expect(sink.ingest).not.toHaveBeenCalled();
  });
});
