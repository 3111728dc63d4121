import { computeDoraSeries } from './referenceEngine';
import { deployment } from '../dora/testFixtures';

const commit = (sha: string, committedAt: string) => ({ sha, committedAt });

describe('computeDoraSeries', () => {
  it('gives one point per ISO week, the last one partial', () => {
    // [Mon Jan 5, Wed Jan 21) = weeks of Jan 5 and Jan 12, plus Jan 19-21.
    // d1 Jan 6 10:00 ships a after 2 h and is rolled back by r1 on Jan 14
    //   10:00: week 1 has a failure recovered after 8 days = 192 h (low).
    // d2 Jan 13 10:00 ships a again (not counted: first shipped in week 1)
    //   and b after 4 h.
    // d3 Jan 20 10:00: 1 deployment / 2 days = 0.5 per day (high).
    const points = computeDoraSeries({
      deployments: [
        deployment('d1', '2026-01-06T10:00:00Z', {
          commits: [commit('a', '2026-01-06T08:00:00Z')],
        }),
        deployment('d2', '2026-01-13T10:00:00Z', {
          commits: [
            commit('a', '2026-01-06T08:00:00Z'),
            commit('b', '2026-01-13T06:00:00Z'),
          ],
        }),
        deployment('r1', '2026-01-14T10:00:00Z', { rollbackOf: 'd1' }),
        deployment('d3', '2026-01-20T10:00:00Z'),
      ],
      incidents: [],
      from: '2026-01-05T00:00:00Z',
      to: '2026-01-21T00:00:00Z',
    });

    expect(points.map(p => [p.from, p.to])).toEqual([
      ['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z'],
      ['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z'],
      ['2026-01-19T00:00:00.000Z', '2026-01-21T00:00:00.000Z'],
    ]);

    const [first, second, third] = points;
    expect(first.deploymentFrequency).toEqual({
      deployments: 1,
      perDay: 1 / 7,
      band: 'high',
    });
    expect(first.leadTimeForChanges.medianHours).toBe(2);
    expect(first.changeFailureRate).toMatchObject({ failed: 1, ratio: 1 });
    expect(first.failedDeploymentRecoveryTime).toEqual({
      failures: 1,
      unrecovered: 0,
      medianHours: 192,
      band: 'low',
    });

    expect(second.deploymentFrequency.deployments).toBe(2);
    expect(second.deploymentFrequency.perDay).toBeCloseTo(2 / 7, 10);
    expect(second.leadTimeForChanges).toMatchObject({
      changes: 1,
      medianHours: 4,
    });
    expect(second.changeFailureRate).toMatchObject({ failed: 0, ratio: 0 });

    expect(third.deploymentFrequency).toEqual({
      deployments: 1,
      perDay: 0.5,
      band: 'high',
    });
  });

  it('clips the first week to a mid-week start given with an offset', () => {
    // from 2026-01-07T12:00+02:00 = Wed Jan 7 10:00Z, so the deployment at
    // 09:00Z is before the series and the one at 11:00Z is in its first point.
    const points = computeDoraSeries({
      deployments: [
        deployment('d1', '2026-01-07T09:00:00Z'),
        deployment('d2', '2026-01-07T11:00:00Z'),
      ],
      incidents: [],
      from: '2026-01-07T12:00:00+02:00',
      to: '2026-01-13T00:00:00Z',
    });
    expect(points.map(p => [p.from, p.to])).toEqual([
      ['2026-01-07T10:00:00.000Z', '2026-01-12T00:00:00.000Z'],
      ['2026-01-12T00:00:00.000Z', '2026-01-13T00:00:00.000Z'],
    ]);
    expect(points.map(p => p.deploymentFrequency.deployments)).toEqual([1, 0]);
  });

  it('adds no empty point when the window ends on a Monday', () => {
    const points = computeDoraSeries({
      deployments: [],
      incidents: [],
      from: '2026-01-05T00:00:00Z',
      to: '2026-01-19T00:00:00Z',
    });
    expect(points).toHaveLength(2);
  });
});
