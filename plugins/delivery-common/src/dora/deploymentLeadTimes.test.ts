import { rolloutKey } from './duplicates';
import { deploymentLeadTime, deploymentLeadTimes } from './facts';
import { deployment } from './testFixtures';

const commit = (sha: string, committedAt: string) => ({ sha, committedAt });

describe('deploymentLeadTimes', () => {
  it('takes the median over the commits each deployment shipped first', () => {
    const times = deploymentLeadTimes({
      deployments: [
        // d1 finishes 12:00 and ships a (08:00) and b (10:00): 4 h and 2 h,
        // median (2 + 4) / 2 = 3 h.
        deployment('d1', '2026-03-02T12:00:00Z', {
          commits: [
            commit('a', '2026-03-02T08:00:00Z'),
            commit('b', '2026-03-02T10:00:00Z'),
          ],
        }),
        // d2 finishes 20:00 and re-ships a and b (already in production since d1:
        // they do not count) with c (17:00) and d (19:30): 3 h and 0.5 h,
        // median (0.5 + 3) / 2 = 1.75 h, not the 12 h of its oldest commit a.
        deployment('d2', '2026-03-02T20:00:00Z', {
          commits: [
            commit('a', '2026-03-02T08:00:00Z'),
            commit('b', '2026-03-02T10:00:00Z'),
            commit('c', '2026-03-02T17:00:00Z'),
            commit('d', '2026-03-02T19:30:00Z'),
          ],
        }),
        // d3 only re-ships: no lead time of its own.
        deployment('d3', '2026-03-03T09:00:00Z', {
          commits: [commit('d', '2026-03-02T19:30:00Z')],
        }),
        // Staging and failed runs are no production deployments: none.
        deployment('s1', '2026-03-03T10:00:00Z', {
          environment: 'staging',
          commits: [commit('e', '2026-03-03T09:00:00Z')],
        }),
        deployment('f1', '2026-03-03T11:00:00Z', {
          status: 'failure',
          commits: [commit('e', '2026-03-03T09:00:00Z')],
        }),
        // e reaches production with p1 at 15:00, committed 09:00: 6 h (the
        // earlier staging and failed runs did not deploy it).
        deployment('p1', '2026-03-03T15:00:00Z', {
          commits: [commit('e', '2026-03-03T09:00:00Z')],
        }),
      ],
    });
    expect(Object.fromEntries(times)).toEqual({
      [rolloutKey('github', 'd1')]: { changes: 2, medianHours: 3 },
      [rolloutKey('github', 'd2')]: { changes: 2, medianHours: 1.75 },
      [rolloutKey('github', 'p1')]: { changes: 1, medianHours: 6 },
    });
  });

  it('orders deployments by finish, not by input order', () => {
    // The later-listed d0 finished first (10:00): a (committed 07:00) is 3 h there;
    // d9 (finished 11:00) re-ships it and has no lead time.
    const times = deploymentLeadTimes({
      deployments: [
        deployment('d9', '2026-03-02T11:00:00Z', {
          commits: [commit('a', '2026-03-02T07:00:00Z')],
        }),
        deployment('d0', '2026-03-02T10:00:00Z', {
          commits: [commit('a', '2026-03-02T07:00:00Z')],
        }),
      ],
    });
    expect(Object.fromEntries(times)).toEqual({
      [rolloutKey('github', 'd0')]: { changes: 1, medianHours: 3 },
    });
  });

  it('honours the configured production environments', () => {
    // 'live-eu' is production here: a 2 h change (10:00 -> 12:00).
    const times = deploymentLeadTimes({
      deployments: [
        deployment('l1', '2026-03-02T12:00:00Z', {
          environment: 'LIVE-EU',
          commits: [commit('a', '2026-03-02T10:00:00Z')],
        }),
      ],
      options: { productionEnvironments: ['live-eu'] },
    });
    expect(times.get(rolloutKey('github', 'l1'))).toEqual({
      changes: 1,
      medianHours: 2,
    });
  });
});

describe('deploymentLeadTime', () => {
  it('is the median of the given lead times, in hours', () => {
    // 1 h, 2 h, 7 h (unsorted input): the median is the middle one, 2 h.
    expect(deploymentLeadTime([7, 1, 2].map(h => h * 3_600_000))).toEqual({
      changes: 3,
      medianHours: 2,
    });
    // Four values 1, 2, 4, 10 h: (2 + 4) / 2 = 3 h.
    expect(deploymentLeadTime([10, 4, 2, 1].map(h => h * 3_600_000))).toEqual({
      changes: 4,
      medianHours: 3,
    });
  });

  it('is undefined without changes', () => {
    expect(deploymentLeadTime([])).toBeUndefined();
  });
});
