import { errorBudget } from './budget';
import { BurnRateTierName } from './model';

/**
 * Multiwindow, multi-burn-rate alerting (Google SRE workbook): a tier fires when both
 * its long window and its short window (long / 12) burn faster than
 * threshold = p * W / long, i.e. they would spend the share p of the budget within
 * the long window if the burn continued.
 */
export interface BurnRateTierSpec {
  name: BurnRateTierName;
  /** Share p of the whole budget spent within the long window. */
  budgetShare: number;
  longWindowMs: number;
  severity: 'page' | 'ticket';
}

const HOUR_MS = 60 * 60 * 1000;

export const DEFAULT_BURN_RATE_TIERS: readonly BurnRateTierSpec[] = [
  {
    name: 'page-fast',
    budgetShare: 0.02,
    longWindowMs: HOUR_MS,
    severity: 'page',
  },
  {
    name: 'page-slow',
    budgetShare: 0.05,
    longWindowMs: 6 * HOUR_MS,
    severity: 'page',
  },
  {
    name: 'ticket-fast',
    budgetShare: 0.1,
    longWindowMs: 24 * HOUR_MS,
    severity: 'ticket',
  },
  {
    name: 'ticket-slow',
    budgetShare: 0.1,
    longWindowMs: 72 * HOUR_MS,
    severity: 'ticket',
  },
];

export interface BurnRateTier extends BurnRateTierSpec {
  shortWindowMs: number;
  /** Burn rate both windows must reach. */
  threshold: number;
  /** False when threshold * B >= 1: the error ratio would have to exceed 100%. */
  canFire: boolean;
  warning?: string;
}

/**
 * The tiers for an objective with the given SLO window length (ms) and target.
 * `enabled` selects tiers by name (all by default; an empty list means none).
 */
export function burnRateTiers(options: {
  windowMs: number;
  target: number;
  enabled?: BurnRateTierName[];
  specs?: readonly BurnRateTierSpec[];
}): BurnRateTier[] {
  const budget = errorBudget(options.target);
  const specs = options.specs ?? DEFAULT_BURN_RATE_TIERS;
  return specs
    .filter(spec => !options.enabled || options.enabled.includes(spec.name))
    .map(spec => {
      const threshold = Number(
        ((spec.budgetShare * options.windowMs) / spec.longWindowMs).toPrecision(
          12,
        ),
      );
      const canFire = threshold * budget < 1;
      return {
        ...spec,
        shortWindowMs: spec.longWindowMs / 12,
        threshold,
        canFire,
        ...(canFire
          ? {}
          : {
              warning: `tier ${
                spec.name
              } can never fire: a burn rate of ${threshold} needs an error ratio of ${Number(
                (threshold * budget).toPrecision(12),
              )}, above 100%`,
            }),
      };
    });
}

export type TierState = 'firing' | 'ok' | 'unknown';

export interface TierEvaluation {
  tier: BurnRateTier;
  state: TierState;
  longBurnRate?: number;
  shortBurnRate?: number;
}

/**
 * Evaluates a tier from the error ratios of its long and short windows. Both must
 * exceed the threshold (the short one confirms the burn is still going on). Missing
 * data in either window gives `unknown`, not `ok`.
 */
export function evaluateBurnRateTier(options: {
  tier: BurnRateTier;
  target: number;
  longErrorRatio?: number;
  shortErrorRatio?: number;
}): TierEvaluation {
  const budget = errorBudget(options.target);
  const { tier, longErrorRatio, shortErrorRatio } = options;
  if (longErrorRatio === undefined || shortErrorRatio === undefined) {
    return { tier, state: 'unknown' };
  }
  const longBurnRate = Number((longErrorRatio / budget).toPrecision(12));
  const shortBurnRate = Number((shortErrorRatio / budget).toPrecision(12));
  const firing =
    longBurnRate >= tier.threshold && shortBurnRate >= tier.threshold;
  return {
    tier,
    state: firing ? 'firing' : 'ok',
    longBurnRate,
    shortBurnRate,
  };
}
