import {
  changeEventSchema,
  changeStages,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { examplesOf } from '../__testUtils__/examples';
import {
  ChangeDraft,
  firstCommitAt,
  firstReviewAt,
  mapPullRequest,
  parsePullRequest,
  PULL_REQUEST_ACTIONS,
  PullRequestCommit,
  PullRequestDelivery,
  PullRequestRecord,
  PullRequestReview,
  readPullRequestDelivery,
} from './pullRequest';

/*
 * GitHub's examples, all on pull request #2 of Codertocat/Hello-World by Codertocat,
 * opened 2019-05-15T15:20:33Z, 1 line added and 1 deleted: [0] opened, [3] closed
 * unmerged at 15:21:18Z (carrying a merge_commit_sha), [5] converted_to_draft,
 * [8] labeled, [15] ready_for_review, [18] reopened, [22] synchronize. The
 * pull_request_review examples: [0] submitted (state commented, by Codertocat, the
 * author, at 15:20:38Z), [1] dismissed.
 */
const prExamples = examplesOf('pull_request');
const reviewExamples = examplesOf('pull_request_review');
const repository = {
  fullName: 'Codertocat/Hello-World',
  htmlUrl: 'https://github.com/Codertocat/Hello-World',
};

const delivered = (topic: string, payload: unknown) =>
  readPullRequestDelivery(topic, payload) as PullRequestDelivery;

const record = (payload: unknown) =>
  delivered('github.pull_request', payload).pullRequest!;

const review = (
  login: string | undefined,
  submittedAt: string | undefined,
  state = 'COMMENTED',
  bot = false,
): PullRequestReview => ({ login, submittedAt, state, bot });

const map = (
  pullRequest: PullRequestRecord,
  commits: PullRequestCommit[] = [],
  reviews: PullRequestReview[] = [],
) => mapPullRequest({ repository, pullRequest, commits, reviews });

const valid = (change: ChangeDraft) =>
  changeEventSchema.safeParse({
    ...change,
    entityRef: 'component:default/hello-world',
  });

describe('readPullRequestDelivery', () => {
  it('reads the pull request of every mapped pull_request action', () => {
    const actions = prExamples
      .filter(p =>
        (PULL_REQUEST_ACTIONS as readonly string[]).includes(p.action),
      )
      .map(p => {
        const result = delivered('github.pull_request', p);
        expect(result).toMatchObject({ repository, number: 2 });
        expect(result.pullRequest).toMatchObject({
          number: 2,
          created_at: '2019-05-15T15:20:33Z',
        });
        return p.action;
      });
    // The examples have every mapped action but `edited`: an opened one, edited.
    expect(new Set([...actions, 'edited'])).toEqual(
      new Set(PULL_REQUEST_ACTIONS),
    );
    const edited = examplesOf('pull_request')[0];
    (edited as { action: string }).action = 'edited';
    expect(delivered('github.pull_request', edited).number).toBe(2);
  });

  it('skips the other pull_request actions and what is not a pull request', () => {
    expect(
      readPullRequestDelivery('github.pull_request', prExamples[8]),
    ).toEqual({ skipped: 'pull_request action labeled is not mapped' });
    const bad = structuredClone(prExamples[0]);
    (bad.pull_request as { created_at: unknown }).created_at = 'yesterday';
    expect(readPullRequestDelivery('github.pull_request', bad)).toEqual({
      skipped: expect.stringMatching(
        /^not a pull_request payload: pull_request\.created_at: /,
      ),
    });
    expect(readPullRequestDelivery('github.pull_request', {})).toEqual({
      skipped: expect.stringMatching(/^not a pull_request payload: /),
    });
  });

  it('reads a submitted review and the number of its pull request, skipping dismissals', () => {
    expect(
      readPullRequestDelivery('github.pull_request_review', reviewExamples[0]),
    ).toEqual({
      repository,
      number: 2,
      review: {
        id: 237895671,
        login: 'Codertocat',
        bot: false,
        state: 'commented',
        submittedAt: '2019-05-15T15:20:38Z',
      },
    });
    expect(
      readPullRequestDelivery('github.pull_request_review', reviewExamples[1]),
    ).toEqual({
      skipped: 'pull_request_review action dismissed is not mapped',
    });
  });
});

describe('firstReviewAt', () => {
  it('is the earliest submitted review of anyone but the author, whatever its state', () => {
    expect(
      firstReviewAt(
        [
          review('monalisa', '2019-05-16T09:00:00Z', 'APPROVED'),
          // Compared as instants: 19:45+02:00 is 17:45Z, before 09:00Z the next day
          // and after the author's own comment.
          review('hubot', '2019-05-15T19:45:00+02:00', 'commented'),
          review('Codertocat', '2019-05-15T15:20:38Z'),
          review('octocat', '2019-05-16T08:00:00Z', 'DISMISSED'),
        ],
        'codertocat',
      ),
    ).toBe('2019-05-15T19:45:00+02:00');
  });

  it('leaves out pending reviews, bots and the author; counts a deleted account', () => {
    const author = 'Codertocat';
    expect(
      firstReviewAt(
        [
          review('octocat', undefined, 'PENDING'),
          review(
            'copilot-pull-request-reviewer[bot]',
            '2019-05-15T15:22:00Z',
            'COMMENTED',
            true,
          ),
          review('Codertocat', '2019-05-15T15:20:38Z', 'COMMENTED'),
        ],
        author,
      ),
    ).toBeUndefined();
    expect(
      firstReviewAt([review(undefined, '2019-05-15T16:00:00Z')], author),
    ).toBe('2019-05-15T16:00:00Z');
  });
});

describe('firstCommitAt', () => {
  it('is the earliest author date as an instant, the committer date standing in for a missing one', () => {
    expect(
      firstCommitAt([
        // Rebased on the 15th, written on the 14th at 07:00Z.
        {
          sha: 'a',
          authoredAt: '2019-05-14T09:00:00+02:00',
          committedAt: '2019-05-15T15:00:00Z',
        },
        // "08:00Z" sorts before "09:00+02:00" as text, but is an hour later.
        {
          sha: 'b',
          authoredAt: '2019-05-14T08:00:00Z',
          committedAt: '2019-05-15T15:00:00Z',
        },
        { sha: 'c', committedAt: '2019-05-14T06:59:59+00:00' },
      ]),
    ).toBe('2019-05-14T06:59:59+00:00');
    expect(firstCommitAt([])).toBeUndefined();
  });
});

describe('mapPullRequest', () => {
  // Written on the 14th from 07:00Z, rebased onto main at 15:00Z on the 15th.
  const commits: PullRequestCommit[] = [
    {
      sha: '1111111111111111111111111111111111111111',
      authoredAt: '2019-05-14T09:00:00+02:00',
      committedAt: '2019-05-15T15:00:00Z',
    },
    {
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      authoredAt: '2019-05-15T10:00:00Z',
      committedAt: '2019-05-15T15:00:01Z',
    },
  ];
  const reviews = [
    review('Codertocat', '2019-05-15T15:20:38Z'),
    review('octocat', '2019-05-15T17:45:00Z', 'CHANGES_REQUESTED'),
    review('monalisa', '2019-05-16T09:00:00Z', 'APPROVED'),
  ];

  it('maps an opened pull request with its commits and reviews', () => {
    const change = map(record(prExamples[0]), commits, reviews);
    expect(change).toEqual({
      kind: 'change',
      source: 'github',
      id: 'Codertocat/Hello-World/pulls/2',
      number: 2,
      title: 'Update the README with new information.',
      author: 'Codertocat',
      url: 'https://github.com/Codertocat/Hello-World/pull/2',
      openedAt: '2019-05-15T15:20:33Z',
      firstCommitAt: '2019-05-14T09:00:00+02:00',
      firstReviewAt: '2019-05-15T17:45:00Z',
      mergedAt: undefined,
      closedAt: undefined,
      // The example's merge_commit_sha is null while open.
      mergeCommitSha: undefined,
      draft: false,
      additions: 1,
      deletions: 1,
      commits: [
        {
          sha: '1111111111111111111111111111111111111111',
          committedAt: '2019-05-15T15:00:00Z',
        },
        {
          sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
          committedAt: '2019-05-15T15:00:01Z',
        },
      ],
    });
    expect(valid(change).success).toBe(true);
  });

  it('maps a merged pull request, whose stages come out as worked by hand', () => {
    const merged = examplesOf('pull_request')[3];
    merged.pull_request.merged_at = '2019-05-16T10:00:00Z';
    merged.pull_request.closed_at = '2019-05-16T10:00:00Z';
    merged.pull_request.merged = true;
    const change = map(record(merged), commits, reviews);
    expect(change).toMatchObject({
      mergedAt: '2019-05-16T10:00:00Z',
      closedAt: '2019-05-16T10:00:00Z',
      mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
    });
    expect(valid(change).success).toBe(true);

    // Deployed at 12:30Z on the 16th. coding: first commit 07:00:00Z on the 14th to
    // opening 15:20:33Z on the 15th = 32 h 20 min 33 s = 116,433 s = 32.3425 h.
    // pickup: 15:20:33Z to octocat's review 17:45:00Z = 2 h 24 min 27 s = 8,667 s =
    // 2.4075 h. review: 17:45Z to the merge 10:00Z the next day = 16.25 h. deploy:
    // 10:00Z to 12:30Z = 2.5 h.
    const stages = changeStages(
      { ...change, entityRef: 'component:default/hello-world' },
      DateTime.fromISO('2019-05-16T12:30:00Z').toMillis(),
    );
    expect(stages.coding).toBeCloseTo(32.3425, 10);
    expect(stages.pickup).toBeCloseTo(2.4075, 10);
    expect(stages.review).toBeCloseTo(16.25, 10);
    expect(stages.deploy).toBeCloseTo(2.5, 10);
  });

  it('gives a pull request closed unmerged no merge and no merge commit', () => {
    const change = map(record(prExamples[3]));
    expect(change).toMatchObject({
      closedAt: '2019-05-15T15:21:18Z',
      mergedAt: undefined,
      mergeCommitSha: undefined,
      // Without commits and reviews: none known, never invented.
      firstCommitAt: undefined,
      firstReviewAt: undefined,
      commits: [],
    });
    expect(valid(change).success).toBe(true);
  });

  it('keeps the draft flag, and no closing once reopened', () => {
    expect(map(record(prExamples[5]))).toMatchObject({ draft: true });
    expect(map(record(prExamples[18]))).toMatchObject({
      draft: false,
      closedAt: undefined,
    });
  });

  it('maps the same pull request to the same id whatever the action', () => {
    const ids = new Set(
      [0, 3, 5, 15, 18, 22].map(i => map(record(prExamples[i])).id),
    );
    expect(ids).toEqual(new Set(['Codertocat/Hello-World/pulls/2']));
  });

  it('raises a review GitHub dates before the opening to the opening, and cuts what the schema caps', () => {
    const pr = record(prExamples[0]);
    pr.title = 'x'.repeat(600);
    pr.additions = -1;
    pr.deletions = 2.5;
    const change = map(pr, [], [review('octocat', '2019-05-15T15:20:32Z')]);
    expect(change.firstReviewAt).toBe('2019-05-15T15:20:33Z');
    expect(change.title).toHaveLength(500);
    expect(change.additions).toBeUndefined();
    expect(change.deletions).toBeUndefined();
    expect(valid(change).success).toBe(true);
  });
});

describe('parsePullRequest', () => {
  it('reads the REST API pull request and names what is wrong with anything else', () => {
    expect(parsePullRequest(prExamples[0].pull_request)).toMatchObject({
      number: 2,
    });
    expect(parsePullRequest({ number: 'two' })).toEqual({
      skipped: expect.stringMatching(/^not a pull request: number: /),
    });
  });
});
