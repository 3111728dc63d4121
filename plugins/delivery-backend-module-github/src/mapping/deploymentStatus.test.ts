import { deploymentEventSchema } from '@internal/backstage-plugin-delivery-common';
import { examplesOf } from '../__testUtils__/examples';
import { mapDeploymentStatus } from './deploymentStatus';
import { MappedDeployment } from './types';

// GitHub's examples: [0] a success on production created by a user (no workflow),
// [1] an in_progress status on github-pages created by a GitHub Actions run.
const [success, inProgress] = examplesOf('deployment_status');

const mapped = (payload: unknown) =>
  mapDeploymentStatus(payload) as MappedDeployment;

describe('mapDeploymentStatus', () => {
  it('maps a successful deployment status', () => {
    const result = mapped(success);
    expect(result.repository).toEqual({
      fullName: 'Codertocat/Hello-World',
      htmlUrl: 'https://github.com/Codertocat/Hello-World',
    });
    expect(result.sha).toBe('f95f852bd8fca8fcc58a9a2d6c842781e32a215e');
    expect(result.workflow).toBeUndefined();
    expect(result.deployment).toEqual({
      kind: 'deployment',
      source: 'github',
      id: 'Codertocat/Hello-World/deployments/145988746',
      environment: 'production',
      status: 'success',
      startedAt: '2019-05-15T15:20:53Z',
      finishedAt: '2019-05-15T15:20:55Z',
      version: 'f95f852',
      // target_url is "" in this example: fall back to the repository's deployments.
      url: 'https://github.com/Codertocat/Hello-World/deployments',
      // deployment.creator.login of the example.
      triggeredBy: 'Codertocat',
      commits: [],
    });
    // Valid against the normalised schema once an entity is assigned.
    expect(
      deploymentEventSchema.safeParse({
        ...result.deployment,
        entityRef: 'component:default/hello-world',
      }).success,
    ).toBe(true);
  });

  it('maps an in-progress status of an Actions deployment to the same event id', () => {
    const result = mapped(inProgress);
    expect(result.deployment).toEqual({
      kind: 'deployment',
      source: 'github',
      id: 'Codertocat/Hello-World/deployments/145988746',
      environment: 'github-pages',
      status: 'in_progress',
      startedAt: '2022-01-03T01:28:30Z',
      finishedAt: undefined,
      version: 'f95f852',
      url: 'https://github.com/Codertocat/Hello-World/runs/145988746?check_suite_focus=true',
      // GitHub Pages' own bot created this deployment.
      triggeredBy: 'github-pages[bot]',
      commits: [],
    });
    expect(result.workflow).toEqual({ name: 'pages build and deployment' });
  });

  it('uses log_url when target_url is empty', () => {
    const payload = examplesOf('deployment_status')[1];
    payload.deployment_status.target_url = '';
    expect(mapped(payload).deployment.url).toBe(
      'https://github.com/CorsixTH/CorsixTH/runs/4687056418?check_suite_focus=true',
    );
  });

  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['error', 'failure'],
    ['pending', 'in_progress'],
    ['queued', 'in_progress'],
    ['waiting', 'in_progress'],
    ['in_progress', 'in_progress'],
  ])('maps state %s to %s', (state, status) => {
    const payload = examplesOf('deployment_status')[0];
    (payload.deployment_status as { state: string }).state = state;
    const { deployment } = mapped(payload);
    expect(deployment.status).toBe(status);
    expect(deployment.finishedAt).toBe(
      status === 'in_progress' ? undefined : '2019-05-15T15:20:55Z',
    );
  });

  it('skips inactive statuses, which would overwrite the success they follow', () => {
    const payload = examplesOf('deployment_status')[0];
    (payload.deployment_status as { state: string }).state = 'inactive';
    expect(mapDeploymentStatus(payload)).toEqual({
      skipped: 'deployment state inactive is not mapped',
    });
  });

  it('never finishes before it started', () => {
    const payload = examplesOf('deployment_status')[0];
    payload.deployment_status.created_at = '2019-05-15T15:20:00Z';
    expect(mapped(payload).deployment.finishedAt).toBe('2019-05-15T15:20:53Z');
  });

  it('skips payloads that are not deployment statuses', () => {
    const [run] = examplesOf('workflow_run');
    expect(mapDeploymentStatus(run)).toEqual({
      skipped: expect.stringMatching(/^not a deployment_status payload: /),
    });
    expect(mapDeploymentStatus(null)).toHaveProperty('skipped');
  });
});
