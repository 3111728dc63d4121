import { flagVersion } from '../__testUtils__/launchDarklyExamples';
import { releaseShare } from './releaseShare';

const rollout = (...weights: number[]) => ({
  on: true,
  fallthrough: {
    rollout: {
      variations: weights.map((weight, variation) => ({ variation, weight })),
    },
  },
});

describe('releaseShare', () => {
  it('gives a boolean flag’s share of true: weights in thousandths of a percent', () => {
    // true is variation 0: 12500 of 100000 = 12.5%.
    expect(
      releaseShare(
        flagVersion('f', { production: rollout(12500, 87500) }),
        'production',
      ),
    ).toBe(12.5);
    // A fixed variation: all or nothing.
    expect(
      releaseShare(
        flagVersion('f', {
          production: { on: true, fallthrough: { variation: 0 } },
        }),
        'production',
      ),
    ).toBe(100);
    expect(
      releaseShare(
        flagVersion('f', {
          production: { on: true, fallthrough: { variation: 1 } },
        }),
        'production',
      ),
    ).toBe(0);
  });

  it('gives a multivariate flag’s share of every variation but the off variation', () => {
    // Variations blue, green, off; off is variation 2. blue 20000 + green 30000 = 50%.
    const version = flagVersion(
      'theme',
      { production: { ...rollout(20000, 30000, 50000), offVariation: 2 } },
      { kind: 'multivariate', values: ['blue', 'green', 'off'] },
    );
    expect(releaseShare(version, 'production')).toBe(50);
  });

  it('is unknown when the version does not say', () => {
    expect(releaseShare(undefined, 'production')).toBe(undefined);
    expect(
      releaseShare(flagVersion('f', { test: rollout(1, 2) }), 'production'),
    ).toBe(undefined);
    const multivariate = flagVersion(
      'theme',
      { production: rollout(20000, 80000) },
      { kind: 'multivariate', values: ['a', 'b'] },
    );
    const { offVariation, ...withoutOff } =
      multivariate.environments.production;
    expect(
      releaseShare(
        { ...multivariate, environments: { production: withoutOff } },
        'production',
      ),
    ).toBe(undefined);
  });
});
