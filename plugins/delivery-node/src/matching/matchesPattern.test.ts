import { matchesPattern } from './matchesPattern';

describe('matchesPattern', () => {
  it.each([
    ['production', 'production'],
    ['Production', 'PRODUCTION'],
    ['prod*', 'production'],
    ['prod-*', 'prod-eu'],
    ['release/*', 'release/1.2'],
    ['Deploy*', 'Deploy web'],
    ['deploy-*.yml', 'deploy-web.yml'],
    ['.github/workflows/deploy-*.yml', '.github/workflows/deploy-web.yml'],
    ['https://*.prod.example.com', 'https://k8s.prod.example.com'],
    ['*', ''],
    ['a*b*c', 'aXXbYYc'],
    ['main', 'main'],
    ['v*', 'V2.0.1'],
  ])('%p matches %p', (pattern, value) => {
    expect(matchesPattern(pattern, value)).toBe(true);
  });

  it.each([
    ['prod', 'production'],
    ['production', 'pre-production'],
    ['prod-*', 'staging'],
    ['main', 'maintenance'],
    ['release/*', 'hotfix/1.2'],
    // Regex characters are literal.
    ['deploy.yml', 'deployXyml'],
    ['a.b', 'axb'],
    ['a+b', 'aab'],
    ['(x)', 'x'],
    ['[ab]', 'a'],
    ['https://*.prod.example.com', 'https://k8s.staging.example.com'],
  ])('%p does not match %p', (pattern, value) => {
    expect(matchesPattern(pattern, value)).toBe(false);
  });
});
