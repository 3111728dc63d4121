import {
  environmentForWorkflow,
  matchesPattern,
  namesWorkflow,
} from './workflows';

describe('matchesPattern', () => {
  it.each([
    ['Deploy', 'Deploy', true],
    ['Deploy', 'deploy', true],
    ['Deploy', 'Deploy web', false],
    ['Deploy*', 'Deploy web', true],
    ['*web*', 'Deploy web to prod', true],
    ['deploy.yml', 'deployXyml', false],
    [
      '.github/workflows/deploy-*.yml',
      '.github/workflows/deploy-web.yml',
      true,
    ],
    ['(a)', '(a)', true],
  ])('%s against %s: %s', (pattern, value, expected) => {
    expect(matchesPattern(pattern, value)).toBe(expected);
  });
});

describe('namesWorkflow', () => {
  const workflow = {
    name: 'Deploy web',
    path: '.github/workflows/deploy-web.yml',
  };
  it('accepts the name, the path or the file name', () => {
    expect(namesWorkflow('deploy web', workflow)).toBe(true);
    expect(namesWorkflow('.github/workflows/deploy-web.yml', workflow)).toBe(
      true,
    );
    expect(namesWorkflow('deploy-web.yml', workflow)).toBe(true);
    expect(namesWorkflow('deploy-api.yml', workflow)).toBe(false);
    expect(namesWorkflow('deploy-web.yml', { name: 'Deploy web' })).toBe(false);
  });
});

describe('environmentForWorkflow', () => {
  it('needs every pattern of a rule to match', () => {
    const rules = [
      { name: 'Deploy*', path: '*/deploy-prod.yml', environment: 'production' },
      { name: 'Deploy*', environment: 'staging' },
    ];
    expect(
      environmentForWorkflow(rules, {
        name: 'Deploy',
        path: '.github/workflows/deploy-prod.yml',
      }),
    ).toBe('production');
    expect(environmentForWorkflow(rules, { name: 'Deploy' })).toBe('staging');
    expect(environmentForWorkflow(rules, { name: 'CI' })).toBeUndefined();
  });
});
