import {
  LoggerService,
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  NotModifiedError,
} from '@backstage/errors';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitCommandError, runGit } from './gitCli';
import { GIT_URL_PREFIX, GitRemotePolicy, parseGitFileUrl } from './gitRemotes';

/**
 * Reads files of `git+<remote>#<ref>:<path>` URLs with the git CLI (a depth-1 fetch of
 * the ref into a throw-away bare repository), so the catalog can register and refresh
 * components published by `golden-paths:publish:git`. The ETag is the commit: an
 * unchanged ref answers NotModified without fetching. Only remotes under
 * `goldenPaths.git.allowedRemotes` are read.
 */
export class GitRemoteUrlReader implements UrlReaderService {
  constructor(
    private readonly remotes: GitRemotePolicy,
    private readonly logger?: LoggerService,
  ) {}

  /** Whether this reader handles the URL (the others never see git+ URLs). */
  static predicate(url: URL): boolean {
    return url.protocol.startsWith(GIT_URL_PREFIX);
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const location = parseGitFileUrl(url);
    if (!this.remotes.isAllowed(location.remoteUrl)) {
      throw new NotAllowedError(
        `${location.remoteUrl} is not under goldenPaths.git.allowedRemotes`,
      );
    }
    const commit = await this.resolveRef(location.remoteUrl, location.ref);
    if (options?.etag && options.etag === commit) {
      throw new NotModifiedError();
    }
    const file = await this.readFileAt(
      location.remoteUrl,
      location.ref,
      location.path,
    );
    return {
      buffer: async () => file.content,
      etag: file.commit,
    };
  }

  async readTree(): Promise<UrlReaderServiceReadTreeResponse> {
    throw new NotImplementedError(
      'GitRemoteUrlReader reads single files (git+<remote>#<ref>:<path>), not trees',
    );
  }

  /** No globs: a search for one file answers that file, or nothing. */
  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[\]{}]/.test(parseGitFileUrl(url).path)) {
      throw new NotImplementedError(
        'GitRemoteUrlReader does not search with globs',
      );
    }
    try {
      const file = await this.readUrl(url, { etag: options?.etag });
      return {
        etag: file.etag ?? '',
        files: [{ url, content: file.buffer }],
      };
    } catch (error) {
      if (error instanceof NotFoundError) {
        return { etag: '', files: [] };
      }
      throw error;
    }
  }

  private async resolveRef(remoteUrl: string, ref: string): Promise<string> {
    let listing: string;
    try {
      listing = await runGit(['ls-remote', remoteUrl, ref]);
    } catch (error) {
      throw new NotFoundError(
        `cannot read ${remoteUrl}: ${
          error instanceof GitCommandError ? error.stderr.trim() : error
        }`,
      );
    }
    const refs = new Map(
      listing
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [sha, name] = line.split('\t');
          return [name, sha] as const;
        }),
    );
    // ls-remote matches patterns by suffix (refs/heads/x/main matches main): be exact.
    const commit =
      refs.get(`refs/heads/${ref}`) ??
      refs.get(`refs/tags/${ref}^{}`) ??
      refs.get(`refs/tags/${ref}`);
    if (!commit) {
      throw new NotFoundError(`${remoteUrl} has no branch or tag ${ref}`);
    }
    return commit;
  }

  private async readFileAt(
    remoteUrl: string,
    ref: string,
    filePath: string,
  ): Promise<{ content: Buffer; commit: string }> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golden-paths-read-'));
    try {
      await runGit(['init', '--quiet', '--bare', dir]);
      // By ref, not by commit: servers need not serve arbitrary commits. The
      // fetched commit is the ETag, even if the ref moved since ls-remote.
      await runGit(['fetch', '--quiet', '--depth', '1', remoteUrl, ref], {
        cwd: dir,
      });
      const commit = (
        await runGit(['rev-parse', 'FETCH_HEAD'], { cwd: dir })
      ).trim();
      try {
        const text = await runGit(['show', `${commit}:${filePath}`], {
          cwd: dir,
        });
        return { content: Buffer.from(text, 'utf8'), commit };
      } catch {
        throw new NotFoundError(
          `${filePath} does not exist in ${remoteUrl} at ${commit}`,
        );
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true }).catch(error => {
        this.logger?.warn(`could not remove ${dir}: ${error}`);
      });
    }
  }
}
