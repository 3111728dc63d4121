import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  INDEX_MAX_AGE_MS,
  MatchTarget,
  pickChangeComponents,
  pickComponent,
  pickIssueComponents,
  RepositoryIndex,
  toRepoComponent,
} from './repositories';
import { repoComponent } from '../__testUtils__/repoComponents';
import { annotatedComponent as component } from '@internal/backstage-plugin-delivery-node/testUtils';

const target: MatchTarget = {
  repository: 'acme/shop',
  environment: 'production',
  workflow: { name: 'Deploy web', path: '.github/workflows/deploy-web.yml' },
};

const noFiles = jest.fn(async () => undefined);

/** api and web, both claiming production, each with what `claims` gives it. */
const apiAndWeb = (
  claims: (name: 'api' | 'web') => Parameters<typeof repoComponent>[1],
) =>
  (['api', 'web'] as const).map(name =>
    repoComponent(name, { environments: ['production'], ...claims(name) }),
  );

describe('toRepoComponent', () => {
  it('reads the comma-separated claims, trimming and normalising paths', () => {
    expect(
      toRepoComponent(
        component('Web', {
          'github.com/project-slug': 'acme/shop',
          'delivery.acme-portal.io/paths': ' apps/web/ , ./libs/ui,',
          'delivery.acme-portal.io/github-environments':
            'web-prod, web-staging',
          'delivery.acme-portal.io/github-workflows': 'Deploy web',
        }),
      ),
    ).toEqual({
      entityRef: 'component:default/web',
      paths: ['apps/web', 'libs/ui'],
      environments: ['web-prod', 'web-staging'],
      workflows: ['Deploy web'],
    });
  });
});

describe('pickComponent', () => {
  beforeEach(() => noFiles.mockClear());

  it('reports a repository no component is annotated with', async () => {
    expect(await pickComponent([], target, noFiles)).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop',
        reason: 'no component annotated github.com/project-slug: acme/shop',
      },
    });
  });

  it('gives a single component everything from its repository', async () => {
    const only = repoComponent('shop', { workflows: ['Something else'] });
    expect(await pickComponent([only], target, noFiles)).toEqual({
      entityRef: 'component:default/shop',
    });
    expect(noFiles).not.toHaveBeenCalled();
  });

  it('prefers the component whose workflow list names the workflow', async () => {
    const components = apiAndWeb(name => ({
      workflows: [`deploy-${name}.yml`],
    }));
    expect(await pickComponent(components, target, noFiles)).toEqual({
      entityRef: 'component:default/web',
    });
  });

  it('falls back to the environment list when no workflow list decides', async () => {
    const components = [
      repoComponent('api', { environments: ['api-*'] }),
      repoComponent('web', { environments: ['web-production'] }),
    ];
    expect(
      await pickComponent(
        components,
        { ...target, environment: 'api-production' },
        noFiles,
      ),
    ).toEqual({ entityRef: 'component:default/api' });
  });

  it('asks for the changed files only when paths can still decide', async () => {
    const components = [
      repoComponent('api', { paths: ['apps/api'] }),
      repoComponent('web', { paths: ['apps/web'] }),
    ];
    const files = jest.fn(async () => ['apps/web/src/index.ts', 'README.md']);
    expect(await pickComponent(components, target, files)).toEqual({
      entityRef: 'component:default/web',
    });
    expect(files).toHaveBeenCalledTimes(1);
  });

  it('matches paths on folder boundaries, not on string prefixes', async () => {
    const components = [
      repoComponent('web', { paths: ['apps/web'] }),
      repoComponent('website', { paths: ['apps/website'] }),
    ];
    expect(
      await pickComponent(components, target, async () => [
        'apps/website/a.ts',
      ]),
    ).toEqual({ entityRef: 'component:default/website' });
  });

  it('narrows the claimants further by paths', async () => {
    const components = [
      ...apiAndWeb(name => ({ paths: [`apps/${name}`] })),
      repoComponent('docs', { paths: ['docs'] }),
    ];
    expect(
      await pickComponent(components, target, async () => ['apps/api/x.go']),
    ).toEqual({ entityRef: 'component:default/api' });
  });

  it('reports a deployment no component claims as ambiguous, crediting none', async () => {
    const components = [repoComponent('api'), repoComponent('web')];
    expect(await pickComponent(components, target, noFiles)).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop workflow Deploy web or environment production',
        reason:
          'ambiguous: several components on acme/shop (component:default/api, component:default/web), none claims workflow Deploy web or environment production',
      },
    });
    expect(noFiles).not.toHaveBeenCalled();
  });

  it('says why paths did not decide either', async () => {
    const components = apiAndWeb(name => ({ paths: [`apps/${name}`] }));
    const deployment = { ...target, workflow: undefined };
    const reason = async (files: string[] | undefined) => {
      const result = await pickComponent(
        components,
        deployment,
        async () => files,
      );
      return 'unmatched' in result ? result.unmatched.reason : result.entityRef;
    };
    const prefix =
      'ambiguous: several components on acme/shop (component:default/api, component:default/web), component:default/api, component:default/web all claim environment production';
    expect(await reason(undefined)).toBe(
      `${prefix}; the changed files are unknown`,
    );
    expect(await reason(['README.md'])).toBe(
      `${prefix}; the changed files touch no component paths`,
    );
    expect(await reason(['apps/api/a', 'apps/web/b'])).toBe(
      `${prefix}; the changed files touch the paths of component:default/api, component:default/web`,
    );
  });
});

