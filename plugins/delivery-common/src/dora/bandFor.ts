import { defaultBandPreset } from '../bands';
import type { Band, BandPreset, BandThresholds } from './types';

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
  switch (metric) {
    case 'deploymentFrequency':
      return firstBand(preset.deploymentFrequencyPerDay, t => value >= t);
    case 'leadTime':
      return firstBand(preset.leadTimeHours, t => value < t);
    case 'changeFailureRate':
      return firstBand(preset.changeFailureRate, t => value <= t);
    case 'recoveryTime':
      return firstBand(preset.recoveryTimeHours, t => value < t);
    default:
      throw new Error(`Unknown DORA metric: ${metric satisfies never}`);
  }
}
