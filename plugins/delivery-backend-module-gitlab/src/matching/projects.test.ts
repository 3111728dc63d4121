import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  componentInstance,
  pickChangeComponents,
  pickComponent,
  ProjectComponent,
  createProjectIndex,
} from './projects';
import { annotatedComponent } from '@internal/backstage-plugin-delivery-node/testUtils';

const project = {
  instance: 'gitlab.acme.test',
  id: 42,
  path: 'acme/shop',
  webUrl: 'https://gitlab.acme.test/acme/shop',
};

const known = (host: string) =>
  ['gitlab.com', 'gitlab.acme.test'].includes(host);

describe('componentInstance', () => {
  it('takes gitlab.com/instance, else a known source-location host, else gitlab.com', () => {
    expect(
      componentInstance({ 'gitlab.com/instance': 'gitlab.acme.test' }, known),
    ).toBe('gitlab.acme.test');
    expect(
      componentInstance(
        {
          'backstage.io/source-location':
            'url:https://gitlab.acme.test/acme/shop/-/tree/main/',
        },
        known,
      ),
    ).toBe('gitlab.acme.test');
    expect(
      componentInstance(
        {
          'backstage.io/source-location':
            'url:https://github.com/acme/shop/tree/main/',
        },
        known,
      ),
    ).toBe('gitlab.com');
    expect(
      componentInstance({ 'backstage.io/source-location': 'not a url' }, known),
    ).toBe('gitlab.com');
    expect(componentInstance({}, known)).toBe('gitlab.com');
  });
});

describe('pickComponent', () => {
  const web: ProjectComponent = {
    entityRef: 'component:default/shop-web',
    environments: ['production', 'prod-*'],
    paths: [],
  };
  const api: ProjectComponent = {
    entityRef: 'component:default/shop-api',
    environments: ['staging'],
    paths: [],
  };
  const worker: ProjectComponent = {
    entityRef: 'component:default/shop-worker',
    environments: [],
    paths: [],
  };

  it('reports a project no component is annotated with', () => {
    expect(pickComponent([], project, 'production')).toEqual({
      unmatched: {
        source: 'gitlab',
        key: 'gitlab.acme.test/acme/shop',
        reason:
          'no component annotated gitlab.com/project-slug: acme/shop or gitlab.com/project-id: 42 on gitlab.acme.test',
      },
    });
  });

  it('gives every deployment to the only component of a project', () => {
    expect(pickComponent([worker], project, 'anything')).toEqual({
      entityRef: 'component:default/shop-worker',
    });
  });

  it('gives a deployment to the one component claiming its environment', () => {
    expect(pickComponent([web, api, worker], project, 'prod-eu')).toEqual({
      entityRef: 'component:default/shop-web',
    });
    expect(pickComponent([web, api, worker], project, 'Staging')).toEqual({
      entityRef: 'component:default/shop-api',
    });
  });

  it('reports a deployment nobody or several claim, rather than guess', () => {
    expect(pickComponent([web, api, worker], project, 'review/x')).toEqual({
      unmatched: {
        source: 'gitlab',
        key: 'gitlab.acme.test/acme/shop environment review/x',
        reason:
          'ambiguous: several components on gitlab.acme.test/acme/shop (component:default/shop-web, component:default/shop-api, component:default/shop-worker), none claims environment review/x (delivery.acme-portal.io/gitlab-environments)',
      },
    });
    const other = { ...api, environments: ['prod*'] };
    expect(pickComponent([web, other], project, 'production')).toMatchObject({
      unmatched: {
        reason:
          'ambiguous: several components on gitlab.acme.test/acme/shop (component:default/shop-web, component:default/shop-api), component:default/shop-web, component:default/shop-api all claim environment production',
      },
    });
  });
});

