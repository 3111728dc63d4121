import { Octokit } from '@octokit/rest';
import { DateTime, Duration } from 'luxon';
import { pullRequestReader } from '../client/pullRequests';
import { parsePullRequest } from '../mapping/pullRequest';
import { GithubRepository } from '../mapping/types';
import { PullRequestHandler } from '../webhook/pullRequestHandler';

/**
 * Read again before the previous pull started: GitHub's `updated_at` and this
 * backend's clock may disagree by a little, and a pull request updated while the
 * previous pull was listing must not fall between two pulls.
 */
export const PULL_OVERLAP = Duration.fromObject({ minutes: 5 });

/**
 * When each repository's pull requests were last pulled in full, so the next pull
 * reads only those updated since (each costs several requests). Kept in memory: after
 * a restart, or on a replica that has not pulled yet, the lookback applies.
 */
export class PullRequestWatermarks {
  readonly #pulledAt = new Map<string, DateTime>();

  /** Read pull requests updated at or after this: the last full pull (less {@link PULL_OVERLAP}), never before `floor`. */
  since(slug: string, floor: DateTime): DateTime {
    const last = this.#pulledAt.get(slug.toLowerCase());
    if (!last) return floor;
    const since = last.minus(PULL_OVERLAP);
    return since > floor ? since : floor;
  }

  /** Records a full pull of the repository that started at `startedAt`. */
  pulled(slug: string, startedAt: DateTime): void {
    this.#pulledAt.set(slug.toLowerCase(), startedAt);
  }
}

/** Pull requests, open or closed, updated since `since`: most recently updated first, so paging stops at the first older one. */
async function* recentlyUpdated(
  octokit: Octokit,
  params: { owner: string; repo: string },
  since: DateTime,
) {
  for await (const page of octokit.paginate.iterator(octokit.pulls.list, {
    ...params,
    state: 'all',
    sort: 'updated',
    direction: 'desc',
    per_page: 100,
  })) {
    for (const pullRequest of page.data) {
      if (DateTime.fromISO(pullRequest.updated_at) < since) return;
      yield pullRequest;
    }
  }
}

/**
 * Stores the repository's pull requests updated since `since` as changes: each read
 * whole (`GET /pulls/{number}`: the list leaves out its size) with its commits,
 * reviews and files, as a delivery would be. Answers how many were read; throws when
 * GitHub cannot be read.
 */
export async function pullPullRequests(options: {
  octokit: Octokit;
  /** As GitHub spells it: ids must match the webhooks'. */
  repository: GithubRepository;
  since: DateTime;
  pullRequests: PullRequestHandler;
}): Promise<number> {
  const { octokit, repository, since, pullRequests } = options;
  const [owner, repo] = repository.fullName.split('/');
  let count = 0;
  for await (const listed of recentlyUpdated(octokit, { owner, repo }, since)) {
    const reader = pullRequestReader(octokit, {
      owner,
      repo,
      number: listed.number,
    });
    const pullRequest = parsePullRequest(await reader.pullRequest());
    if ('skipped' in pullRequest) continue;
    await pullRequests.record(
      `pulled pull request #${listed.number} of ${repository.fullName}`,
      { repository, pullRequest, reader },
    );
    count++;
  }
  return count;
}
