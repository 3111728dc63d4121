import { computeDora } from '../testUtils';
import {
  findDuplicateRollouts,
  mergeDuplicateRollouts,
  rolloutKey,
} from './duplicates';
import { deployment, incident } from './testFixtures';
import type { DoraDeployment } from './types';

const TEN_MINUTES = 10 * 60_000;
const day = { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z' };
const commit = (sha: string, committedAt = '2026-01-05T09:00:00Z') => ({
  sha,
  committedAt,
});

// One rollout of sha abc (committed 09:00): GitHub Actions' deploy job finishes at
// 10:00 and Argo CD reports its sync of the same commit a few minutes later.
const githubRun = deployment('run-1', '2026-01-05T10:00:00Z', {
  commits: [commit('abc')],
});
const argoSync = (
  finishedAt: string,
  overrides: Partial<DoraDeployment> = {},
) =>
  deployment('sync-1', finishedAt, {
    source: 'argocd',
    commits: [commit('abc')],
    ...overrides,
  });

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map(rest => [
      item,
      ...rest,
    ]),
  );
}

describe('findDuplicateRollouts', () => {
  it('merges GitHub Actions and Argo CD reports of one sha 3 minutes apart', () => {
    const sync = argoSync('2026-01-05T10:03:00Z');
    expect(findDuplicateRollouts([githubRun, sync], TEN_MINUTES)).toEqual(
      new Map([['argocd\u0000sync-1', 'github\u0000run-1']]),
    );
    const merged = mergeDuplicateRollouts([sync, githubRun], TEN_MINUTES);
    expect(merged.deployments.map(d => d.id)).toEqual(['run-1']);
    expect(merged.deployments[0].commits).toEqual([commit('abc')]);
  });

  it('keeps reports 11 minutes apart as two rollouts', () => {
    expect(
      findDuplicateRollouts(
        [githubRun, argoSync('2026-01-05T10:11:00Z')],
        TEN_MINUTES,
      ).size,
    ).toBe(0);
  });

  it('matches exactly at the window (10 minutes) but not a millisecond later', () => {
    expect(
      findDuplicateRollouts(
        [githubRun, argoSync('2026-01-05T10:10:00Z')],
        TEN_MINUTES,
      ).size,
    ).toBe(1);
    expect(
      findDuplicateRollouts(
        [githubRun, argoSync('2026-01-05T10:10:00.001Z')],
        TEN_MINUTES,
      ).size,
    ).toBe(0);
  });

  it('never merges two runs of the same source', () => {
    const again = deployment('run-2', '2026-01-05T10:03:00Z', {
      commits: [commit('abc')],
    });
    expect(findDuplicateRollouts([githubRun, again], TEN_MINUTES).size).toBe(0);
  });

  it('needs the same environment (case-insensitively) and a common sha', () => {
    const other = [
      argoSync('2026-01-05T10:03:00Z', { environment: 'prod' }),
      argoSync('2026-01-05T10:03:00Z', { commits: [commit('def')] }),
      argoSync('2026-01-05T10:03:00Z', { commits: [] }),
      argoSync('2026-01-05T10:03:00Z', { entityRef: 'component:default/cart' }),
      argoSync('2026-01-05T10:03:00Z', { status: 'failure' }),
    ];
    for (const sync of other) {
      expect(findDuplicateRollouts([githubRun, sync], TEN_MINUTES).size).toBe(
        0,
      );
    }
    const upperCase = argoSync('2026-01-05T10:03:00Z', {
      environment: 'Production',
    });
    expect(
      findDuplicateRollouts([githubRun, upperCase], TEN_MINUTES).size,
    ).toBe(1);
  });

  it('is off with a window of 0', () => {
    expect(
      findDuplicateRollouts([githubRun, argoSync('2026-01-05T10:00:00Z')], 0)
        .size,
    ).toBe(0);
  });

  it('breaks a tie on finishedAt by source, then id', () => {
    const sameInstant = argoSync('2026-01-05T10:00:00Z');
    expect(
      findDuplicateRollouts([githubRun, sameInstant], TEN_MINUTES),
    ).toEqual(new Map([['github\u0000run-1', 'argocd\u0000sync-1']]));
  });

  // A 10:00 (github, x), B 10:06 (argocd, x y), C 10:12 (github, y): B matches A;
  // C does not match A (same source) but matches B, so C's primary is B's root, A.
  const chain = [
    deployment('A', '2026-01-05T10:00:00Z', { commits: [commit('x')] }),
    deployment('B', '2026-01-05T10:06:00Z', {
      source: 'argocd',
      commits: [commit('x'), commit('y', '2026-01-05T08:00:00Z')],
    }),
    deployment('C', '2026-01-05T10:12:00Z', {
      commits: [commit('y', '2026-01-05T07:00:00Z')],
    }),
  ];

  it('follows a chain of matches to its root', () => {
    expect(findDuplicateRollouts(chain, TEN_MINUTES)).toEqual(
      new Map([
        [rolloutKey('argocd', 'B'), rolloutKey('github', 'A')],
        [rolloutKey('github', 'C'), rolloutKey('github', 'A')],
      ]),
    );
    const { deployments } = mergeDuplicateRollouts(chain, TEN_MINUTES);
    expect(deployments.map(d => d.id)).toEqual(['A']);
    // y reported twice: the earlier commit time (07:00, C's) wins.
    expect(deployments[0].commits).toEqual([
      commit('x'),
      commit('y', '2026-01-05T07:00:00Z'),
    ]);
  });

  it('gives the same result whatever the arrival order', () => {
    const expected = findDuplicateRollouts(chain, TEN_MINUTES);
    for (const order of permutations(chain)) {
      expect(findDuplicateRollouts(order, TEN_MINUTES)).toEqual(expected);
      expect(
        mergeDuplicateRollouts(order, TEN_MINUTES).deployments.map(d => d.id),
      ).toEqual(['A']);
    }
  });
});

