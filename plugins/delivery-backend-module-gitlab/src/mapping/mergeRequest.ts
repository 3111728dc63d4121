import {
  EVENT_LIMITS,
  type ChangeEvent,
} from '@internal/backstage-plugin-delivery-common';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type {
  ApiCommit,
  ApiDiff,
  ApiMergeRequest,
  ApiNote,
} from '../client/schemas';
import {
  GitlabProject,
  httpUrl,
  notBefore,
  parseGitlabTime,
  requireGitlabTime,
  SOURCE_ID,
} from './common';

/** A merge request as a change event, before the catalog says whose it is. */
export type UnattributedChange = Omit<ChangeEvent, 'entityRef'>;

/** The system note GitLab writes when someone approves a merge request. */
export const APPROVAL_NOTE = 'approved this merge request';

/**
 * GitLab stores the diffs of at most this many files per merge request by default
 * (`max_files` of its diff limits); a list this long may have been cut by GitLab.
 */
export const GITLAB_MAX_DIFF_FILES = 1000;

/** The merge request by its global id (as webhooks and the API send it), per instance. */
export const mergeRequestKey = (instance: string, id: number) =>
  `${instance}/merge_requests/${id}`;

/**
 * The event id of a merge request's change for one component: the merge request's
 * key and the component (`…/merge_requests/611@component:default/shop`), so that a merge request touching several components is
 * one event per component, and a change of attribution adds rather than renames.
 * An entity ref too long for the id limit is replaced by its hash.
 */
export function changeEventId(key: string, entityRef: string): string {
  const id = `${key}@${entityRef}`;
  if (id.length <= EVENT_LIMITS.id) return id;
  const hash = createHash('sha256').update(entityRef).digest('hex');
  return `${key}@${hash.slice(0, 32)}`;
}

/** The change attributed to one component. */
export const attributedChange = (
  change: UnattributedChange,
  entityRef: string,
): ChangeEvent => ({
  ...change,
  id: changeEventId(change.id, entityRef),
  entityRef,
});

/**
 * The users GitLab makes for project and group access tokens
 * (`project_{project_id}_bot_{random_string}`, before GitLab 16
 * `project_{project_id}_bot` and `project_{project_id}_bot{n}`; `group_…` alike):
 * the accounts of automated reviewers and other tools.
 */
export const isTokenBot = (username: string | null | undefined) =>
  !!username && /^(project|group)_\d+_bot(\d*|_[0-9a-z]+)$/i.test(username);

/**
 * Whether a note is a review: a comment, or an approval, by someone other than the
 * merge request's author. Not: GitLab's other system notes (`added 1 commit`,
 * `mentioned in ...`), the author's own comments and self-approvals, and notes of
 * access token bots (automated reviewers answer within minutes and would hide how
 * long people take).
 */
export function isReviewNote(
  note: Pick<ApiNote, 'author' | 'system' | 'body'>,
  authorId: number | undefined,
): boolean {
  if (authorId !== undefined && note.author.id === authorId) return false;
  if (isTokenBot(note.author.username)) return false;
  return !note.system || note.body?.trim() === APPROVAL_NOTE;
}

/** When the first review (see isReviewNote) was written; undefined without one. */
export function firstReviewAt(
  notes: Pick<ApiNote, 'author' | 'system' | 'body' | 'created_at'>[],
  authorId: number | undefined,
): string | undefined {
  let first: { at: string; ms: number } | undefined;
  for (const note of notes) {
    if (!isReviewNote(note, authorId)) continue;
    const at = parseGitlabTime(note.created_at);
    if (!at) continue;
    const ms = DateTime.fromISO(at).toMillis();
    if (!first || ms < first.ms) first = { at, ms };
  }
  return first?.at;
}

/** What the diffs of a merge request say: the files it touches and its size. */
export interface DiffSummary {
  /** Every path touched, old and new paths of renames alike. */
  files: string[];
  /** Lines added; undefined when some diff is missing (see summariseDiffs). */
  additions?: number;
  deletions?: number;
}

/**
 * The files and line counts of a merge request's diffs. Lines are `+` and `-` lines
 * of the hunks. They are left unknown (never 0) when the list is incomplete: cut
 * by our cap (`complete` false), shorter than the merge request's `changes_count`
 * or as long as GitLab's own file limit, or with a diff GitLab left out
 * (`too_large`, `collapsed`).
 */