describe('pickChangeComponents', () => {
  const component = (name: string, paths: string[]): ProjectComponent => ({
    entityRef: `component:default/${name}`,
    environments: [],
    paths,
  });
  const cart = component('cart', ['services/cart', 'libs/cart-model']);
  const web = component('web', ['apps/web']);
  const platform = component('platform', []);
  const other = component('other', []);
  const change = (files: string[]) => ({ number: 12, files });

  it('gives a change touching two components’ paths to both', () => {
    expect(
      pickChangeComponents(
        [cart, web, platform],
        project,
        change(['libs/cart-model/price.ts', 'apps/web/cart.tsx', 'README.md']),
      ),
    ).toEqual({
      entityRefs: ['component:default/cart', 'component:default/web'],
    });
  });

  it('gives a change touching no component’s paths to the one component without paths', () => {
    expect(
      pickChangeComponents(
        [cart, web, platform],
        project,
        change(['docs/a.md']),
      ),
    ).toEqual({ entityRefs: ['component:default/platform'] });
    // One component on the project, without paths: it takes every change.
    expect(pickChangeComponents([platform], project, change([]))).toEqual({
      entityRefs: ['component:default/platform'],
    });
  });

  it('reports a change no component claims, once per project, rather than guessing', () => {
    expect(
      pickChangeComponents([cart, web], project, change(['docs/a.md'])),
    ).toEqual({
      unmatched: {
        source: 'gitlab',
        key: 'gitlab.acme.test/acme/shop merge requests',
        reason:
          'merge request !12 of gitlab.acme.test/acme/shop: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/cart, component:default/web; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
      },
    });
    // A component's paths are a claim even when it is alone on the project.
    expect(
      pickChangeComponents([cart], project, change(['docs/a.md'])),
    ).toMatchObject({
      unmatched: { key: 'gitlab.acme.test/acme/shop merge requests' },
    });
    expect(
      pickChangeComponents([cart, platform, other], project, change(['a.md'])),
    ).toMatchObject({
      unmatched: {
        reason:
          'merge request !12 of gitlab.acme.test/acme/shop: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/cart; component:default/platform, component:default/other all claim the whole repository (no delivery.acme-portal.io/paths)',
      },
    });
    expect(
      pickChangeComponents([platform, other], project, change(['a.md'])),
    ).toMatchObject({
      unmatched: {
        reason:
          'merge request !12 of gitlab.acme.test/acme/shop: component:default/platform, component:default/other all claim the whole repository (no delivery.acme-portal.io/paths)',
      },
    });
    expect(pickChangeComponents([], project, change([]))).toEqual({
      unmatched: {
        source: 'gitlab',
        key: 'gitlab.acme.test/acme/shop',
        reason:
          'no component annotated gitlab.com/project-slug: acme/shop or gitlab.com/project-id: 42 on gitlab.acme.test',
      },
    });
  });
});

const component = annotatedComponent;

describe('createProjectIndex', () => {
  const entities = [
    component('shop-web', {
      'gitlab.com/project-slug': 'Acme/Shop',
      'gitlab.com/instance': 'gitlab.acme.test',
      'delivery.acme-portal.io/gitlab-environments': 'production, prod-*',
    }),
    component('shop-api', {
      'gitlab.com/project-id': '42',
      'gitlab.com/instance': 'gitlab.acme.test',
      'delivery.acme-portal.io/gitlab-environments': 'staging',
      'delivery.acme-portal.io/paths': './services/api/, libs/api',
    }),
    component('docs', { 'gitlab.com/project-slug': 'acme/docs' }),
    component('legacy', {
      'gitlab.com/project-slug': '/acme/legacy/',
      'backstage.io/source-location':
        'url:https://gitlab.acme.test/acme/legacy/-/tree/main/',
    }),
    component('broken', { 'gitlab.com/project-id': 'forty-two' }),
    component('github-only', { 'github.com/project-slug': 'acme/shop' }),
  ];

  const indexOf = (now = () => 0) => {
    const catalog = catalogServiceMock({ entities });
    const stream = jest.spyOn(catalog, 'streamEntities');
    const index = createProjectIndex({
      catalog,
      auth: mockServices.auth(),
      isKnownInstance: known,
      now,
    });
    return { index, stream };
  };

  it('finds the components of a project by its id and by its path, without case', async () => {
    const { index } = indexOf();
    expect(await index.componentsOf(project)).toEqual([
      {
        entityRef: 'component:default/shop-api',
        environments: ['staging'],
        paths: ['services/api', 'libs/api'],
      },
      {
        entityRef: 'component:default/shop-web',
        environments: ['production', 'prod-*'],
        paths: [],
      },
    ]);
    expect(
      await index.componentsOf({ ...project, instance: 'gitlab.com' }),
    ).toEqual([]);
    expect(
      await index.componentsOf({
        instance: 'gitlab.acme.test',
        id: 7,
        path: 'acme/legacy',
      }),
    ).toEqual([
      { entityRef: 'component:default/legacy', environments: [], paths: [] },
    ]);
  });

  it('lists each annotated project as annotated, by id where there is one', async () => {
    const { index } = indexOf();
    expect(await index.projects()).toEqual([
      { instance: 'gitlab.acme.test', ref: 'Acme/Shop' },
      { instance: 'gitlab.acme.test', ref: 42 },
      { instance: 'gitlab.com', ref: 'acme/docs' },
      { instance: 'gitlab.acme.test', ref: 'acme/legacy' },
    ]);
  });

  it('reads the catalog at most once a minute', async () => {
    let now = 0;
    const { index, stream } = indexOf(() => now);
    await Promise.all([index.projects(), index.componentsOf(project)]);
    now = 59_000;
    await index.componentsOf(project);
    expect(stream).toHaveBeenCalledTimes(1);
    now = 61_000;
    await index.componentsOf(project);
    expect(stream).toHaveBeenCalledTimes(2);
  });
});
