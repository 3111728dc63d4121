import { pickComponent } from './components';

const api = { entityRef: 'component:default/api', environments: ['api-*'] };
const web = { entityRef: 'component:default/web', environments: ['web-prod'] };

describe('pickComponent', () => {
  it('takes the only component of the repository, whatever its environments', () => {
    expect(pickComponent([web], 'acme/shop', 'production')).toEqual({
      entityRef: 'component:default/web',
    });
  });

  it('narrows several components by their environment list', () => {
    expect(pickComponent([api, web], 'acme/shop', 'API-production')).toEqual({
      entityRef: 'component:default/api',
    });
  });

  it('names why nothing matched, never guessing', () => {
    expect(pickComponent([], 'acme/shop', 'production')).toEqual({
      unmatched: 'no component annotated github.com/project-slug: acme/shop',
    });
    expect(pickComponent([api, web], 'acme/shop', 'production')).toEqual({
      unmatched:
        'ambiguous: several components on acme/shop (component:default/api, component:default/web), none claims environment production (delivery.acme-portal.io/github-environments)',
    });
    expect(
      pickComponent(
        [api, { ...web, environments: ['*'] }],
        'acme/shop',
        'api-eu',
      ),
    ).toEqual({
      unmatched:
        'ambiguous: several components on acme/shop (component:default/api, component:default/web), component:default/api, component:default/web all claim environment api-eu (delivery.acme-portal.io/github-environments)',
    });
  });
});
