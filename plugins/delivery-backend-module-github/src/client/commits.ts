import { LoggerService } from '@backstage/backend-plugin-api';
import { truncate } from '../mapping/common';
import { GithubRepository } from '../mapping/types';
import { GithubClientFactory } from './client';

/** What the GitHub API tells about one commit. */
export interface CommitDetails {
  committedAt: string;
  author?: string;
  message?: string;
  /** Paths the commit changed (compared to its first parent). */
  files: string[];
}

/** Resolves to undefined when the commit cannot be read; never throws. */
export type CommitLookup = (
  repository: GithubRepository,
  sha: string,
) => Promise<CommitDetails | undefined>;

/** Commits never change: remember this many, as pulls see the same ones again. */
const CACHE_SIZE = 1000;

export function createCommitLookup(options: {
  clientFor: GithubClientFactory;
  logger: LoggerService;
}): CommitLookup {
  const { clientFor, logger } = options;
  const cache = new Map<string, CommitDetails>();
  const remember = (key: string, details: CommitDetails) => {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, details);
    return details;
  };

  return async (repository, sha) => {
    const key = `${repository.htmlUrl.toLowerCase()}@${sha}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const [owner, repo] = repository.fullName.split('/');
    try {
      const octokit = await clientFor(repository.htmlUrl);
      if (!octokit) return undefined;
      const { data } = await octokit.repos.getCommit({ owner, repo, ref: sha });
      // The committer date is when the change landed on the branch (rebases and
      // squash merges set it); the author date may be days older.
      const committedAt =
        data.commit.committer?.date ?? data.commit.author?.date;
      if (!committedAt) return undefined;
      return remember(key, {
        committedAt,
        author: data.commit.author?.name
          ? truncate.author(data.commit.author.name)
          : undefined,
        message: truncate.message(data.commit.message),
        files: (data.files ?? []).map(file => file.filename),
      });
    } catch (error) {
      logger.warn(
        `Could not read commit ${sha} of ${repository.fullName} from GitHub: ${error}`,
      );
      return undefined;
    }
  };
}
