import { Octokit } from '@octokit/rest';
import {
  PullRequestCommit,
  PullRequestReview,
  toPullRequestCommit,
  toPullRequestReviews,
} from '../mapping/pullRequest';

/**
 * How much of one pull request is read. Commits: GitHub lists at most 250 (the
 * oldest, so the first commit is among them). Reviews: 300 (they come oldest
 * first: the first review by someone else is among them unless the author wrote 300).
 * Files: 1,000 (GitHub lists up to 3,000); a larger change is attributed to
 * components by its first 1,000 files.
 */
export const PULL_REQUEST_READ_LIMITS = {
  commits: 250,
  reviews: 300,
  files: 1000,
} as const;

const PAGE_SIZE = 100;

/** Reads one pull request and what it is made of; every method may throw. */
export interface PullRequestReader {
  /** `GET /pulls/{number}`: the object a `pull_request` delivery carries. */
  pullRequest(): Promise<unknown>;
  commits(): Promise<PullRequestCommit[]>;
  reviews(): Promise<PullRequestReview[]>;
  /** The paths the change touches: each file's, and a renamed file's former path. */
  files(): Promise<string[]>;
}

/** The first `limit` items of a paginated list, reading no page beyond them. */
async function firstItems<T>(
  pages: AsyncIterable<{ data: T[] }>,
  limit: number,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...page.data);
    if (items.length >= limit) break;
  }
  return items.slice(0, limit);
}

/**
 * A reader of pull request `number` of `owner/repo` through `octokit` (whose
 * rate-limit retry, or none, applies to every request), capped at
 * {@link PULL_REQUEST_READ_LIMITS}.
 */
export function pullRequestReader(
  octokit: Octokit,
  ref: { owner: string; repo: string; number: number },
): PullRequestReader {
  const params = {
    owner: ref.owner,
    repo: ref.repo,
    pull_number: ref.number,
    per_page: PAGE_SIZE,
  };
  return {
    pullRequest: async () =>
      (
        await octokit.pulls.get({
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
        })
      ).data,
    commits: async () =>
      (
        await firstItems(
          octokit.paginate.iterator(octokit.pulls.listCommits, params),
          PULL_REQUEST_READ_LIMITS.commits,
        )
      ).map(toPullRequestCommit),
    reviews: async () =>
      toPullRequestReviews(
        await firstItems<unknown>(
          octokit.paginate.iterator(octokit.pulls.listReviews, params),
          PULL_REQUEST_READ_LIMITS.reviews,
        ),
      ),
    files: async () =>
      (
        await firstItems(
          octokit.paginate.iterator(octokit.pulls.listFiles, params),
          PULL_REQUEST_READ_LIMITS.files,
        )
      ).flatMap(file =>
        file.previous_filename
          ? [file.filename, file.previous_filename]
          : [file.filename],
      ),
  };
}
