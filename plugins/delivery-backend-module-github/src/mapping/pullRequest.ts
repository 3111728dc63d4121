import type { ChangeEvent } from '@internal/backstage-plugin-delivery-common';
import {
  EVENT_LIMITS,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  firstHttpUrl,
  notBefore,
  repositorySchema,
  SOURCE_ID,
  userSchema,
} from './common';
import { GithubRepository } from './types';

/** A change before a catalog entity is assigned; `id` names the pull request. */
export type ChangeDraft = Omit<ChangeEvent, 'entityRef'>;

/** The `pull_request` actions that (may) change what the change says; others are ignored. */
export const PULL_REQUEST_ACTIONS = [
  'opened',
  'edited',
  'synchronize',
  'ready_for_review',
  'closed',
  'reopened',
  'converted_to_draft',
] as const;

/** A commit of a pull request, as `GET /pulls/{number}/commits` lists it. */
export interface PullRequestCommit {
  sha: string;
  /** When it was written (the author date). */
  authoredAt?: string;
  /** When it landed on the branch (the committer date: rebases and amends set it). */
  committedAt?: string;
}

/** A review, as `GET /pulls/{number}/reviews` lists it or a `pull_request_review` delivery carries it. */
export interface PullRequestReview {
  id?: number;
  /** The reviewer; absent for a deleted account. */
  login?: string;
  /** Whether the reviewer is an app or bot account (`user.type` `Bot`). */
  bot: boolean;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING` (any case). */
  state: string;
  /** Absent while the review is pending (not submitted). */
  submittedAt?: string;
}

// GitHub sends UTC instants (`…Z`); an offset is accepted too. Anything else is not
// GitHub's and the delivery is skipped rather than stored with a bad time.
const instant = z.iso.datetime({ offset: true });

// Only the fields the mapping reads; anything else in the payload is ignored. The
// webhook's `pull_request` and the REST API's `GET /pulls/{number}` are the same object.
const pullRequestSchema = z.object({
  number: z.number().int().min(0),
  title: z.string().nullish(),
  user: userSchema,
  html_url: z.string().nullish(),
  state: z.string(),
  created_at: instant,
  merged_at: instant.nullish(),
  closed_at: instant.nullish(),
  merge_commit_sha: z.string().nullish(),
  draft: z.boolean().nullish(),
  additions: z.number().nullish(),
  deletions: z.number().nullish(),
});

/** A pull request as the mapping reads it. */
export type PullRequestRecord = z.infer<typeof pullRequestSchema>;

const reviewSchema = z.object({
  id: z.number().optional(),
  user: z
    .object({ login: z.string().nullish(), type: z.string().nullish() })
    .nullish(),
  state: z.string(),
  submitted_at: instant.nullish(),
});

const pullRequestPayloadSchema = z.object({
  action: z.string(),
  pull_request: pullRequestSchema,
  repository: repositorySchema,
});

// A review delivery's `pull_request` lacks the size and merge fields: only its
// number is read, the pull request itself is read from the API.
const reviewPayloadSchema = z.object({
  action: z.string(),
  review: reviewSchema,
  pull_request: z.object({ number: z.number().int().min(0) }),
  repository: repositorySchema,
});

/** What one `pull_request` or `pull_request_review` delivery names. */
export interface PullRequestDelivery {
  repository: GithubRepository;
  number: number;
  /** The whole pull request (`pull_request` deliveries); read from the API otherwise. */
  pullRequest?: PullRequestRecord;
  /** The submitted review (`pull_request_review` deliveries). */
  review?: PullRequestReview;
}

export const PULL_REQUEST_TOPIC = 'github.pull_request';
export const PULL_REQUEST_REVIEW_TOPIC = 'github.pull_request_review';

/** A pull request from `GET /pulls/{number}`, or why it cannot be read. */
export function parsePullRequest(
  data: unknown,
): PullRequestRecord | { skipped: string } {
  const parsed = pullRequestSchema.safeParse(data);
  return parsed.success
    ? parsed.data
    : { skipped: `not a pull request: ${formatZodError(parsed.error)}` };
}

/** A review from `GET /pulls/{number}/reviews` or a review delivery. */
export function toPullRequestReview(
  review: z.infer<typeof reviewSchema>,
): PullRequestReview {
  return {
    id: review.id,
    login: review.user?.login ?? undefined,
    bot: review.user?.type === 'Bot',
    state: review.state,
    submittedAt: review.submitted_at ?? undefined,
  };
}

/** A commit from `GET /pulls/{number}/commits`. */
export function toPullRequestCommit(commit: {
  sha: string;
  commit: {
    author?: { date?: string } | null;
    committer?: { date?: string } | null;
  };
}): PullRequestCommit {
  return {
    sha: commit.sha,
    authoredAt: commit.commit.author?.date ?? undefined,
    committedAt: commit.commit.committer?.date ?? undefined,
  };
}

/** The reviews of `GET /pulls/{number}/reviews`; items that are not reviews are left out. */
export function toPullRequestReviews(items: unknown[]): PullRequestReview[] {
  return items.flatMap(item => {
    const parsed = reviewSchema.safeParse(item);
    return parsed.success ? [toPullRequestReview(parsed.data)] : [];
  });
}

/**
 * What a `pull_request` (actions {@link PULL_REQUEST_ACTIONS}) or `pull_request_review`
 * (action `submitted`) delivery names, or why it is skipped.
 */
export function readPullRequestDelivery(
  topic: string,
  payload: unknown,
): PullRequestDelivery | { skipped: string } {
  if (topic === PULL_REQUEST_REVIEW_TOPIC) {
    const parsed = reviewPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return {
        skipped: `not a pull_request_review payload: ${formatZodError(
          parsed.error,
        )}`,
      };
    }
    const { action, review, pull_request, repository } = parsed.data;
    if (action !== 'submitted') {
      return { skipped: `pull_request_review action ${action} is not mapped` };
    }
    return {
      repository,
      number: pull_request.number,
      review: toPullRequestReview(review),
    };
  }
  const parsed = pullRequestPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      skipped: `not a pull_request payload: ${formatZodError(parsed.error)}`,
    };
  }
  const { action, pull_request, repository } = parsed.data;
  if (!(PULL_REQUEST_ACTIONS as readonly string[]).includes(action)) {
    return { skipped: `pull_request action ${action} is not mapped` };
  }
  return { repository, number: pull_request.number, pullRequest: pull_request };
}

const millis = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** The earliest of `values` as instants (offsets honoured), as given; undefined for none. */
function earliest(values: (string | undefined)[]): string | undefined {
  let first: { value: string; at: number } | undefined;
  for (const value of values) {
    if (!value) continue;
    const at = millis(value).toMillis();
    if (Number.isNaN(at)) continue;
    if (!first || at < first.at) first = { value, at };
  }
  return first?.value;
}

/**
 * When the first review of someone other than the author was submitted: a review of
 * any state counts (approved, changes requested, commented, even if later dismissed),
 * as each is a person reading the change. Pending (unsubmitted) reviews, the author's
 * own and those of bot accounts (automated reviewers answer in minutes and would hide
 * how long people take) do not.
 */
export function firstReviewAt(
  reviews: PullRequestReview[],
  author: string | undefined,
): string | undefined {
  const authorLogin = author?.toLowerCase();
  return earliest(
    reviews
      .filter(
        review =>
          review.state.toUpperCase() !== 'PENDING' &&
          !review.bot &&
          (!review.login || review.login.toLowerCase() !== authorLogin),
      )
      .map(review => review.submittedAt),
  );
}

/**
 * When the work began: the earliest author date of the pull request's commits (those
 * on its head branch, including commits made before it was opened), the committer
 * date where a commit has no author date. Author dates, as rebasing a branch sets
 * every committer date to the rebase.
 */
export function firstCommitAt(
  commits: PullRequestCommit[],
): string | undefined {
  return earliest(commits.map(c => c.authoredAt ?? c.committedAt));
}

const lineCount = (value: number | null | undefined) =>
  value !== null &&
  value !== undefined &&
  Number.isInteger(value) &&
  value >= 0 &&
  value <= EVENT_LIMITS.lines
    ? value
    : undefined;

/**
 * Maps a pull request with its commits and reviews to a change (see the README,
 * "Changes"). `id` names the pull request; the handler suffixes each component's.
 * `mergeCommitSha` only once merged: on an open pull request GitHub's
 * `merge_commit_sha` is a test merge that no deployment ships.
 */
export function mapPullRequest(input: {
  repository: GithubRepository;
  pullRequest: PullRequestRecord;
  commits: PullRequestCommit[];
  reviews: PullRequestReview[];
}): ChangeDraft {
  const { repository, pullRequest: pr, commits, reviews } = input;
  const author = pr.user?.login;
  const openedAt = pr.created_at;
  // The schema refuses a review or merge before the opening; GitHub's own times
  // cannot be, so such a value is clock noise: raised to the opening.
  const after = (value: string | null | undefined) =>
    value ? notBefore(openedAt, value) : undefined;
  const mergedAt = after(pr.merged_at);
  return {
    kind: 'change',
    source: SOURCE_ID,
    id: `${repository.fullName}/pulls/${pr.number}`,
    number: pr.number,
    title: pr.title?.slice(0, EVENT_LIMITS.title) || undefined,
    author: author?.slice(0, EVENT_LIMITS.author),
    url: firstHttpUrl(pr.html_url),
    openedAt,
    firstCommitAt: firstCommitAt(commits),
    firstReviewAt: after(firstReviewAt(reviews, author)),
    mergedAt,
    closedAt: pr.state === 'closed' ? after(pr.closed_at) : undefined,
    mergeCommitSha:
      mergedAt && pr.merge_commit_sha
        ? pr.merge_commit_sha.slice(0, EVENT_LIMITS.commitSha)
        : undefined,
    draft: pr.draft ?? undefined,
    additions: lineCount(pr.additions),
    deletions: lineCount(pr.deletions),
    commits: commits.flatMap(commit => {
      const committedAt = commit.committedAt ?? commit.authoredAt;
      return committedAt && commit.sha
        ? [{ sha: commit.sha, committedAt }]
        : [];
    }),
  };
}
