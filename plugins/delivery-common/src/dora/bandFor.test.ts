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
    // 168 h (one week) up to six months (6 * 730 h = 4,380 h) is medium.
    expect(bandFor('leadTime', 168, p('dora-2021'))).toBe('medium');
    expect(bandFor('leadTime', 4320, p('dora-2021'))).toBe('medium');
    expect(bandFor('leadTime', 4379, p('dora-2021'))).toBe('medium');
    expect(bandFor('leadTime', 4380, p('dora-2021'))).toBe('low');
    expect(bandFor('changeFailureRate', 0.15, p('dora-2021'))).toBe('elite');
    expect(bandFor('changeFailureRate', 0.16, p('dora-2021'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.3, p('dora-2021'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.31, p('dora-2021'))).toBe('low');
    // Weekly to monthly is high: once a month (24/730 = 0.03288 per day) is
    // still high, and so is once in 30 days (0.0333).
    expect(bandFor('deploymentFrequency', 1, p('dora-2021'))).toBe('elite');
    expect(bandFor('deploymentFrequency', 1 / 30, p('dora-2021'))).toBe('high');
    expect(bandFor('deploymentFrequency', 24 / 730, p('dora-2021'))).toBe(
      'high',
    );
    // Once in 31 days (0.03226) is medium; six months is 4,380 h = 182.5 days:
    // once in 182 days (0.005495 >= 24/4380 = 0.005479) still medium, 183 low.
    expect(bandFor('deploymentFrequency', 1 / 31, p('dora-2021'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 180, p('dora-2021'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 182, p('dora-2021'))).toBe(
      'medium',
    );
    expect(bandFor('deploymentFrequency', 1 / 183, p('dora-2021'))).toBe('low');
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
    // A month is 730 h: 720 h (30 days) is still within "1 week to 1 month".
    expect(bandFor('leadTime', 720, p('dora-2022'))).toBe('medium');
    expect(bandFor('leadTime', 729, p('dora-2022'))).toBe('medium');
    expect(bandFor('leadTime', 730, p('dora-2022'))).toBe('low');
    // 16-30% is medium; 31-45% fell in no cluster and is low.
    expect(bandFor('changeFailureRate', 0.15, p('dora-2022'))).toBe('high');
    expect(bandFor('changeFailureRate', 0.3, p('dora-2022'))).toBe('medium');
    expect(bandFor('changeFailureRate', 0.4, p('dora-2022'))).toBe('low');
    expect(bandFor('recoveryTime', 23.9, p('dora-2022'))).toBe('high');
    expect(bandFor('recoveryTime', 168, p('dora-2022'))).toBe('low');
  });

  it('dora-2023 has the DESIGN.md thresholds with 730-hour months', () => {
    const { name: _a, ...design } = defaultBandPreset;
    const { name: _b, ...published } = p('dora-2023');
    expect(published).toEqual({
      ...design,
      // once a month: 24 / 730 deployments a day; a month of lead time: 730 h
      deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: 24 / 730 },
      leadTimeHours: { elite: 24, high: 168, medium: 730 },
    });
    // 725 h is within "1 week to 1 month" (730 h); DESIGN.md's default says 720 h.
    expect(bandFor('leadTime', 725, p('dora-2023'))).toBe('medium');
    expect(bandFor('leadTime', 725, defaultBandPreset)).toBe('low');
    expect(bandFor('changeFailureRate', 0.05, p('dora-2023'))).toBe('elite');
    expect(bandFor('changeFailureRate', 0.15, p('dora-2023'))).toBe('medium');
    expect(bandFor('changeFailureRate', 0.64, p('dora-2023'))).toBe('low');
  });
});

