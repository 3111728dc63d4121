import { targetPaths } from '@backstage/cli-common';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runGit } from './gitCli';

/** Repository names on the portal's git host: a catalog name, e.g. `pay-api`. */
const REPOSITORY_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;

/**
 * The portal's own git host, `goldenPaths.git.portalHost`: bare repositories in a data
 * folder the portal owns (`directory`, relative paths from the repository root), made on
 * first publish with the published branch as HEAD, so `git clone` checks it out. The
 * golden-paths backend serves them read-only over HTTP (git's smart HTTP protocol)
 * unless `serveHttp` is false.
 */
export class PortalGitHost {
  static fromConfig(config: Config): PortalGitHost | undefined {
    const host = config.getOptionalConfig('goldenPaths.git.portalHost');
    if (!host) return undefined;
    const directory = host.getString('directory');
    return new PortalGitHost(
      path.isAbsolute(directory)
        ? directory
        : targetPaths.resolveRoot(directory),
      host.getOptionalBoolean('serveHttp') ?? true,
    );
  }

  constructor(readonly directory: string, readonly serveHttp = true) {}

  /** `file:///<directory>/`: the prefix of every remote on this host. */
  get remotePrefix(): string {
    return `${pathToFileURL(this.directory).href.replace(/\/+$/, '')}/`;
  }

  /** The remote URL of the repository `name`, e.g. `file:///…/git/pay-api.git`. */
  remoteUrl(name: string, field = 'name'): string {
    if (!REPOSITORY_NAME.test(name) || name.includes('..')) {
      throw new InputError(
        `${field} "${name}" is not a repository name (letters, digits, -, _ and .)`,
      );
    }
    return `${this.remotePrefix}${name}.git`;
  }

  /** The repository name of a remote URL on this host, or undefined for another host. */
  repositoryOf(remoteUrl: string): string | undefined {
    if (!remoteUrl.startsWith(this.remotePrefix)) return undefined;
    const rest = remoteUrl.slice(this.remotePrefix.length);
    const match = /^([^/]+)\.git\/?$/.exec(rest);
    return match && REPOSITORY_NAME.test(match[1]) ? match[1] : undefined;
  }

  /** The folder of a repository of this host. */
  repositoryPath(name: string): string {
    this.remoteUrl(name);
    return path.join(this.directory, `${name}.git`);
  }

  /**
   * Makes the bare repository `name` unless it exists, with `defaultBranch` as HEAD.
   * Answers whether it was made.
   */
  async ensureRepository(
    name: string,
    defaultBranch: string,
  ): Promise<boolean> {
    const dir = this.repositoryPath(name);
    if (await exists(dir)) return false;
    await fs.mkdir(this.directory, { recursive: true });
    await runGit([
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${defaultBranch}`,
      dir,
    ]);
    return true;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
