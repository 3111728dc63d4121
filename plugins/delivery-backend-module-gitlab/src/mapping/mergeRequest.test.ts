import { changeEventSchema } from '@internal/backstage-plugin-delivery-common';
import {
  clone,
  mergeRequestCommitsExample,
  mergeRequestDiffsExample,
  mergeRequestExample,
  mergeRequestNoteExample,
} from '../__testUtils__/fixtures';
import {
  apiDiffSchema,
  apiMergeRequestSchema,
  apiNoteSchema,
} from '../client/schemas';
import {
  attributedChange,
  changeEventId,
  firstReviewAt,
  fromApiMergeRequest,
  isReviewNote,
  summariseDiffs,
} from './mergeRequest';

const project = {
  instance: 'gitlab.com',
  id: 15513260,
  path: 'marcel.amirault/test-project',
  webUrl: 'https://gitlab.com/marcel.amirault/test-project',
};

const example = () => apiMergeRequestSchema.parse(clone(mergeRequestExample));
const diffs = () =>
  apiDiffSchema.array().parse(clone(mergeRequestDiffsExample));
const note = (
  fields: Partial<ReturnType<typeof clone<typeof mergeRequestNoteExample>>>,
) => apiNoteSchema.parse({ ...clone(mergeRequestNoteExample), ...fields });

/** The example merge request's author. */
const AUTHOR = mergeRequestExample.author.id;

describe('fromApiMergeRequest', () => {
  it('maps GitLab’s "Get single MR" example, with its commits and diffs examples', () => {
    const change = fromApiMergeRequest(example(), project, {
      commits: clone(mergeRequestCommitsExample),
      diffs: summariseDiffs(diffs(), { complete: true, changesCount: '2' }),
    });
    expect(change).toEqual({
      kind: 'change',
      source: 'gitlab',
      id: 'gitlab.com/merge_requests/155016530',
      number: 133,
      title: 'Manual job rules',
      author: 'marcel.amirault',
      url: 'https://gitlab.com/marcel.amirault/test-project/-/merge_requests/133',
      openedAt: '2022-05-13T07:26:38.402Z',
      // The older of its two commits: 09:06:12 before 11:50:22 (both +03:00).
      firstCommitAt: '2012-09-20T09:06:12.000+03:00',
      draft: false,
      // README and VERSION: one line replaced in each.
      additions: 2,
      deletions: 2,
      commits: [
        {
          sha: 'ed899a2f4b50b4370feeea94676502b42383c746',
          committedAt: '2012-09-20T11:50:22.000+03:00',
        },
        {
          sha: '6104942438c14ec7bd21c6cd5bd995272b3faff6',
          committedAt: '2012-09-20T09:06:12.000+03:00',
        },
      ],
    });
    // Open, not merged: no merge, close, review or merge commit.
    expect(
      changeEventSchema.safeParse({
        ...change,
        entityRef: 'component:default/x',
      }).success,
    ).toBe(true);
  });

  it('takes the merge commit, else the squash commit of a squashed merge request', () => {
    const merged = (fields: object) =>
      fromApiMergeRequest({ ...example(), ...fields }, project, {
        commits: [],
        diffs: { files: [] },
      });
    const squashed = {
      state: 'merged',
      merged_at: '2022-05-14T03:38:31.000Z',
      squash: true,
      squash_commit_sha: 'a'.repeat(40),
    };
    expect(merged(squashed)).toMatchObject({
      mergedAt: '2022-05-14T03:38:31.000Z',
      mergeCommitSha: 'a'.repeat(40),
    });
    // A squash merge with a merge commit: the merge commit is on the target branch.
    expect(
      merged({ ...squashed, merge_commit_sha: 'b'.repeat(40) }).mergeCommitSha,
    ).toBe('b'.repeat(40));
    // A squash commit sha of a merge request that was not squashed is not used.
    expect(
      merged({ ...squashed, squash: false }).mergeCommitSha,
    ).toBeUndefined();
  });

  it('keeps the review, merge and close of an imported merge request at or after its opening', () => {
    const change = fromApiMergeRequest(
      {
        ...example(),
        state: 'closed',
        // An hour before the opening (07:26:38.402Z).
        closed_at: '2022-05-13T06:26:38.402Z',
        merged_at: null,
      },
      project,
      {
        commits: [],
        firstReviewAt: '2022-05-13T09:00:00+04:00',
        diffs: { files: [] },
      },
    );
    expect(change.closedAt).toBe('2022-05-13T07:26:38.402Z');
    // 09:00+04:00 is 05:00Z, before the opening.
    expect(change.firstReviewAt).toBe('2022-05-13T07:26:38.402Z');
    expect(change).not.toHaveProperty('firstCommitAt');
    expect(change).not.toHaveProperty('additions');
  });

  it('starts coding at the earliest author date: a rebase resets committed dates', () => {
    const [newest, oldest] = clone(mergeRequestCommitsExample);
    // Rebased on 2012-09-21: both committed then, written on the 20th.
    const rebased = [newest, oldest].map(c => ({
      ...c,
      committed_date: '2012-09-21T08:00:00+00:00',
    }));
    const change = fromApiMergeRequest(example(), project, {
      commits: rebased,
      diffs: { files: [] },
    });
    expect(change.firstCommitAt).toBe('2012-09-20T09:06:12.000+03:00');
    expect(change.commits.map(c => c.committedAt)).toEqual([
      '2012-09-21T08:00:00.000Z',
      '2012-09-21T08:00:00.000Z',
    ]);
  });

  it('reads draft from work_in_progress on older GitLab versions', () => {
    const { draft: _, ...old } = example();
    const change = fromApiMergeRequest(
      { ...old, work_in_progress: true },
      project,
      { commits: [], diffs: { files: [] } },
    );
    expect(change.draft).toBe(true);
  });
});

