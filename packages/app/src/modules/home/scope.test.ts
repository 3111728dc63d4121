import { resolveScope, scopeKindOf } from './scope';

describe('scopeKindOf', () => {
  it('is the organisation only when the URL asks for it', () => {
    expect(scopeKindOf('organization')).toBe('organization');
    expect(scopeKindOf('teams')).toBe('teams');
    expect(scopeKindOf(null)).toBe('teams');
    expect(scopeKindOf('Organization')).toBe('teams');
  });
});

describe('resolveScope', () => {
  // The guest of the demo: its own user ref plus its team's group ref.
  const ownership = [
    'user:default/guest',
    'group:default/team-checkout',
    'Group:default/Team-Checkout',
  ];

  it("keeps the user's groups, once each, lower-cased", () => {
    expect(resolveScope('teams', ownership, ['group:default/acme'])).toEqual({
      kind: 'teams',
      entityRefs: ['group:default/team-checkout'],
    });
  });

  it('answers no team for a user who belongs to none', () => {
    expect(resolveScope('teams', ['user:default/guest'], [])).toEqual({
      kind: 'teams',
      entityRefs: [],
    });
  });

  it('takes the organisation groups for the whole organisation', () => {
    expect(
      resolveScope('organization', ownership, [
        'group:default/b-org',
        'group:default/acme',
      ]),
    ).toEqual({
      kind: 'organization',
      entityRefs: ['group:default/acme', 'group:default/b-org'],
    });
  });
});
