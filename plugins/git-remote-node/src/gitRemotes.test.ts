import { mockServices } from '@backstage/backend-test-utils';
import {
  GitRemotePolicy,
  parseGitFileUrl,
  resolveGitFileUrl,
} from './gitRemotes';
import { GitRemoteUrlReader } from './GitRemoteUrlReader';

describe('git+ URLs and the allowed remotes', () => {
  it('parses git+ URLs and rejects refs and paths that escape', () => {
    expect(
      parseGitFileUrl(
        'git+https://git.example.com/acme/pay-api.git#release/1.x:deploy/app.yaml',
      ),
    ).toEqual({
      remoteUrl: 'https://git.example.com/acme/pay-api.git',
      ref: 'release/1.x',
      path: 'deploy/app.yaml',
    });
    expect(() => parseGitFileUrl('https://x/a.git#main:a')).toThrow(
      'is not a git+<remote>#<ref>:<path> URL',
    );
    expect(() =>
      parseGitFileUrl('git+file:///a.git#--upload-pack=x:a'),
    ).toThrow('is not a branch or tag name');
    expect(() => parseGitFileUrl('git+file:///a.git#main:../../x')).toThrow(
      'leaves the repository',
    );
    expect(() => parseGitFileUrl('git+file:///a.git')).toThrow(
      'names no ref and path',
    );
  });

  it('resolves a relative path against the declaring file, keeping remote and ref', () => {
    const base = 'git+file:///data/git/pay-api.git#main:catalog-info.yaml';
    expect(resolveGitFileUrl('./slo/pay-api.yaml', base)).toBe(
      'git+file:///data/git/pay-api.git#main:slo/pay-api.yaml',
    );
    expect(resolveGitFileUrl('slo/pay-api.yaml', base)).toBe(
      'git+file:///data/git/pay-api.git#main:slo/pay-api.yaml',
    );
    const nested =
      'git+https://git.example.com/acme/mono.git#v2.1.0:services/pay/catalog-info.yaml';
    expect(resolveGitFileUrl('../shared/slo.yaml', nested)).toBe(
      'git+https://git.example.com/acme/mono.git#v2.1.0:services/shared/slo.yaml',
    );
    // a leading slash is the repository root
    expect(resolveGitFileUrl('/slo/all.yaml', nested)).toBe(
      'git+https://git.example.com/acme/mono.git#v2.1.0:slo/all.yaml',
    );
    expect(() => resolveGitFileUrl('../../../etc/x.yaml', nested)).toThrow(
      `../../../etc/x.yaml leaves the repository of ${nested}`,
    );
    expect(() => resolveGitFileUrl('./x.yaml', 'https://x/y.yaml')).toThrow(
      'is not a git+<remote>#<ref>:<path> URL',
    );
  });

  it("always allows the portal's git host, and reads nothing outside the allowed remotes", async () => {
    const remotes = GitRemotePolicy.fromConfig(
      mockServices.rootConfig({
        data: {
          goldenPaths: {
            git: {
              portalHost: { directory: '/data/portal-git' },
              allowedRemotes: ['https://git.example.com/acme/'],
            },
          },
        },
      }),
    );
    expect(remotes.allowedPrefixes).toEqual([
      'file:///data/portal-git/',
      'https://git.example.com/acme/',
    ]);
    expect(remotes.isAllowed('file:///data/portal-git/pay-api.git')).toBe(true);
    expect(remotes.isAllowed('file:///data/portal-gitx/pay-api.git')).toBe(
      false,
    );
    const reader = new GitRemoteUrlReader(remotes);
    await expect(
      reader.readUrl('git+file:///etc/secret.git#main:passwd'),
    ).rejects.toThrow(
      'file:///etc/secret.git is not under goldenPaths.git.allowedRemotes',
    );
  });
});
