import { mockServices } from '@backstage/backend-test-utils';
import { targetPaths } from '@backstage/cli-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalGitHost } from './portalGitHost';
import { git } from './testUtils';

// Real git processes: slow when the machine is busy.
jest.setTimeout(60_000);

describe('PortalGitHost', () => {
  it('is off without config; a relative directory is taken from the repository root', () => {
    expect(PortalGitHost.fromConfig(mockServices.rootConfig())).toBeUndefined();
    const host = PortalGitHost.fromConfig(
      mockServices.rootConfig({
        data: {
          goldenPaths: { git: { portalHost: { directory: '.data/git' } } },
        },
      }),
    )!;
    expect(host.directory).toBe(path.join(targetPaths.rootDir, '.data/git'));
    expect(host.serveHttp).toBe(true);
  });

  it('names repositories under its folder only', () => {
    const host = new PortalGitHost('/srv/portal git');
    expect(host.remotePrefix).toBe('file:///srv/portal%20git/');
    expect(host.remoteUrl('pay-api')).toBe(
      'file:///srv/portal%20git/pay-api.git',
    );
    expect(host.repositoryOf('file:///srv/portal%20git/pay-api.git')).toBe(
      'pay-api',
    );
    expect(
      host.repositoryOf('file:///srv/portal%20git/a/b.git'),
    ).toBeUndefined();
    expect(host.repositoryOf('file:///srv/other/pay-api.git')).toBeUndefined();
    expect(() => host.remoteUrl('../etc')).toThrow(
      'name "../etc" is not a repository name',
    );
    expect(() => host.remoteUrl('a/b')).toThrow('is not a repository name');
  });

  it('makes a bare repository once, HEAD on the given branch', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-git-'));
    try {
      const host = new PortalGitHost(path.join(root, 'data', 'git'));
      expect(await host.ensureRepository('pay-api', 'main')).toBe(true);
      expect(await host.ensureRepository('pay-api', 'main')).toBe(false);
      const dir = host.repositoryPath('pay-api');
      expect(git(dir, 'rev-parse', '--is-bare-repository')).toBe('true');
      expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
