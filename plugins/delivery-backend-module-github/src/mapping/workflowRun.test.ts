import { deploymentEventSchema } from '@internal/backstage-plugin-delivery-common';
import { examplesOf } from '../__testUtils__/examples';
import { mapWorkflowRun } from './workflowRun';
import { MappedDeployment } from './types';
import { WorkflowRule } from './workflows';

// GitHub's examples: [0] "Manually triggered workflow" completed without a
// conclusion, [1] workflow "test" completed with success (its run has an empty name),
// [3] a requested run.
const examples = examplesOf('workflow_run');
const rules: WorkflowRule[] = [{ name: 'test', environment: 'production' }];

const mapped = (payload: unknown, r = rules) =>
  mapWorkflowRun(payload, r) as MappedDeployment;

describe('mapWorkflowRun', () => {
  it('maps a completed run of a workflow configured as a deployment', () => {
    const result = mapped(examples[1]);
    expect(result.repository).toEqual({
      fullName: 'octo-org/octo-repo',
      htmlUrl: 'https://github.com/octo-org/octo-repo',
    });
    expect(result.sha).toBe('3484a3fb816e0859fd6e1cea078d76385ff50625');
    // The run's name is empty in this payload; the workflow's name is used.
    expect(result.workflow).toEqual({
      name: 'test',
      path: '.github/workflows/test.yml',
    });
    expect(result.deployment).toEqual({
      kind: 'deployment',
      source: 'github',
      id: 'octo-org/octo-repo/runs/289782451',
      environment: 'production',
      status: 'success',
      startedAt: '2020-10-05T16:33:49Z',
      finishedAt: '2020-10-05T16:33:49Z',
      version: '3484a3f',
      url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
      // triggering_actor.login and event of the example.
      triggeredBy: 'Codertocat (repository_dispatch)',
      commits: [
        {
          sha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
          committedAt: '2020-10-05T16:32:07Z',
          author: 'Matthias Fax',
          message: 'build(test): check workflow run event payload',
        },
      ],
    });
    expect(
      deploymentEventSchema.safeParse({
        ...result.deployment,
        entityRef: 'component:default/octo-repo',
      }).success,
    ).toBe(true);
  });

  it('names who re-ran a run, else its actor, else the trigger alone', () => {
    const payload = examplesOf('workflow_run')[1];
    payload.workflow_run.event = 'push';
    payload.workflow_run.triggering_actor = {
      ...payload.workflow_run.triggering_actor!,
      login: 'octocat',
    };
    expect(mapped(payload).deployment.triggeredBy).toBe('octocat (push)');
    (payload.workflow_run as { triggering_actor: unknown }).triggering_actor =
      undefined;
    expect(mapped(payload).deployment.triggeredBy).toBe('Codertocat (push)');
    (payload.workflow_run as { actor: unknown }).actor = null;
    payload.workflow_run.event = 'schedule';
    expect(mapped(payload).deployment.triggeredBy).toBe('schedule');
  });

  it('matches rules by path and by * patterns, first rule first', () => {
    expect(
      mapped(examples[1], [
        { path: '.github/workflows/*.yml', environment: 'staging' },
        { name: 'test', environment: 'production' },
      ]).deployment.environment,
    ).toBe('staging');
    expect(
      mapped(examples[1], [{ name: 'T*', environment: 'qa' }]).deployment
        .environment,
    ).toBe('qa');
  });

  it('skips workflows no rule maps to an environment', () => {
    expect(
      mapWorkflowRun(examples[1], [
        { name: 'Deploy', environment: 'production' },
      ]),
    ).toEqual({ skipped: 'workflow test is not mapped to an environment' });
    expect(mapWorkflowRun(examples[1], [])).toHaveProperty('skipped');
  });

  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['timed_out', 'failure'],
    ['startup_failure', 'failure'],
    ['cancelled', 'cancelled'],
  ])('maps conclusion %s to %s', (conclusion, status) => {
    const payload = examplesOf('workflow_run')[1];
    (payload.workflow_run as { conclusion: string }).conclusion = conclusion;
    expect(mapped(payload).deployment.status).toBe(status);
  });

  it.each(['skipped', 'neutral', 'action_required', 'stale'])(
    'skips runs concluded %s, which deployed nothing',
    conclusion => {
      const payload = examplesOf('workflow_run')[1];
      (payload.workflow_run as { conclusion: string }).conclusion = conclusion;
      expect(mapWorkflowRun(payload, rules)).toEqual({
        skipped: `run conclusion ${conclusion} is not mapped`,
      });
    },
  );

  it('skips completed runs without a conclusion and runs not completed', () => {
    expect(
      mapWorkflowRun(examples[0], [
        { name: 'Manually*', environment: 'production' },
      ]),
    ).toEqual({ skipped: 'run conclusion none is not mapped' });
    expect(mapWorkflowRun(examples[3], rules)).toEqual({
      skipped: 'workflow_run action requested is not mapped',
    });
  });

  it('keeps the finish at or after the start when updated_at is earlier', () => {
    const payload = examplesOf('workflow_run')[1];
    payload.workflow_run.updated_at = '2020-10-05T16:33:24Z';
    expect(mapped(payload).deployment.finishedAt).toBe('2020-10-05T16:33:49Z');
  });

  it('stores no commit when the run has no head commit', () => {
    const payload = examplesOf('workflow_run')[1];
    (payload.workflow_run as { head_commit: unknown }).head_commit = null;
    expect(mapped(payload).deployment.commits).toEqual([]);
  });

  it('skips payloads that are not workflow runs', () => {
    const [status] = examplesOf('deployment_status');
    expect(mapWorkflowRun(status, rules)).toEqual({
      skipped: expect.stringMatching(/^not a workflow_run payload: /),
    });
  });
});
