import { defaultBandPreset } from '../bands';
import { combineWindowSummary, figuresFromSummary } from './summary';

const ms = (iso: string) => Date.parse(iso);

describe('combineWindowSummary and figuresFromSummary with flag releases', () => {
  /*
   * 7 days. Store aggregate: 10 deployments, 1 rework. Failures: f1 in the window,
   * recovered in 4 h. Flag releases: 4, of which 2 failed, recovered in 1 h and 10 h.
   * Deployments 10 + 4 = 14: 2 a day (elite). Failed 1 + 2 = 3 of 14 (low, above
   * 15 %). Recovery 1, 4, 10 h: median 4 (high). Rework 1 of 14.
   */
  const window = {
    from: ms('2026-02-02T00:00:00Z'),
    to: ms('2026-02-09T00:00:00Z'),
  };
  const aggregate = {
    deployments: 10,
    rework: 1,
    leadTime: { changes: 0, medianHours: null, p90Hours: null },
  };
  const failureFacts = {
    deployments: [
      {
        key: 'f1',
        source: 'github',
        entityRef: 'component:default/a',
        finishedAt: ms('2026-02-03T00:00:00Z'),
        rollbackOf: [],
        remediates: [],
        commits: [],
      },
    ],
    failures: new Map([['f1', 4]]),
  };
  const incidentFacts = { incidents: [] };

  it('adds the releases to deployments, their failures and recoveries, rework only to the denominator', () => {
    const figures = figuresFromSummary(
      combineWindowSummary(window, aggregate, failureFacts, incidentFacts, {
        releases: 4,
        failed: 2,
        recoveryHours: [10, 1],
      }),
      defaultBandPreset,
    );
    expect(figures.deploymentFrequency).toEqual({
      deployments: 14,
      perDay: 2,
      band: 'elite',
      flagReleases: 4,
    });
    expect(figures.changeFailureRate).toEqual({
      deployments: 14,
      failed: 3,
      ratio: 3 / 14,
      band: 'low',
      failedFlagReleases: 2,
    });
    expect(figures.failedDeploymentRecoveryTime).toEqual({
      failures: 3,
      unrecovered: 0,
      medianHours: 4,
      band: 'high',
    });
    expect(figures.deploymentReworkRate).toEqual({
      deployments: 14,
      rework: 1,
      ratio: 1 / 14,
    });
  });

  it('gives the deployments-only figures, without flag fields, when releases are not counted', () => {
    // 10 deployments in 7 days; f1 failed: 1 of 10 (high, <= 10 %), 4 h.
    const figures = figuresFromSummary(
      combineWindowSummary(window, aggregate, failureFacts, incidentFacts),
      defaultBandPreset,
    );
    expect(figures.deploymentFrequency).toEqual({
      deployments: 10,
      perDay: 10 / 7,
      band: 'elite',
    });
    expect(figures.changeFailureRate).toEqual({
      deployments: 10,
      failed: 1,
      ratio: 0.1,
      band: 'high',
    });
    expect(figures.failedDeploymentRecoveryTime.medianHours).toBe(4);
  });
});
