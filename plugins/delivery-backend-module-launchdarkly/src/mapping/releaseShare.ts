import { EnvironmentSettings, FlagVersion } from './auditEntry';

/** A rollout's weights are thousandths of a percent: 100000 is everyone. */
const WEIGHT_PER_PERCENT = 1000;

/**
 * The variations that release the feature: `true` for a boolean flag (or one whose
 * values are all booleans); for a multivariate flag, every variation but the one
 * the environment serves when the flag is off. Unknown (undefined) when the version
 * does not say.
 */
export function releaseVariations(
  version: FlagVersion | undefined,
  environment: EnvironmentSettings | undefined,
): Set<number> | undefined {
  const variations = version?.variations;
  if (!variations || variations.length === 0) return undefined;
  const boolean =
    version.kind === 'boolean' ||
    variations.every(v => typeof v.value === 'boolean');
  if (boolean) {
    return new Set(
      variations.flatMap((v, index) => (v.value === true ? [index] : [])),
    );
  }
  const off = environment?.offVariation;
  if (off === undefined || off === null) return undefined;
  return new Set(variations.map((_, index) => index).filter(i => i !== off));
}

/**
 * The share (0–100) of contexts that reach the default rule and are served a
 * releasing variation in `env`: 100 or 0 for a fixed variation, the releasing
 * variations' weights for a percentage rollout (25000 of 100000 is 25). Undefined
 * when the version does not say.
 */
export function releaseShare(
  version: FlagVersion | undefined,
  env: string,
): number | undefined {
  const environment = version?.environments?.[env];
  const fallthrough = environment?.fallthrough;
  const release = releaseVariations(version, environment);
  if (!fallthrough || !release) return undefined;
  if (fallthrough.rollout) {
    const weights = fallthrough.rollout.variations
      .filter(v => release.has(v.variation))
      .reduce((sum, v) => sum + v.weight, 0);
    const percent = weights / WEIGHT_PER_PERCENT;
    return Number.isFinite(percent)
      ? Math.min(100, Math.max(0, percent))
      : undefined;
  }
  if (typeof fallthrough.variation === 'number') {
    return release.has(fallthrough.variation) ? 100 : 0;
  }
  return undefined;
}