describe('computeDora with duplicate rollouts', () => {
  it('counts GitHub Actions and Argo CD reports 3 minutes apart once', () => {
    for (const deployments of permutations([
      githubRun,
      argoSync('2026-01-05T10:03:00Z'),
    ])) {
      const figures = computeDora({ deployments, incidents: [], ...day });
      expect(figures.deploymentFrequency.deployments).toBe(1);
      // abc committed 09:00, first deployed by the primary at 10:00.
      expect(figures.leadTimeForChanges).toMatchObject({
        changes: 1,
        medianHours: 1,
      });
    }
  });

  it('counts reports 11 minutes apart twice (the sha once, at 10:00)', () => {
    const figures = computeDora({
      deployments: [githubRun, argoSync('2026-01-05T10:11:00Z')],
      incidents: [],
      ...day,
    });
    expect(figures.deploymentFrequency.deployments).toBe(2);
    expect(figures.leadTimeForChanges).toMatchObject({
      changes: 1,
      medianHours: 1,
    });
  });

  it('does not merge with duplicateRolloutWindowMinutes 0', () => {
    const figures = computeDora({
      deployments: [githubRun, argoSync('2026-01-05T10:03:00Z')],
      incidents: [],
      ...day,
      options: { duplicateRolloutWindowMinutes: 0 },
    });
    expect(figures.deploymentFrequency.deployments).toBe(2);
  });

  it('fails the GitHub primary when Argo CD rolls back its own report', () => {
    const rollback = deployment('sync-2', '2026-01-05T11:00:00Z', {
      source: 'argocd',
      rollbackOf: 'sync-1',
      commits: [commit('old', '2026-01-04T09:00:00Z')],
    });
    const figures = computeDora({
      deployments: [rollback, argoSync('2026-01-05T10:03:00Z'), githubRun],
      incidents: [],
      ...day,
    });
    // run-1 and sync-2 are deployments; run-1 failed and recovered at 11:00.
    expect(figures.changeFailureRate).toMatchObject({
      deployments: 2,
      failed: 1,
      ratio: 0.5,
    });
    expect(figures.failedDeploymentRecoveryTime).toMatchObject({
      failures: 1,
      unrecovered: 0,
      medianHours: 1,
    });
  });

  it('fails the GitHub primary when an incident names the Argo CD report', () => {
    const figures = computeDora({
      deployments: [argoSync('2026-01-05T10:03:00Z'), githubRun],
      incidents: [
        incident('inc-1', '2026-01-05T10:30:00Z', {
          source: 'argocd',
          deploymentId: 'sync-1',
          resolvedAt: '2026-01-05T12:00:00Z',
        }),
      ],
      ...day,
    });
    // Recovery from the primary's finish (10:00) to the resolution (12:00).
    expect(figures.changeFailureRate).toMatchObject({
      deployments: 1,
      failed: 1,
      ratio: 1,
    });
    expect(figures.failedDeploymentRecoveryTime.medianHours).toBe(2);
  });

  it("takes a duplicate's remediation as the rollout's", () => {
    const figures = computeDora({
      deployments: [
        deployment('run-0', '2026-01-05T08:00:00Z'),
        githubRun,
        argoSync('2026-01-05T10:03:00Z', { remediates: 'inc-1' }),
      ],
      incidents: [
        incident('inc-1', '2026-01-05T08:30:00Z', {
          source: 'argocd',
          deploymentId: 'sync-0',
        }),
      ],
      ...day,
    });
    // run-0 and run-1 are deployments; run-1 is rework (its Argo CD report remediates).
    expect(figures.deploymentReworkRate).toEqual({
      deployments: 2,
      rework: 1,
      ratio: 0.5,
    });
  });

  it('uses a duplicate map the caller gives instead of comparing commits', () => {
    const figures = computeDora({
      // Without commits (as the store loads them) nothing would match.
      deployments: [
        { ...githubRun, commits: [] },
        argoSync('2026-01-05T10:03:00Z', { commits: [] }),
      ],
      incidents: [],
      ...day,
      duplicateOf: new Map([
        [rolloutKey('argocd', 'sync-1'), rolloutKey('github', 'run-1')],
      ]),
    });
    expect(figures.deploymentFrequency.deployments).toBe(1);
  });
});
