import type { BandPreset } from './dora/types';

/** The thresholds of DESIGN.md; the portal's default. */
export const defaultBandPreset: BandPreset = {
  name: 'default',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  leadTimeHours: { elite: 24, high: 168, medium: 720 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2019 clusters. That survey put elite, high and
 * medium performers all at 0-15% change failure rate, hence equal thresholds.
 */
const dora2019BandPreset: BandPreset = {
  name: 'dora-2019',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  leadTimeHours: { elite: 24, high: 168, medium: 720 },
  changeFailureRate: { elite: 0.15, high: 0.15, medium: 0.15 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/** Named presets, selectable from config by name. */
export const bandPresets: Record<string, BandPreset> = {
  default: defaultBandPreset,
  'dora-2019': dora2019BandPreset,
};
