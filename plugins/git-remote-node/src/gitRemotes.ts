import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { posix } from 'node:path';
import { PortalGitHost } from './portalGitHost';

/**
 * Where a file in a git repository lives, as one URL the catalog can store as a
 * location target: `git+<remote>#<ref>:<path>`, e.g.
 * `git+file:///srv/git/pay-api.git#main:catalog-info.yaml` or
 * `git+https://git.example.com/acme/pay-api.git#main:catalog-info.yaml`.
 */
export interface GitFileLocation {
  remoteUrl: string;
  ref: string;
  path: string;
}

export const GIT_URL_PREFIX = 'git+';

export function formatGitFileUrl(location: GitFileLocation): string {
  return `${GIT_URL_PREFIX}${location.remoteUrl}#${
    location.ref
  }:${location.path.replace(/^\/+/, '')}`;
}

export function parseGitFileUrl(url: string): GitFileLocation {
  if (!url.startsWith(GIT_URL_PREFIX)) {
    throw new InputError(`${url} is not a git+<remote>#<ref>:<path> URL`);
  }
  const rest = url.slice(GIT_URL_PREFIX.length);
  const hash = rest.lastIndexOf('#');
  const colon = hash < 0 ? -1 : rest.indexOf(':', hash);
  if (hash < 0 || colon < 0) {
    throw new InputError(
      `${url} names no ref and path (expected git+<remote>#<ref>:<path>)`,
    );
  }
  const location = {
    remoteUrl: rest.slice(0, hash),
    ref: rest.slice(hash + 1, colon),
    path: rest.slice(colon + 1).replace(/^\/+/, ''),
  };
  if (
    !location.ref ||
    !/^[\w./-]+$/.test(location.ref) ||
    location.ref.startsWith('-')
  ) {
    throw new InputError(
      `${url}: ref "${location.ref}" is not a branch or tag name`,
    );
  }
  if (location.path.split('/').includes('..')) {
    throw new InputError(
      `${url}: path "${location.path}" leaves the repository`,
    );
  }
  return location;
}

/**
 * Resolves a path relative to a `git+` file URL, as a catalog location resolves
 * `./slo/pay-api.yaml` against the `catalog-info.yaml` that declares it: same remote and
 * ref, the path taken from the declaring file's folder (or from the repository root when
 * it starts with `/`). Never leaves the repository.
 */
export function resolveGitFileUrl(relative: string, base: string): string {
  const location = parseGitFileUrl(base);
  // Relative to the repository root ('.'), so a path above it stays visible as '..'.
  const resolved = relative.startsWith('/')
    ? posix.normalize(relative.replace(/^\/+/, ''))
    : posix.join(posix.dirname(location.path), relative);
  if (resolved === '..' || resolved.startsWith('../') || resolved === '.') {
    throw new InputError(`${relative} leaves the repository of ${base}`);
  }
  return formatGitFileUrl({ ...location, path: resolved });
}

const REMOTE_SCHEMES = ['file:', 'https:', 'http:', 'ssh:'];

/**
 * The remotes the portal may push to and read from, `goldenPaths.git.allowedRemotes`:
 * URL prefixes such as `file:///srv/git/` or `https://git.example.com/acme/`, plus the
 * portal's own git host when `goldenPaths.git.portalHost` is set. Nothing else is
 * allowed: the backend must not become a way to write to any URL.
 */
export class GitRemotePolicy {
  static fromConfig(config: Config): GitRemotePolicy {
    const prefixes =
      config.getOptionalStringArray('goldenPaths.git.allowedRemotes') ?? [];
    // The portal's own git host is always allowed.
    const portalHost = PortalGitHost.fromConfig(config);
    prefixes.forEach(prefix => {
      let url: URL;
      try {
        url = new URL(prefix);
      } catch {
        throw new Error(
          `goldenPaths.git.allowedRemotes: "${prefix}" is not a URL`,
        );
      }
      if (!REMOTE_SCHEMES.includes(url.protocol)) {
        throw new Error(
          `goldenPaths.git.allowedRemotes: "${prefix}" must be a file, https, http or ssh URL`,
        );
      }
    });
    return new GitRemotePolicy(
      portalHost ? [portalHost.remotePrefix, ...prefixes] : prefixes,
    );
  }

  constructor(readonly allowedPrefixes: string[]) {}

  /** Throws a clear error unless the remote is under an allowed prefix. */
  check(remoteUrl: string, field = 'remoteUrl'): void {
    let url: URL;
    try {
      url = new URL(remoteUrl);
    } catch {
      throw new InputError(
        `${field} "${remoteUrl}" is not a URL (e.g. file:///srv/git/pay-api.git or https://git.example.com/acme/pay-api.git)`,
      );
    }
    if (!REMOTE_SCHEMES.includes(url.protocol)) {
      throw new InputError(
        `${field} "${remoteUrl}" must be a file, https, http or ssh URL`,
      );
    }
    if (url.username || url.password) {
      throw new InputError(
        `${field} must not carry credentials; configure them for the git host instead`,
      );
    }
    if (remoteUrl.split(/[/\\?#]/).includes('..')) {
      throw new InputError(`${field} "${remoteUrl}" must not contain ".."`);
    }
    if (this.allowedPrefixes.length === 0) {
      throw new NotAllowedError(
        `${field} "${remoteUrl}": no git remotes are allowed; add a prefix to goldenPaths.git.allowedRemotes`,
      );
    }
    if (!this.allowedPrefixes.some(prefix => remoteUrl.startsWith(prefix))) {
      throw new NotAllowedError(
        `${field} "${remoteUrl}" is not under an allowed prefix of goldenPaths.git.allowedRemotes (${this.allowedPrefixes.join(
          ', ',
        )})`,
      );
    }
  }

  isAllowed(remoteUrl: string): boolean {
    try {
      this.check(remoteUrl);
      return true;
    } catch {
      return false;
    }
  }
}
