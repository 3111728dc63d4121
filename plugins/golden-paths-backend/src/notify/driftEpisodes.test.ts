import { computeDrift } from '../drift/drift';
import { driftEpisodes } from './driftEpisodes';

describe('driftEpisodes', () => {
  const drift = computeDrift(
    [
      // 1.4.2 -> 3.0.0: 2 major behind.
      {
        entityRef: 'component:default/orders',
        owner: 'team-checkout',
        template: 'template:default/typescript-service',
        version: '1.4.2',
      },
      // 2.1.0 -> 3.0.0: 1 major behind, owner in another namespace.
      {
        entityRef: 'component:shop/cart',
        owner: 'group:default/team-cart',
        template: 'template:default/typescript-service',
        version: '2.1.0',
      },
      // 3.0.0: current.
      {
        entityRef: 'component:default/search',
        owner: 'team-catalog',
        template: 'template:default/typescript-service',
        version: '3.0.0',
      },
      // Not comparable.
      {
        entityRef: 'component:default/legacy',
        owner: 'team-catalog',
        template: 'template:default/gone',
        version: '1.0.0',
      },
    ],
    [
      {
        entityRef: 'template:default/typescript-service',
        latestVersion: '3.0.0',
      },
    ],
  );

  it('opens one episode per component a major version or more behind, told to its owner', () => {
    const { episodes, evaluatedSubjects } = driftEpisodes(drift);
    expect(episodes.map(e => [e.key, e.recipients, e.start.title])).toEqual([
      [
        'golden-paths:major-behind:component:default/orders',
        ['group:default/team-checkout'],
        'orders is 2 major versions behind its golden path typescript-service',
      ],
      [
        'golden-paths:major-behind:component:shop/cart',
        ['group:default/team-cart'],
        'shop/cart is a major version behind its golden path typescript-service',
      ],
    ]);
    expect(episodes[0]).toMatchObject({
      subject: 'component:default/orders',
      topic: 'golden-path-major-behind',
      link: '/golden-paths',
      start: {
        description:
          "orders was made from typescript-service 1.4.2; the template now produces 3.0.0. Upgrading across a major version may need manual steps: see the template's changelog.",
      },
    });
    // legacy (unknown template) has no verdict: an open episode of it would stay open.
    expect([...evaluatedSubjects].sort()).toEqual([
      'component:default/orders',
      'component:default/search',
      'component:shop/cart',
    ]);
  });
});
