import { GitlabApi } from './api';
import { GitlabProject } from '../mapping/common';
import {
  fromApiMergeRequest,
  isReviewNote,
  summariseDiffs,
  UnattributedChange,
} from '../mapping/mergeRequest';
import { parseGitlabTime } from '../mapping/common';

/**
 * Commits read per merge request at most (GitLab lists the newest first): past it,
 * the coding stage starts at the oldest of the newest 1,000.
 */
export const MAX_MERGE_REQUEST_COMMITS = 1000;

/** Changed files read per merge request at most (GitLab's own default limit). */
export const MAX_DIFF_FILES = 1000;

/**
 * Pages of notes (100 each, oldest first) read per merge request at most, looking
 * for the first review: a merge request with 1,000 notes and no review among them
 * counts as unreviewed.
 */
export const MAX_NOTE_PAGES = 10;

/** A merge request read as a change, and the files it changes (for attribution). */
export interface ReadChange {
  change: UnattributedChange;
  files: string[];
}

/**
 * Reads merge request `iid` of `project` with everything its change event needs,
 * which no webhook payload carries: the merge request (merge time, merge or squash
 * commit, changed-file count), its commits (`GET …/commits`, paged), its first
 * review (`GET …/notes?order_by=created_at&sort=asc`, paged until the first
 * comment or approval by someone other than the author) and its changed files
 * and lines (`GET …/diffs`, paged). Webhooks and the pull read a merge request
 * the same way, so they store the same event.
 */
export async function readMergeRequest(
  api: GitlabApi,
  project: GitlabProject,
  iid: number,
): Promise<ReadChange> {
  const mr = await api.mergeRequest(project.id, iid);
  const authorId = mr.author?.id;
  const firstReview = async () => {
    for await (const note of api.mergeRequestNotes(
      project.id,
      iid,
      MAX_NOTE_PAGES,
    )) {
      // Oldest first: the first review found is the earliest.
      if (isReviewNote(note, authorId)) return parseGitlabTime(note.created_at);
    }
    return undefined;
  };
  const [commits, firstReviewAt, diffs] = await Promise.all([
    api.mergeRequestCommits(project.id, iid, MAX_MERGE_REQUEST_COMMITS),
    firstReview(),
    api.mergeRequestDiffs(project.id, iid, MAX_DIFF_FILES),
  ]);
  const summary = summariseDiffs(diffs.items, {
    complete: diffs.complete,
    changesCount: mr.changes_count,
  });
  return {
    change: fromApiMergeRequest(mr, project, {
      commits: commits.items,
      firstReviewAt,
      diffs: summary,
    }),
    files: summary.files,
  };
}
