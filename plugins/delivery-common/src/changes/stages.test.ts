import {
  changeDeployment,
  changeSizeClass,
  changeStages,
  ChangeDeploymentInput,
  ChangeInput,
  leadTimeBreakdown,
} from './stages';

const WEB = 'component:default/web';
const API = 'component:default/api';

const change = (over: Partial<ChangeInput> & { id: string }): ChangeInput => ({
  source: 'github',
  entityRef: WEB,
  openedAt: '2026-11-02T10:00:00Z',
  commits: [],
  ...over,
});

const deployment = (
  over: Partial<ChangeDeploymentInput> & { id: string },
): ChangeDeploymentInput => ({
  source: 'github',
  entityRef: WEB,
  environment: 'production',
  status: 'success',
  finishedAt: '2026-11-03T00:00:00Z',
  commits: [],
  ...over,
});

describe('changeStages', () => {
  it('compares instants across offsets', () => {
    // First commit 08:00Z; opened 12:30+02:00 = 10:30Z; reviewed 07:00-05:00 = 12:00Z;
    // merged 13:00Z; deployed 19:00+01:00 = 18:00Z.
    const c = change({
      id: '1',
      openedAt: '2026-11-02T12:30:00+02:00',
      commits: [{ sha: 'a', committedAt: '2026-11-02T09:00:00+01:00' }],
      firstReviewAt: '2026-11-02T07:00:00-05:00',
      mergedAt: '2026-11-02T13:00:00Z',
    });
    expect(changeStages(c, Date.parse('2026-11-02T19:00:00+01:00'))).toEqual({
      coding: 2.5,
      pickup: 1.5,
      review: 1,
      deploy: 5,
    });
  });

  it('takes firstCommitAt over the commits, and clamps a negative coding to 0', () => {
    const c = change({
      id: '1',
      openedAt: '2026-11-02T10:00:00Z',
      firstCommitAt: '2026-11-02T11:00:00Z',
      commits: [{ sha: 'a', committedAt: '2026-11-01T10:00:00Z' }],
      mergedAt: '2026-11-02T12:00:00Z',
    });
    expect(changeStages(c, Date.parse('2026-11-02T12:00:00Z'))).toEqual({
      coding: 0,
      pickup: null,
      review: null,
      deploy: 0,
    });
  });

  it('counts a review after the merge as no review', () => {
    const c = change({
      id: '1',
      firstReviewAt: '2026-11-02T15:00:00Z',
      mergedAt: '2026-11-02T14:00:00Z',
    });
    expect(changeStages(c, Date.parse('2026-11-02T16:00:00Z'))).toEqual({
      coding: null,
      pickup: null,
      review: null,
      deploy: 2,
    });
  });
});

describe('changeDeployment', () => {
  const merged = change({
    id: '7',
    mergedAt: '2026-11-02T12:00:00Z',
    mergeCommitSha: 'm',
    commits: [{ sha: 'a', committedAt: '2026-11-02T09:00:00Z' }],
  });

  it('skips a deployment that shipped a commit before the change merged', () => {
    const early = deployment({
      id: 'early',
      finishedAt: '2026-11-02T11:00:00Z',
      commits: [{ sha: 'a' }],
    });
    const later = deployment({
      id: 'later',
      finishedAt: '2026-11-02T20:00:00Z',
      commits: [{ sha: 'm' }],
    });
    expect(changeDeployment(merged, [early, later])?.id).toBe('later');
  });

  it('takes the first of two deployments that shipped it', () => {
    const second = deployment({
      id: 'second',
      finishedAt: '2026-11-03T20:00:00Z',
      commits: [{ sha: 'm' }],
    });
    const first = deployment({
      id: 'first',
      finishedAt: '2026-11-02T20:00:00+02:00',
      commits: [{ sha: 'a' }],
    });
    expect(changeDeployment(merged, [second, first])?.id).toBe('first');
  });

  it('ignores failed, staging and other components’ deployments', () => {
    const others = [
      deployment({ id: 'f', status: 'failure', commits: [{ sha: 'm' }] }),
      deployment({ id: 's', environment: 'staging', commits: [{ sha: 'm' }] }),
      deployment({ id: 'o', entityRef: API, commits: [{ sha: 'm' }] }),
    ];
    expect(changeDeployment(merged, others)).toBeUndefined();
    expect(
      changeDeployment(merged, [
        deployment({ id: 'p', environment: 'PROD', commits: [{ sha: 'm' }] }),
      ])?.id,
    ).toBe('p');
  });

  it('has none for an unmerged change', () => {
    const open = change({ id: '8', mergeCommitSha: 'm' });
    expect(
      changeDeployment(open, [
        deployment({ id: 'd', commits: [{ sha: 'm' }] }),
      ]),
    ).toBeUndefined();
  });
});

