import { bandPresets, defaultBandPreset } from '../bands';
import { bandFor } from './bandFor';

describe('bandFor', () => {
  it('is unknown without a value', () => {
    expect(bandFor('deploymentFrequency', null)).toBe('unknown');
    expect(bandFor('leadTime', null)).toBe('unknown');
    expect(bandFor('changeFailureRate', null)).toBe('unknown');
    expect(bandFor('recoveryTime', null)).toBe('unknown');
  });

  it('bands deployment frequency with >= thresholds', () => {
    expect(bandFor('deploymentFrequency', 1)).toBe('elite');
    expect(bandFor('deploymentFrequency', 0.99)).toBe('high');
    expect(bandFor('deploymentFrequency', 1 / 7)).toBe('high');
    expect(bandFor('deploymentFrequency', 1 / 30)).toBe('medium');
    expect(bandFor('deploymentFrequency', 0.03)).toBe('low');
  });

  it('bands lead time with < thresholds', () => {
    expect(bandFor('leadTime', 23.99)).toBe('elite');
    expect(bandFor('leadTime', 24)).toBe('high');
    expect(bandFor('leadTime', 168)).toBe('medium');
    expect(bandFor('leadTime', 719)).toBe('medium');
    expect(bandFor('leadTime', 720)).toBe('low');
  });

  it('bands change failure rate with <= thresholds', () => {
    expect(bandFor('changeFailureRate', 0)).toBe('elite');
    expect(bandFor('changeFailureRate', 0.05)).toBe('elite');
    expect(bandFor('changeFailureRate', 0.051)).toBe('high');
    expect(bandFor('changeFailureRate', 0.1)).toBe('high');
    expect(bandFor('changeFailureRate', 0.15)).toBe('medium');
    expect(bandFor('changeFailureRate', 0.151)).toBe('low');
  });

  it('bands recovery time with < thresholds', () => {
    expect(bandFor('recoveryTime', 0.5)).toBe('elite');
    expect(bandFor('recoveryTime', 1)).toBe('high');
    expect(bandFor('recoveryTime', 24)).toBe('medium');
    expect(bandFor('recoveryTime', 168)).toBe('low');
  });

  it('uses the given preset', () => {
    // DORA 2019 put elite, high and medium all at 0-15% change failure rate.
    expect(bandFor('changeFailureRate', 0.15, bandPresets['dora-2019'])).toBe(
      'elite',
    );
    expect(bandFor('changeFailureRate', 0.16, bandPresets['dora-2019'])).toBe(
      'low',
    );
  });
});

describe('bandPresets', () => {
  it('has the DESIGN.md table as default', () => {
    expect(bandPresets.default).toBe(defaultBandPreset);
    expect(defaultBandPreset).toEqual({
      name: 'default',
      deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
      leadTimeHours: { elite: 24, high: 168, medium: 720 },
      changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
      recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
    });
  });

  it('names every preset by its key', () => {
    for (const [key, preset] of Object.entries(bandPresets)) {
      expect(preset.name).toBe(key);
    }
  });
});
