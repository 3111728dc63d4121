import { bandPresets, defaultBandPreset, resolveBandPreset } from '../bands';
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

describe('published presets at their edges', () => {
  const p = (name: string) => bandPresets[name];

  it('dora-2021: elite lead time is under an hour, failures up to 15% are elite', () => {
    expect(bandFor('leadTime', 0.99, p('dora-2021'))).toBe('elite');
    expect(bandFor('leadTime', 1, p('dora-2021'))).toBe('high');
    expect(bandFor('leadTime', 167.9, p('dora-2021'))).toBe('high');
    // 168 h (one week) up to six months (180 days = 4,320 h) is medium.
    expect(bandFor('leadTime', 168, p('dora-2021'))).toBe('medium');
    expect(bandFor('leadTime', 4319, p('dora-2021'))).toBe('medium');
    expect(bandFor('leadTime', 4320, p('dora-2021'))).toBe('low');
    expect(bandFor('changeFailureRate', 0.15, p('dora-2021'))).toBe('elite');
    expect(bandFor('changeFailureRate', 0.16, p('dora-2021'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.3, p('dora-2021'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.31, p('dora-2021'))).toBe('low');
    // Weekly to monthly is high: once a month (1/30 per day) is still high.
    expect(bandFor('deploymentFrequency', 1, p('dora-2021'))).toBe('elite');
    expect(bandFor('deploymentFrequency', 1 / 30, p('dora-2021'))).toBe('high');
    // Once in 31 days is medium; once in 180 days still medium, 181 low.
    expect(bandFor('deploymentFrequency', 1 / 31, p('dora-2021'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 180, p('dora-2021'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 181, p('dora-2021'))).toBe('low');
    expect(bandFor('recoveryTime', 0.5, p('dora-2021'))).toBe('elite');
    expect(bandFor('recoveryTime', 24, p('dora-2021'))).toBe('medium');
  });

  it('dora-2022 never bands a figure elite', () => {
    // Ten deployments a day, zero lead time, no failures, instant recovery:
    // figures that are elite under every other preset are high in 2022.
    expect(bandFor('deploymentFrequency', 10, p('dora-2022'))).toBe('high');
    expect(bandFor('leadTime', 0, p('dora-2022'))).toBe('high');
    expect(bandFor('changeFailureRate', 0, p('dora-2022'))).toBe('high');
    expect(bandFor('recoveryTime', 0, p('dora-2022'))).toBe('high');
    expect(bandFor('deploymentFrequency', 10, p('dora-2021'))).toBe('elite');
    // High is on demand (>= 1 a day); 0.99 a day is medium down to monthly.
    expect(bandFor('deploymentFrequency', 0.99, p('dora-2022'))).toBe('medium');
    expect(bandFor('deploymentFrequency', 1 / 30, p('dora-2022'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 31, p('dora-2022'))).toBe('low');
    expect(bandFor('leadTime', 167, p('dora-2022'))).toBe('high');
    expect(bandFor('leadTime', 168, p('dora-2022'))).toBe('medium');
    expect(bandFor('leadTime', 720, p('dora-2022'))).toBe('low');
    // 16-30% is medium; 31-45% fell in no cluster and is low.
    expect(bandFor('changeFailureRate', 0.15, p('dora-2022'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.3, p('dora-2022'))).toBe('medium');
    expect(bandFor('changeFailureRate', 0.4, p('dora-2022'))).toBe('low');
    expect(bandFor('recoveryTime', 23.9, p('dora-2022'))).toBe('high');
    expect(bandFor('recoveryTime', 168, p('dora-2022'))).toBe('low');
  });

  it('dora-2023 has the DESIGN.md thresholds', () => {
    const { name: _a, ...design } = defaultBandPreset;
    const { name: _b, ...published } = p('dora-2023');
    expect(published).toEqual(design);
    expect(bandFor('changeFailureRate', 0.05, p('dora-2023'))).toBe('elite');
    expect(bandFor('changeFailureRate', 0.15, p('dora-2023'))).toBe('medium');
    expect(bandFor('changeFailureRate', 0.64, p('dora-2023'))).toBe('low');
  });
});

describe('resolveBandPreset', () => {
  it('selects a preset by name, the default when unset', () => {
    expect(resolveBandPreset(undefined)).toBe(defaultBandPreset);
    expect(resolveBandPreset('dora-2022')).toBe(bandPresets['dora-2022']);
    expect(() => resolveBandPreset('dora-2020')).toThrow(
      "delivery.dora.bands: unknown preset 'dora-2020'; use one of default, dora-2019, dora-2021, dora-2022, dora-2023, or an object of custom thresholds",
    );
  });

  const custom = {
    name: 'acme',
    deploymentFrequencyPerDay: { elite: 2, high: 0.5, medium: 0.1 },
    leadTimeHours: { high: 48, medium: 336 },
    changeFailureRate: { elite: 0.02, high: 0.08, medium: 0.2 },
    recoveryTimeHours: { elite: 0.5, high: 4, medium: 48 },
  };

  it('accepts custom thresholds and bands with them', () => {
    const preset = resolveBandPreset(custom);
    expect(preset.name).toBe('acme');
    // Lead time has no elite threshold here: 1 h is high, 48 h medium.
    expect(preset.leadTimeHours).toEqual({
      elite: null,
      high: 48,
      medium: 336,
    });
    expect(bandFor('leadTime', 1, preset)).toBe('high');
    expect(bandFor('leadTime', 48, preset)).toBe('medium');
    expect(bandFor('deploymentFrequency', 2, preset)).toBe('elite');
    expect(bandFor('deploymentFrequency', 1.99, preset)).toBe('high');
    expect(bandFor('changeFailureRate', 0.2, preset)).toBe('medium');
    expect(bandFor('changeFailureRate', 0.21, preset)).toBe('low');
    expect(bandFor('recoveryTime', 4, preset)).toBe('medium');
    expect(resolveBandPreset({ ...custom, name: undefined }).name).toBe(
      'custom',
    );
  });

  it('names the offending field of custom thresholds', () => {
    expect(() =>
      resolveBandPreset({
        ...custom,
        leadTimeHours: { elite: 1, high: 400, medium: 336 },
      }),
    ).toThrow(
      'delivery.dora.bands.leadTimeHours.high: must be at most medium (336)',
    );
    expect(() =>
      resolveBandPreset({
        ...custom,
        deploymentFrequencyPerDay: { elite: 0.1, high: 0.5, medium: 0.1 },
      }),
    ).toThrow(
      'delivery.dora.bands.deploymentFrequencyPerDay.elite: must be at least high (0.5)',
    );
    expect(() =>
      resolveBandPreset({
        ...custom,
        changeFailureRate: { elite: 0.05, high: 0.1, medium: 15 },
      }),
    ).toThrow(/delivery\.dora\.bands\.changeFailureRate\.medium: /);
    expect(() =>
      resolveBandPreset({ ...custom, recoveryTimeHours: undefined }),
    ).toThrow(/delivery\.dora\.bands\.recoveryTimeHours: /);
    expect(() => resolveBandPreset({ ...custom, leadTime: {} })).toThrow(
      /delivery\.dora\.bands: .*leadTime/,
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
