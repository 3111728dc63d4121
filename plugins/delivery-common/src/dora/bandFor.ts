import { defaultBandPreset } from '../bands';
import type { Band, BandPreset, BandThresholds } from './types';

/** Distances closer than this are a tie (float noise: 0.075 - 0.05 vs 0.1 - 0.075). */
const TIE = 1e-9;

/**
 * The band whose published cluster value is nearest to the figure; a tie goes to the
 * worse band. Clusters are visited from best to worst, so a later equal distance wins.
 */
export function nearestBand(thresholds: BandThresholds, value: number): Band {
  const clusters: Array<[Band, number | null | undefined]> = [
    ['elite', thresholds.elite],
    ['high', thresholds.high],
    ['medium', thresholds.medium],
    ['low', thresholds.low],
  ];
  let band: Band = 'unknown';
  let nearest = Infinity;
  for (const [name, centre] of clusters) {
    if (centre === null || centre === undefined) continue;
    const distance = Math.abs(value - centre);
    if (distance <= nearest + TIE) {
      band = name;
      nearest = Math.min(distance, nearest);
    }
  }
  return band;
}

function firstBand(
  thresholds: BandThresholds,
  reaches: (threshold: number) => boolean,
): Band {
  // A preset without an elite band (null) never answers elite.
  if (thresholds.elite !== null && reaches(thresholds.elite)) return 'elite';
  if (reaches(thresholds.high)) return 'high';
  if (reaches(thresholds.medium)) return 'medium';
  return 'low';
}

/** The band a figure falls in; 'unknown' when there is no figure. */
export function bandFor(
  metric:
    | 'deploymentFrequency'
    | 'leadTime'
    | 'changeFailureRate'
    | 'recoveryTime',
  value: number | null,
  preset: BandPreset = defaultBandPreset,
): Band {
  if (value === null || Number.isNaN(value)) {
    return 'unknown';
  }
  const nearest = (thresholds: BandThresholds) =>
    thresholds.rule === 'nearest' ? nearestBand(thresholds, value) : undefined;
  switch (metric) {
    case 'deploymentFrequency':
      return (
        nearest(preset.deploymentFrequencyPerDay) ??
        firstBand(preset.deploymentFrequencyPerDay, t => value >= t)
      );
    case 'leadTime':
      return (
        nearest(preset.leadTimeHours) ??
        firstBand(preset.leadTimeHours, t => value < t)
      );
    case 'changeFailureRate':
      return (
        nearest(preset.changeFailureRate) ??
        firstBand(preset.changeFailureRate, t => value <= t)
      );
    case 'recoveryTime':
      return (
        nearest(preset.recoveryTimeHours) ??
        firstBand(preset.recoveryTimeHours, t => value < t)
      );
    default:
      throw new Error(`Unknown DORA metric: ${metric satisfies never}`);
  }
}