describe('pickIssueComponents', () => {
  const components = [
    repoComponent('api'),
    { ...repoComponent('web'), entityRef: 'component:shop/web' },
  ];

  it('gives an issue to every component on the repository unless labels name some', () => {
    expect(pickIssueComponents(components, 'acme/shop', [])).toEqual({
      entityRefs: ['component:default/api', 'component:shop/web'],
    });
    expect(pickIssueComponents(components, 'acme/shop', ['web'])).toEqual({
      entityRefs: ['component:shop/web'],
    });
    expect(
      pickIssueComponents(components, 'acme/shop', ['shop/web', 'default/api']),
    ).toEqual({ entityRefs: ['component:default/api', 'component:shop/web'] });
  });

  it('reports an issue whose labels name nobody, or of an unannotated repository', () => {
    expect(
      pickIssueComponents(components, 'acme/shop', ['default/web']),
    ).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop component:default/web',
        reason:
          "no component on acme/shop (component:default/api, component:shop/web) is named by the issue's labels component:default/web",
      },
    });
    expect(pickIssueComponents([], 'acme/shop', [])).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop',
        reason: 'no component annotated github.com/project-slug: acme/shop',
      },
    });
  });
});

describe('pickChangeComponents', () => {
  const files = (...paths: string[]) => jest.fn(async () => paths);
  const web = repoComponent('web', { paths: ['apps/web', 'libs/ui'] });
  const api = repoComponent('api', { paths: ['services/api'] });
  const docs = repoComponent('docs');
  const pr12 = { repository: 'acme/shop', number: 12 };

  it('reports a repository no component is annotated with', async () => {
    expect(await pickChangeComponents([], pr12, files())).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop',
        reason: 'no component annotated github.com/project-slug: acme/shop',
      },
    });
  });

  it('gives the one component without paths every change, reading no files', async () => {
    const changedFiles = files('apps/web/x.ts');
    expect(await pickChangeComponents([docs], pr12, changedFiles)).toEqual({
      entityRefs: ['component:default/docs'],
    });
    expect(changedFiles).not.toHaveBeenCalled();
  });

  it('gives a change to each component whose paths its files touch, on folder boundaries', async () => {
    expect(
      await pickChangeComponents(
        [web, api, docs],
        pr12,
        files('libs/ui/button.tsx', 'services/api/main.go', 'README.md'),
      ),
    ).toEqual({
      entityRefs: ['component:default/web', 'component:default/api'],
    });
    // apps/website is a sibling of apps/web, not under it.
    expect(
      await pickChangeComponents(
        [web, api],
        pr12,
        files('apps/website/index.html', 'services/api'),
      ),
    ).toEqual({ entityRefs: ['component:default/api'] });
  });

  it('gives a change touching no component’s paths to the one component without paths', async () => {
    expect(
      await pickChangeComponents(
        [web, api, docs],
        pr12,
        files('.github/workflows/ci.yml'),
      ),
    ).toEqual({ entityRefs: ['component:default/docs'] });
  });

  it('reports a change no component claims, once per repository, rather than guessing', async () => {
    expect(
      await pickChangeComponents(
        [web, api],
        pr12,
        files('.github/workflows/ci.yml', 'README.md'),
      ),
    ).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop pull requests',
        reason:
          'pull request #12 of acme/shop: its 2 changed files touch the delivery.acme-portal.io/paths of none of component:default/web, component:default/api; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
      },
    });
    // Two components without paths: the files cannot tell them apart.
    const changedFiles = files('README.md');
    expect(
      await pickChangeComponents(
        [docs, repoComponent('site')],
        pr12,
        changedFiles,
      ),
    ).toEqual({
      unmatched: {
        source: 'github',
        key: 'acme/shop pull requests',
        reason:
          'pull request #12 of acme/shop: component:default/docs, component:default/site all claim the whole repository (no delivery.acme-portal.io/paths)',
      },
    });
    expect(changedFiles).not.toHaveBeenCalled();
  });
});