export function summariseDiffs(
  diffs: ApiDiff[],
  options: { complete: boolean; changesCount?: string | null },
): DiffSummary {
  const files = [...new Set(diffs.flatMap(d => [d.old_path, d.new_path]))]
    .filter(Boolean)
    .sort();
  const counted = Number.parseInt(options.changesCount ?? '', 10);
  const cut =
    !options.complete ||
    diffs.length >= GITLAB_MAX_DIFF_FILES ||
    /\+$/.test(options.changesCount ?? '') ||
    (Number.isInteger(counted) && counted > diffs.length) ||
    diffs.some(d => d.too_large || d.collapsed);
  if (cut) return { files };
  let additions = 0;
  let deletions = 0;
  for (const { diff } of diffs) {
    for (const line of (diff ?? '').split('\n')) {
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
    }
  }
  return {
    files,
    additions: Math.min(additions, EVENT_LIMITS.lines),
    deletions: Math.min(deletions, EVENT_LIMITS.lines),
  };
}

/** The merge request's commits with their committed dates; commits without a date are left out. */
export function changeCommits(commits: ApiCommit[]): ChangeEvent['commits'] {
  return commits.flatMap(commit => {
    const committedAt = parseGitlabTime(
      commit.committed_date ?? commit.created_at,
    );
    return committedAt ? [{ sha: commit.id, committedAt }] : [];
  });
}

/**
 * When work on the merge request began: the earliest author date of its commits
 * (committed date for a commit without one). Author dates, as rebasing a branch
 * resets every committed date to the rebase.
 */
export function firstCommitAt(commits: ApiCommit[]): string | undefined {
  return earliest(
    commits.flatMap(commit => {
      const at = parseGitlabTime(
        commit.authored_date ?? commit.committed_date ?? commit.created_at,
      );
      return at ? [at] : [];
    }),
  );
}

/** The earliest of the instants; undefined for none. */
function earliest(instants: string[]): string | undefined {
  let first: { at: string; ms: number } | undefined;
  for (const at of instants) {
    const ms = DateTime.fromISO(at).toMillis();
    if (!first || ms < first.ms) first = { at, ms };
  }
  return first?.at;
}

/**
 * A merge request read from the API as a change event (without its component):
 * `openedAt` is `created_at`; `mergeCommitSha` the merge commit, else the squash
 * commit of a squashed merge request (what lands on the target branch);
 * `firstCommitAt` the earliest author date of its commits, including those made
 * before it was opened; `commits` each with its committed date. Review, merge and close times before the opening
 * (imported merge requests) are raised to the opening, as the event schema
 * refuses them.
 */
export function fromApiMergeRequest(
  mr: ApiMergeRequest,
  project: GitlabProject,
  details: {
    commits: ApiCommit[];
    firstReviewAt?: string;
    diffs: DiffSummary;
  },
): UnattributedChange {
  const openedAt = requireGitlabTime(
    mr.created_at,
    `merge request !${mr.iid} created_at`,
  );
  const notBeforeOpened = (at: string | undefined) =>
    at ? notBefore(openedAt, at) : undefined;
  const mergedAt = notBeforeOpened(parseGitlabTime(mr.merged_at));
  const closedAt = notBeforeOpened(parseGitlabTime(mr.closed_at));
  const reviewedAt = notBeforeOpened(details.firstReviewAt);
  const commits = changeCommits(details.commits);
  const firstCommit = firstCommitAt(details.commits);
  const mergeCommitSha =
    mr.merge_commit_sha || (mr.squash ? mr.squash_commit_sha : undefined);
  const draft = mr.draft ?? mr.work_in_progress;
  const url = httpUrl(mr.web_url);
  const { additions, deletions } = details.diffs;
  return {
    kind: 'change',
    source: SOURCE_ID,
    id: mergeRequestKey(project.instance, mr.id),
    number: mr.iid,
    ...(mr.title ? { title: mr.title.slice(0, EVENT_LIMITS.title) } : {}),
    ...(mr.author?.username
      ? { author: mr.author.username.slice(0, EVENT_LIMITS.author) }
      : {}),
    ...(url ? { url } : {}),
    openedAt,
    ...(firstCommit ? { firstCommitAt: firstCommit } : {}),
    ...(reviewedAt ? { firstReviewAt: reviewedAt } : {}),
    ...(mergedAt ? { mergedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    ...(mergeCommitSha ? { mergeCommitSha } : {}),
    ...(typeof draft === 'boolean' ? { draft } : {}),
    ...(additions !== undefined ? { additions } : {}),
    ...(deletions !== undefined ? { deletions } : {}),
    commits,
  };
}
