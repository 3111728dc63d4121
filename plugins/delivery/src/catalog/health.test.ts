import { describeDoraBand } from './health';

const health = {
  band: 'medium' as const,
  bands: {
    deploymentFrequency: 'medium' as const,
    leadTime: 'elite' as const,
    changeFailureRate: 'elite' as const,
    recoveryTime: 'unknown' as const,
  },
  deployments: 3,
  lastProduction: null,
};

describe('describeDoraBand', () => {
  it('shows the overall band with each metric in the tooltip', () => {
    expect(describeDoraBand(health, 90)).toEqual({
      band: 'medium',
      lines: [
        'Worst of the four key metrics, last 90 days (3 production deployments):',
        'Deployment frequency: medium',
        'Lead time for changes: elite',
        'Change failure rate: elite',
        'Failed deployment recovery time: no figure',
      ],
    });
  });

  it('shows no band, and says why, when nothing was deployed or the ref is unknown', () => {
    expect(
      describeDoraBand(
        {
          ...health,
          band: 'unknown',
          deployments: 0,
          bands: {
            deploymentFrequency: 'unknown',
            leadTime: 'unknown',
            changeFailureRate: 'unknown',
            recoveryTime: 'unknown',
          },
        },
        90,
      ),
    ).toEqual({
      band: null,
      lines: [
        'No successful production deployment in the last 90 days: nothing to band',
      ],
    });
    expect(describeDoraBand(null, 90).band).toBeNull();
  });
});
