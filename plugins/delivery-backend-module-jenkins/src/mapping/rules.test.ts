import {
  DeploymentRule,
  deploymentTarget,
  mayDeploy,
  parseJobPattern,
} from './rules';

const rule = (
  spec: Omit<DeploymentRule, 'job'> & { job?: string },
): DeploymentRule => ({
  ...spec,
  job: spec.job === undefined ? undefined : parseJobPattern(spec.job),
});

describe('parseJobPattern', () => {
  it('reads a glob as a whole-string, case-insensitive match with * for anything', () => {
    const { regex, isRegex } = parseJobPattern('shop/deploy-*');
    expect(isRegex).toBe(false);
    expect(regex.test('Shop/Deploy-production')).toBe(true);
    expect(regex.test('shop/deploy-eu/production')).toBe(true);
    expect(regex.test('shop/deploy')).toBe(false);
    expect(regex.test('old-shop/deploy-x')).toBe(false);
    // Regex characters in a glob are literal.
    expect(parseJobPattern('a.b').regex.test('axb')).toBe(false);
  });

  it('reads /.../flags as a regular expression', () => {
    const { regex, isRegex } = parseJobPattern('/^deploy-(.+)$/i');
    expect(isRegex).toBe(true);
    expect(regex.exec('DEPLOY-staging')?.[1]).toBe('staging');
  });

  it('refuses an empty pattern and an invalid expression', () => {
    expect(() => parseJobPattern('  ')).toThrow('must not be empty');
    expect(() => parseJobPattern('/deploy-(/')).toThrow(
      /^invalid regular expression \/deploy-\(\/: /,
    );
  });
});

describe('deploymentTarget', () => {
  it('gives the environment of the first rule whose job pattern matches the full name or the name', () => {
    const rules = [
      rule({ job: 'shop/deploy-prod', environment: 'production' }),
      rule({ job: 'deploy-*', environment: 'staging' }),
    ];
    expect(deploymentTarget(rules, 'shop/deploy-prod', {})).toEqual({
      environment: 'production',
    });
    // `deploy-*` matches the name, the last segment.
    expect(deploymentTarget(rules, 'payments/deploy-eu', {})).toEqual({
      environment: 'staging',
    });
    expect(deploymentTarget(rules, 'shop/build', {})).toBeUndefined();
  });

  it('fills $1 from a regular expression', () => {
    const rules = [
      rule({ job: '/^(?:.+\\/)?deploy-(\\w+)$/', environment: '$1' }),
    ];
    expect(deploymentTarget(rules, 'shop/deploy-qa', {})).toEqual({
      environment: 'qa',
    });
    // Not for globs: `$1` is then a literal name.
    expect(
      deploymentTarget([rule({ job: 'x', environment: '$1' })], 'x', {}),
    ).toEqual({ environment: '$1' });
  });

  it('takes the environment from a parameter, falling back to the rule environment, else to the next rule', () => {
    const rules = [
      rule({ job: 'shop/*', parameter: 'DEPLOY_ENV', environment: 'dev' }),
      rule({ parameter: 'TARGET' }),
      rule({ job: 'shop/release', environment: 'production' }),
    ];
    expect(
      deploymentTarget(rules, 'shop/deploy', { DEPLOY_ENV: ' production ' }),
    ).toEqual({ environment: 'production' });
    expect(deploymentTarget(rules, 'shop/deploy', { DEPLOY_ENV: '' })).toEqual({
      environment: 'dev',
    });
    // Rule 1 does not match the job; rule 2 has no TARGET: rule 3 decides.
    expect(deploymentTarget(rules, 'other/release', { TARGET: 'eu' })).toEqual({
      environment: 'eu',
    });
    expect(deploymentTarget(rules, 'other/release', {})).toBeUndefined();
  });

  it('names the version parameter of the rule that decided', () => {
    expect(
      deploymentTarget(
        [rule({ parameter: 'DEPLOY_ENV', versionParameter: 'VERSION' })],
        'x',
        { DEPLOY_ENV: 'prod' },
      ),
    ).toEqual({ environment: 'prod', versionParameter: 'VERSION' });
  });
});

describe('mayDeploy', () => {
  it('says whether any rule could apply to a job', () => {
    const rules = [rule({ job: 'shop/main', environment: 'production' })];
    expect(mayDeploy(rules, 'shop/main')).toBe(true);
    expect(mayDeploy(rules, 'shop/feature%2Fx')).toBe(false);
    expect(mayDeploy([rule({ parameter: 'ENV' })], 'anything')).toBe(true);
    expect(mayDeploy([], 'anything')).toBe(false);
  });
});
