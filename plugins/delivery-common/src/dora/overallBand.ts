import type { Band, DoraFigures } from './types';

/** Worst first. */
const ORDER: Band[] = ['low', 'medium', 'high', 'elite'];

/**
 * One band for a service's delivery, as the catalog's DORA column shows it: the worst
 * band among its four key metrics that have a figure. A chain is as fast as its slowest
 * link, so a service deploying daily (elite) but failing one deploy in four (low) is low.
 * Metrics without a figure (no failures yet, so no recovery time) do not count; with no
 * production deployment in the window there is nothing to band: 'unknown', never a band.
 */
export function overallBand(
  figures: Pick<
    DoraFigures,
    | 'deploymentFrequency'
    | 'leadTimeForChanges'
    | 'changeFailureRate'
    | 'failedDeploymentRecoveryTime'
  >,
): Band {
  if (figures.deploymentFrequency.deployments === 0) return 'unknown';
  const known: Band[] = [
    figures.deploymentFrequency.band,
    figures.leadTimeForChanges.band,
    figures.changeFailureRate.band,
    figures.failedDeploymentRecoveryTime.band,
  ].filter(band => band !== 'unknown');
  return ORDER.find(band => known.includes(band)) ?? 'unknown';
}