describe('RepositoryIndex', () => {
  const entities = [
    component('web', {
      'github.com/project-slug': 'Acme/Shop',
      'delivery.acme-portal.io/paths': 'apps/web',
    }),
    component('api', { 'github.com/project-slug': 'acme/shop' }),
    component('billing', {
      'github.com/project-slug': 'acme/billing',
      'backstage.io/source-location':
        'url:https://ghe.acme.test/acme/billing/tree/main/',
    }),
    component('unannotated', {}),
    {
      ...component('shop-system', { 'github.com/project-slug': 'acme/shop' }),
      kind: 'System',
    },
  ];

  it('indexes annotated components by repository, ignoring case', async () => {
    const index = new RepositoryIndex({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    expect(
      (await index.componentsOf('ACME/shop')).map(c => c.entityRef).sort(),
    ).toEqual(['component:default/api', 'component:default/web']);
    expect(await index.componentsOf('acme/billing')).toEqual([
      expect.objectContaining({ entityRef: 'component:default/billing' }),
    ]);
    expect(await index.componentsOf('acme/unknown')).toEqual([]);
  });

  it('lists the repositories with their web URL, on the source location host', async () => {
    const index = new RepositoryIndex({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    const repositories = await index.repositories();
    expect(
      repositories
        .map(({ slug, url }) => ({ slug, url }))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
    ).toEqual([
      { slug: 'acme/billing', url: 'https://ghe.acme.test/acme/billing' },
      { slug: 'Acme/Shop', url: 'https://github.com/Acme/Shop' },
    ]);
  });

  it('asks the catalog again only once the index is a minute old', async () => {
    const catalog = catalogServiceMock({ entities });
    const stream = jest.spyOn(catalog, 'streamEntities');
    let now = 1_000_000;
    const index = new RepositoryIndex({
      catalog,
      auth: mockServices.auth(),
      now: () => now,
    });
    await Promise.all([
      index.componentsOf('acme/shop'),
      index.componentsOf('acme/billing'),
    ]);
    now += INDEX_MAX_AGE_MS - 1;
    await index.componentsOf('acme/shop');
    expect(stream).toHaveBeenCalledTimes(1);
    now += 1;
    await index.componentsOf('acme/shop');
    expect(stream).toHaveBeenCalledTimes(2);
  });
});
