import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'checkout', tier: 'web', 'example.com/team': 'shop' };
  const matches = (selector: string) =>
    matchesLabels(parseLabelSelector(selector), labels);

  it('matches equality, set and existence requirements, all of which must hold', () => {
    expect(matches('app=checkout')).toBe(true);
    expect(matches('app==checkout,tier=web')).toBe(true);
    expect(matches('app=checkout,tier=api')).toBe(false);
    expect(matches('app in (checkout, cart)')).toBe(true);
    expect(matches('tier notin (web)')).toBe(false);
    expect(matches('example.com/team')).toBe(true);
    expect(matches('!canary')).toBe(true);
    expect(matches('!tier')).toBe(false);
  });

  it('lets != and notin hold when the label is absent, as Kubernetes does', () => {
    expect(matches('canary!=true')).toBe(true);
    expect(matches('canary notin (true)')).toBe(true);
    expect(matches('canary in (true)')).toBe(false);
  });

  it('parses into requirements and refuses what Kubernetes refuses', () => {
    expect(parseLabelSelector('app=checkout, tier in (web,api)')).toEqual([
      { key: 'app', op: 'in', values: ['checkout'] },
      { key: 'tier', op: 'in', values: ['web', 'api'] },
    ]);
    expect(() => parseLabelSelector('app=check out')).toThrow(
      "invalid label selector requirement 'app=check out'",
    );
    expect(() => parseLabelSelector('')).toThrow('empty label selector');
  });
});
