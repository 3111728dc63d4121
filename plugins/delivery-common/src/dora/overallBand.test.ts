import { overallBand } from './overallBand';
import type { Band } from './types';

const figures = (
  deployments: number,
  bands: [Band, Band, Band, Band],
): Parameters<typeof overallBand>[0] => ({
  deploymentFrequency: {
    deployments,
    perDay: deployments / 90,
    band: bands[0],
  },
  leadTimeForChanges: {
    changes: deployments,
    medianHours: null,
    p90Hours: null,
    band: bands[1],
  },
  changeFailureRate: {
    deployments,
    failed: 0,
    ratio: null,
    band: bands[2],
  },
  failedDeploymentRecoveryTime: {
    failures: 0,
    unrecovered: 0,
    medianHours: null,
    band: bands[3],
  },
});

describe('overallBand', () => {
  it('is the worst band among the metrics that have one', () => {
    // elite frequency, elite lead time, low failure rate, high recovery: low.
    expect(overallBand(figures(90, ['elite', 'elite', 'low', 'high']))).toBe(
      'low',
    );
    expect(overallBand(figures(90, ['high', 'elite', 'elite', 'medium']))).toBe(
      'medium',
    );
    expect(overallBand(figures(90, ['elite', 'elite', 'elite', 'elite']))).toBe(
      'elite',
    );
  });

  it('leaves out metrics without a figure (no failure: no recovery time)', () => {
    expect(overallBand(figures(13, ['high', 'high', 'elite', 'unknown']))).toBe(
      'high',
    );
  });

  it('is unknown, never a band, without a production deployment in the window', () => {
    expect(
      overallBand(figures(0, ['unknown', 'unknown', 'unknown', 'unknown'])),
    ).toBe('unknown');
    // Even if a stray metric had a band, nothing deployed means nothing to band.
    expect(
      overallBand(figures(0, ['unknown', 'unknown', 'unknown', 'low'])),
    ).toBe('unknown');
  });
});