describe('dora-2024', () => {
  const p = bandPresets['dora-2024'];

  it('bands change failure rate by the nearest cluster: elite 5%, medium 10%, high 20%, low 40%', () => {
    // Midpoints: (5 + 10) / 2 = 7.5%, (10 + 20) / 2 = 15%, (20 + 40) / 2 = 30%.
    expect(bandFor('changeFailureRate', 0, p)).toBe('elite');
    expect(bandFor('changeFailureRate', 0.07, p)).toBe('elite'); // 2 points from 5%, 3 from 10%
    expect(bandFor('changeFailureRate', 0.075, p)).toBe('medium'); // tie: the worse band
    expect(bandFor('changeFailureRate', 0.08, p)).toBe('medium');
    expect(bandFor('changeFailureRate', 0.12, p)).toBe('medium'); // 2 from 10%, 8 from 20%
    expect(bandFor('changeFailureRate', 0.15, p)).toBe('medium'); // tie 10% / 20%: medium ranks below high
    expect(bandFor('changeFailureRate', 0.16, p)).toBe('high'); // 6 from 10%, 4 from 20%
    expect(bandFor('changeFailureRate', 0.2, p)).toBe('high');
    expect(bandFor('changeFailureRate', 0.29, p)).toBe('high'); // 9 from 20%, 11 from 40%
    expect(bandFor('changeFailureRate', 0.3, p)).toBe('low'); // tie 20% / 40%
    expect(bandFor('changeFailureRate', 1, p)).toBe('low');
  });

  it('bands the other metrics at the published boundaries', () => {
    // On demand: at least daily is elite; daily to weekly high; weekly to monthly
    // (24/730 a day) medium; less often low.
    expect(bandFor('deploymentFrequency', 1, p)).toBe('elite');
    expect(bandFor('deploymentFrequency', 0.99, p)).toBe('high');
    expect(bandFor('deploymentFrequency', 1 / 7, p)).toBe('high');
    expect(bandFor('deploymentFrequency', 1 / 8, p)).toBe('medium');
    expect(bandFor('deploymentFrequency', 24 / 730, p)).toBe('medium');
    expect(bandFor('deploymentFrequency', 1 / 31, p)).toBe('low');
    // Lead time: < 1 day elite, < 1 week high, < 1 month (730 h) medium.
    expect(bandFor('leadTime', 23.9, p)).toBe('elite');
    expect(bandFor('leadTime', 24, p)).toBe('high');
    expect(bandFor('leadTime', 168, p)).toBe('medium');
    expect(bandFor('leadTime', 729, p)).toBe('medium');
    expect(bandFor('leadTime', 730, p)).toBe('low');
    // Recovery: < 1 h elite; high and medium both "< 1 day": under a day is high;
    // from a day on (the gap up to a week, then 1 week to 1 month) is low.
    expect(bandFor('recoveryTime', 0.99, p)).toBe('elite');
    expect(bandFor('recoveryTime', 1, p)).toBe('high');
    expect(bandFor('recoveryTime', 23.9, p)).toBe('high');
    expect(bandFor('recoveryTime', 24, p)).toBe('low');
  });

  it('is selectable by name and is the only preset with unordered clusters', () => {
    expect(resolveBandPreset('dora-2024')).toBe(p);
    expect(
      Object.values(bandPresets)
        .filter(preset => preset.changeFailureRate.rule === 'nearest')
        .map(preset => preset.name),
    ).toEqual(['dora-2024']);
  });
});

describe('resolveBandPreset', () => {
  it('selects a preset by name, the default when unset', () => {
    expect(resolveBandPreset(undefined)).toBe(defaultBandPreset);
    expect(resolveBandPreset('dora-2022')).toBe(bandPresets['dora-2022']);
    expect(() => resolveBandPreset('dora-2020')).toThrow(
      "delivery.dora.bands: unknown preset 'dora-2020'; use one of default, dora-2019, dora-2021, dora-2022, dora-2023, dora-2024, or an object of custom thresholds",
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

  it('accepts unordered clusters with rule: nearest, and needs their low value', () => {
    const preset = resolveBandPreset({
      ...custom,
      changeFailureRate: {
        rule: 'nearest',
        elite: 0.02,
        high: 0.3,
        medium: 0.1,
        low: 0.5,
      },
    });
    // 0.25: 5 points from high (0.3), 15 from medium (0.1): high.
    expect(bandFor('changeFailureRate', 0.25, preset)).toBe('high');
    // 0.19: 9 from medium, 11 from high: medium.
    expect(bandFor('changeFailureRate', 0.19, preset)).toBe('medium');
    expect(() =>
      resolveBandPreset({
        ...custom,
        changeFailureRate: { rule: 'nearest', high: 0.3, medium: 0.1 },
      }),
    ).toThrow(
      'delivery.dora.bands.changeFailureRate.low: required with rule: nearest',
    );
    expect(() =>
      resolveBandPreset({
        ...custom,
        changeFailureRate: { high: 0.3, medium: 0.1 },
      }),
    ).toThrow(
      'delivery.dora.bands.changeFailureRate.high: must be at most medium (0.1), or set rule: nearest',
    );
    expect(() =>
      resolveBandPreset({
        ...custom,
        changeFailureRate: { high: 0.1, medium: 0.2, low: 0.5 },
      }),
    ).toThrow(
      'delivery.dora.bands.changeFailureRate.low: only with rule: nearest',
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