describe('reviews', () => {
  it('counts comments and approvals by others, not the author’s or GitLab’s other notes', () => {
    // The example note is pipin's (id 1) on marcel.amirault's merge request.
    expect(isReviewNote(note({}), AUTHOR)).toBe(true);
    expect(
      isReviewNote(
        note({ author: { ...mergeRequestNoteExample.author, id: AUTHOR } }),
        AUTHOR,
      ),
    ).toBe(false);
    const system = (body: string, id = 1) =>
      note({
        system: true,
        body,
        author: { ...mergeRequestNoteExample.author, id },
      });
    expect(isReviewNote(system('approved this merge request'), AUTHOR)).toBe(
      true,
    );
    // A self-approval is no review.
    expect(
      isReviewNote(system('approved this merge request', AUTHOR), AUTHOR),
    ).toBe(false);
    expect(isReviewNote(system('added 1 commit'), AUTHOR)).toBe(false);
    // Access token bots (automated reviewers) are not reviewers.
    const bot = (username: string) =>
      note({ author: { ...mergeRequestNoteExample.author, id: 99, username } });
    for (const username of [
      'project_123_bot_4ffca233d8298ea1',
      'group_7_bot_0a1b2c',
      'project_123_bot',
      'project_123_bot2',
    ]) {
      expect(isReviewNote(bot(username), AUTHOR)).toBe(false);
    }
    expect(isReviewNote(bot('robot_fan'), AUTHOR)).toBe(true);
    expect(isReviewNote(bot('project_lead'), AUTHOR)).toBe(true);
    expect(isReviewNote(system('mentioned in merge request !2'), AUTHOR)).toBe(
      false,
    );
  });

  it('answers the earliest review, comparing instants across offsets', () => {
    const notes = [
      note({ created_at: '2026-01-06T15:30:00Z' }),
      // 15:00 UTC: the earliest review.
      note({ created_at: '2026-01-06T16:00:00+01:00' }),
      // Earlier still, but the author's own.
      note({
        created_at: '2026-01-06T14:00:00Z',
        author: { ...mergeRequestNoteExample.author, id: AUTHOR },
      }),
    ];
    expect(firstReviewAt(notes, AUTHOR)).toBe('2026-01-06T16:00:00.000+01:00');
    expect(firstReviewAt(notes.slice(2), AUTHOR)).toBeUndefined();
    expect(firstReviewAt([], AUTHOR)).toBeUndefined();
  });
});

describe('summariseDiffs', () => {
  it('lists old and new paths and counts the hunks’ + and - lines', () => {
    expect(
      summariseDiffs(
        apiDiffSchema.array().parse([
          {
            old_path: 'src/coupon.ts',
            new_path: 'services/shop/coupon.ts',
            diff: '@@ -3,1 +3,3 @@\n-check()\n+validate()\n+expiry()\n context',
          },
          {
            old_path: 'a.txt',
            new_path: 'a.txt',
            // "\ No newline at end of file" is neither.
            diff: '@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b',
          },
          { old_path: 'logo.png', new_path: 'logo.png', diff: '' },
        ]),
        { complete: true, changesCount: '3' },
      ),
    ).toEqual({
      files: ['a.txt', 'logo.png', 'services/shop/coupon.ts', 'src/coupon.ts'],
      // 2 + 1 added, 1 + 1 deleted.
      additions: 3,
      deletions: 2,
    });
  });

  it('leaves the lines unknown, never 0, when some diff is missing', () => {
    const two = diffs();
    const files = ['README', 'VERSION'];
    expect(summariseDiffs(two, { complete: false })).toEqual({ files });
    expect(summariseDiffs(two, { complete: true, changesCount: '3' })).toEqual({
      files,
    });
    expect(
      summariseDiffs(two, { complete: true, changesCount: '1000+' }),
    ).toEqual({ files });
    expect(
      summariseDiffs([two[0], { ...two[1], diff: '', too_large: true }], {
        complete: true,
      }),
    ).toEqual({ files });
    const many = Array.from({ length: 1000 }, (_, i) => ({
      ...two[0],
      old_path: `f${i}`,
      new_path: `f${i}`,
    }));
    expect(summariseDiffs(many, { complete: true })).not.toHaveProperty(
      'additions',
    );
    // Not yet computed by GitLab: the list read decides.
    expect(summariseDiffs(two, { complete: true, changesCount: '' })).toEqual({
      files,
      additions: 2,
      deletions: 2,
    });
  });
});

describe('change ids', () => {
  it('suffixes the merge request with the component, hashing refs too long for the id', () => {
    const key = 'gitlab.acme.test/merge_requests/611';
    expect(changeEventId(key, 'component:default/shop')).toBe(
      'gitlab.acme.test/merge_requests/611@component:default/shop',
    );
    const long = `component:default/${'x'.repeat(250)}`;
    const id = changeEventId(key, long);
    expect(id).toMatch(
      /^gitlab\.acme\.test\/merge_requests\/611@[0-9a-f]{32}$/,
    );
    expect(changeEventId(key, `${long}y`)).not.toBe(id);
  });

  it('attributes one change to each component under an id of its own', () => {
    const change = fromApiMergeRequest(example(), project, {
      commits: [],
      diffs: { files: [] },
    });
    const [cart, web] = ['component:default/cart', 'component:default/web'].map(
      ref => attributedChange(change, ref),
    );
    expect(cart).toEqual({
      ...change,
      id: 'gitlab.com/merge_requests/155016530@component:default/cart',
      entityRef: 'component:default/cart',
    });
    expect(web.id).toBe(
      'gitlab.com/merge_requests/155016530@component:default/web',
    );
  });
});
