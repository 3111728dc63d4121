import {
  deploymentSourceAdvice,
  locateRepository,
} from './deploymentSourceAdvice';

const ref = 'component:default/pay-api';

describe('where a repository lives and what the empty Deployments tab advises', () => {
  it('reads the host from the slug annotations, the source location or the git+ location', () => {
    expect(locateRepository({ 'github.com/project-slug': 'acme/pay' })).toEqual(
      {
        host: 'github',
        slug: 'acme/pay',
      },
    );
    expect(locateRepository({ 'gitlab.com/project-id': '42' })).toEqual({
      host: 'gitlab',
      slug: '42',
    });
    expect(
      locateRepository({
        'backstage.io/source-location':
          'url:https://github.com/acme/pay-api/tree/main/',
      }),
    ).toEqual({ host: 'github', slug: 'acme/pay-api' });
    expect(
      locateRepository({
        'backstage.io/managed-by-location':
          'url:https://gitlab.example.com/shop/pay-api/-/blob/main/catalog-info.yaml',
      }),
    ).toEqual({ host: 'gitlab', slug: 'shop/pay-api' });
    // The portal's git host: git+file: location, and an HTTP page as source location.
    expect(
      locateRepository({
        'backstage.io/managed-by-location':
          'url:git+file:///data/git/pay-api.git#main:catalog-info.yaml',
        'backstage.io/source-location':
          'url:http://localhost:7007/api/golden-paths/git/pay-api.git/',
      }),
    ).toEqual({ host: 'plain-git', name: 'a git host on the portal machine' });
    expect(
      locateRepository({
        'backstage.io/managed-by-location':
          'url:git+https://git.example.com/acme/pay-api.git#main:catalog-info.yaml',
      }),
    ).toEqual({ host: 'plain-git', name: 'git.example.com' });
    expect(
      locateRepository({
        'backstage.io/source-location': 'url:https://gitea.example.com/a/b/',
      }),
    ).toEqual({ host: 'plain-git', name: 'gitea.example.com' });
    expect(
      locateRepository({
        'backstage.io/managed-by-location': 'file:/repo/examples/entities.yaml',
      }),
    ).toEqual({ host: 'unknown' });
    expect(locateRepository(undefined)).toEqual({ host: 'unknown' });
  });

  it('suggests the slug annotation only where it is missing and applies', () => {
    expect(
      deploymentSourceAdvice(ref, {
        'backstage.io/source-location': 'url:https://github.com/acme/pay-api/',
      }),
    ).toEqual({
      host: 'github',
      summary:
        'The repository is on GitHub: add its GitHub annotation to catalog-info.yaml so the GitHub source reads its deployments.',
      snippet: {
        language: 'yaml',
        text: 'metadata:\n  annotations:\n    github.com/project-slug: acme/pay-api',
      },
    });
    expect(
      deploymentSourceAdvice(ref, {
        'backstage.io/source-location': 'url:https://gitlab.com/shop/pay-api/',
      }).snippet?.text,
    ).toContain('gitlab.com/project-slug: shop/pay-api');
    const annotated = deploymentSourceAdvice(ref, {
      'gitlab.com/project-slug': 'shop/pay-api',
    });
    expect(annotated.snippet).toBeUndefined();
    expect(annotated.summary).toMatch(/^The GitLab source reads shop\/pay-api/);
  });

  it('sends a plain git host to POST /api/delivery/events, never to a GitHub annotation', () => {
    const advice = deploymentSourceAdvice(ref, {
      'backstage.io/managed-by-location':
        'url:git+file:///data/git/pay-api.git#main:catalog-info.yaml',
    });
    expect(advice.host).toBe('plain-git');
    expect(advice.summary).toBe(
      'The repository is on a git host on the portal machine, which no delivery source reads: report each deployment from its CI or deploy job to POST /api/delivery/events.',
    );
    expect(advice.snippet?.language).toBe('bash');
    expect(advice.snippet?.text).toContain(
      '"entityRef":"component:default/pay-api"',
    );
    expect(advice.snippet?.text).not.toContain('project-slug');
  });

  it('offers both source-control annotations when the host cannot be told', () => {
    const advice = deploymentSourceAdvice(ref, {});
    expect(advice.host).toBe('unknown');
    expect(advice.snippet?.text).toContain('github.com/project-slug');
    expect(advice.snippet?.text).toContain('gitlab.com/project-slug');
  });
});
