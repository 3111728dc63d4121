import fixture from '../__fixtures__/deployment_protection_rule.requested.json';
import { deployKindOf, parseProtectionRule } from './payload';

const withDeployment = (deployment: Record<string, unknown>) => ({
  ...structuredClone(fixture),
  deployment: { ...fixture.deployment, ...deployment },
});

describe('parseProtectionRule', () => {
  it('reads the fixture: repository, run from the callback URL, and the ask', () => {
    expect(parseProtectionRule(fixture)).toEqual({
      request: {
        repository: 'Codertocat/Hello-World',
        repositoryUrl: 'https://github.com/Codertocat/Hello-World',
        environment: 'production',
        callback: {
          owner: 'Codertocat',
          repo: 'Hello-World',
          runId: '9187214322',
        },
        deploymentId: 145988746,
        ask: {
          environment: 'production',
          kind: 'deploy',
          version: 'master',
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          requestedBy: 'github:Codertocat',
        },
      },
    });
  });

  it('takes the top-level sha, ref and sender when no deployment is created', () => {
    const result = parseProtectionRule({ ...fixture, deployment: null });
    expect(result).toEqual({
      request: expect.objectContaining({
        ask: {
          environment: 'production',
          kind: 'deploy',
          version: 'refs/heads/master',
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          requestedBy: 'github:Codertocat',
        },
      }),
    });
    expect(result).not.toHaveProperty('request.deploymentId');
  });

  it('skips other actions and names what is wrong with a bad delivery', () => {
    expect(parseProtectionRule({ ...fixture, action: 'completed' })).toEqual({
      skipped: 'action completed',
    });
    expect(
      parseProtectionRule({ ...fixture, deployment_callback_url: undefined }),
    ).toEqual({
      invalid: expect.stringMatching(/^deployment_callback_url: /),
    });
    expect(
      parseProtectionRule({
        ...fixture,
        deployment_callback_url:
          'https://api.github.com/repos/x/y/deployments/1',
      }),
    ).toEqual({
      invalid:
        "deployment_callback_url: /repos/x/y/deployments/1 is not a workflow run's deployment_protection_rule URL",
    });
  });

  it('refuses a callback URL naming another repository', () => {
    expect(
      parseProtectionRule({
        ...fixture,
        deployment_callback_url:
          'https://evil.example/repos/acme/other/actions/runs/1/deployment_protection_rule',
      }),
    ).toEqual({
      invalid:
        "deployment_callback_url: names acme/other, not the delivery's repository Codertocat/Hello-World",
    });
  });
});

describe('deployKindOf', () => {
  it('reads payload.kind (object or JSON string) first, then the task', () => {
    expect(
      deployKindOf(withDeployment({ payload: { kind: 'hotfix' } }).deployment),
    ).toEqual({ kind: 'hotfix' });
    expect(
      deployKindOf(
        withDeployment({
          payload: '{"kind":"remediation","remediates":"INC-42"}',
          task: 'deploy:rollback',
        }).deployment,
      ),
    ).toEqual({ kind: 'remediation', remediates: 'INC-42' });
    expect(
      deployKindOf(withDeployment({ task: 'deploy:rollback' }).deployment),
    ).toEqual({ kind: 'rollback' });
    expect(
      deployKindOf(withDeployment({ payload: 'not json' }).deployment),
    ).toEqual({ kind: 'deploy' });
    expect(deployKindOf(null)).toEqual({ kind: 'deploy' });
  });

  it('passes an unknown payload.kind on, for the gate to name', () => {
    expect(
      deployKindOf(withDeployment({ payload: { kind: 'yolo' } }).deployment),
    ).toEqual({ kind: 'yolo' });
  });
});