describe('leadTimeBreakdown', () => {
  // Window: November 2026.
  const from = '2026-11-01T00:00:00Z';
  const to = '2026-12-01T00:00:00Z';

  it('works out the stages, reviewed share and awaiting deploys by hand', () => {
    const changes: ChangeInput[] = [
      // Reviewed: coding 2 h, pickup 1 h, review 3 h, deploy 4 h.
      change({
        id: 'pr-1',
        openedAt: '2026-11-02T10:00:00Z',
        commits: [{ sha: 'a1', committedAt: '2026-11-02T08:00:00Z' }],
        firstReviewAt: '2026-11-02T11:00:00Z',
        mergedAt: '2026-11-02T14:00:00Z',
        mergeCommitSha: 'm1',
      }),
      // Reviewed: coding 10 h, pickup 5 h, review 1 h, deploy 2 h.
      change({
        id: 'pr-2',
        openedAt: '2026-11-05T10:00:00Z',
        firstCommitAt: '2026-11-05T00:00:00Z',
        firstReviewAt: '2026-11-05T15:00:00Z',
        mergedAt: '2026-11-05T16:00:00Z',
        mergeCommitSha: 'm2',
      }),
      // Unreviewed, no commits: deploy 20 h only.
      change({
        id: 'pr-3',
        openedAt: '2026-11-10T00:00:00Z',
        mergedAt: '2026-11-10T04:00:00Z',
        mergeCommitSha: 'm3',
      }),
      // Merged in the window, not deployed: awaiting.
      change({
        id: 'pr-4',
        openedAt: '2026-11-29T00:00:00Z',
        mergedAt: '2026-11-29T01:00:00Z',
        mergeCommitSha: 'm4',
      }),
      // Merged in the window, deployed after it: awaiting, not counted.
      change({
        id: 'pr-5',
        openedAt: '2026-11-30T00:00:00Z',
        mergedAt: '2026-11-30T01:00:00Z',
        mergeCommitSha: 'm5',
      }),
      // Merged before the window, deployed in it: counted (deploy 30 days + 2 h).
      change({
        id: 'pr-6',
        openedAt: '2026-10-31T00:00:00Z',
        mergedAt: '2026-10-31T22:00:00Z',
        mergeCommitSha: 'm6',
      }),
      // Open: neither counted nor awaiting.
      change({ id: 'pr-7', commits: [{ sha: 'x', committedAt: from }] }),
      // The same PR's part in another component: its own deployment, 1 h.
      change({
        id: 'pr-1/api',
        entityRef: API,
        openedAt: '2026-11-02T10:00:00Z',
        commits: [{ sha: 'a1', committedAt: '2026-11-02T08:00:00Z' }],
        firstReviewAt: '2026-11-02T11:00:00Z',
        mergedAt: '2026-11-02T14:00:00Z',
        mergeCommitSha: 'm1',
      }),
    ];
    const deployments = [
      deployment({
        id: 'd1',
        finishedAt: '2026-11-02T18:00:00Z',
        commits: [{ sha: 'm1' }],
      }),
      deployment({
        id: 'd2',
        finishedAt: '2026-11-05T18:00:00Z',
        commits: [{ sha: 'm2' }, { sha: 'a1' }],
      }),
      deployment({
        id: 'd3',
        finishedAt: '2026-11-11T00:00:00Z',
        commits: [{ sha: 'm3' }, { sha: 'm6' }],
      }),
      deployment({
        id: 'd5',
        finishedAt: '2026-12-01T00:00:00Z',
        commits: [{ sha: 'm5' }],
      }),
      deployment({
        id: 'api-1',
        entityRef: API,
        finishedAt: '2026-11-02T15:00:00Z',
        commits: [{ sha: 'a1' }],
      }),
    ];
    const breakdown = leadTimeBreakdown({ changes, deployments, from, to });
    // Counted: pr-1 (by d1, the first of d1 and d2), pr-2, pr-3, pr-6, pr-1/api.
    expect(breakdown).toMatchObject({
      changes: 5,
      reviewed: 3,
      unreviewed: 2,
      awaitingDeploy: 2,
    });
    const { coding, pickup, review, deploy } = breakdown.stages;
    // pr-1 2, pr-2 10, pr-1/api 2: sorted 2, 2, 10; p90 at rank 1.8 = 2 + 0.8 * 8.
    expect(coding).toMatchObject({ count: 3, medianHours: 2 });
    expect(coding.p90Hours).toBeCloseTo(8.4, 9);
    // 1, 5, 1: sorted 1, 1, 5; p90 = 1 + 0.8 * 4.
    expect(pickup).toMatchObject({ count: 3, medianHours: 1 });
    expect(pickup.p90Hours).toBeCloseTo(4.2, 9);
    // 3, 1, 3: sorted 1, 3, 3.
    expect(review).toEqual({ count: 3, medianHours: 3, p90Hours: 3 });
    // pr-1 4, pr-2 2, pr-3 20, pr-6 242 (Oct 31 22:00 to Nov 11 00:00), pr-1/api 1:
    // sorted 1, 2, 4, 20, 242; p90 at rank 3.6 = 20 + 0.6 * 222.
    expect(deploy).toMatchObject({ count: 5, medianHours: 4 });
    expect(deploy.p90Hours).toBeCloseTo(153.2, 9);
  });

  it('answers null quantiles, never 0, without counted changes', () => {
    expect(
      leadTimeBreakdown({ changes: [], deployments: [], from, to }),
    ).toEqual({
      changes: 0,
      reviewed: 0,
      unreviewed: 0,
      awaitingDeploy: 0,
      stages: {
        coding: { count: 0, medianHours: null, p90Hours: null },
        pickup: { count: 0, medianHours: null, p90Hours: null },
        review: { count: 0, medianHours: null, p90Hours: null },
        deploy: { count: 0, medianHours: null, p90Hours: null },
      },
    });
  });
});

describe('changeSizeClass', () => {
  it('classes by lines changed, unknown without counts', () => {
    expect(changeSizeClass({})).toBeUndefined();
    expect(changeSizeClass({ additions: 9 })).toBe('XS');
    expect(changeSizeClass({ additions: 5, deletions: 5 })).toBe('S');
    expect(changeSizeClass({ additions: 399 })).toBe('M');
    expect(changeSizeClass({ deletions: 999 })).toBe('L');
    expect(changeSizeClass({ additions: 1000, deletions: 0 })).toBe('XL');
  });
});
