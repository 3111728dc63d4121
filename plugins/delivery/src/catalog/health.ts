import type {
  Band,
  CatalogDeliveryHealthResponse,
} from '@internal/backstage-plugin-delivery-common';

type Health = NonNullable<CatalogDeliveryHealthResponse['items'][string]>;

const METRICS: Array<[keyof Health['bands'], string]> = [
  ['deploymentFrequency', 'Deployment frequency'],
  ['leadTime', 'Lead time for changes'],
  ['changeFailureRate', 'Change failure rate'],
  ['recoveryTime', 'Failed deployment recovery time'],
];

const bandText = (band: Band) => (band === 'unknown' ? 'no figure' : band);

/**
 * What the DORA column shows for a component: its overall band, or null (shown as "–")
 * when there is nothing to band, and the lines of its tooltip: why, or each metric's band.
 */
export function describeDoraBand(
  health: Health | null,
  days: number,
): { band: Band | null; lines: string[] } {
  if (!health) {
    return { band: null, lines: ['Not a component the delivery plugin knows'] };
  }
  if (health.band === 'unknown') {
    return {
      band: null,
      lines: [
        `No successful production deployment in the last ${days} days: nothing to band`,
      ],
    };
  }
  return {
    band: health.band,
    lines: [
      `Worst of the four key metrics, last ${days} days (${
        health.deployments
      } production deployment${health.deployments === 1 ? '' : 's'}):`,
      ...METRICS.map(
        ([key, label]) => `${label}: ${bandText(health.bands[key])}`,
      ),
    ],
  };
}
