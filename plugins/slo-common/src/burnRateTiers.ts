import { errorBudget } from './budget';
import { durationToMillis } from './duration';
import { BurnRateTierName, SloWindow } from './model';

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

const DAY_MS = 24 * HOUR_MS;
/** Nominal lengths of calendar periods, for burn-rate thresholds only. */
const NOMINAL_CALENDAR_MS: Record<string, number> = {
  d: DAY_MS,
  w: 7 * DAY_MS,
  M: 30 * DAY_MS,
  Q: 90 * DAY_MS,
  Y: 365 * DAY_MS,
};

/**
 * The window length W burn-rate thresholds are scaled with: the duration of a rolling
 * window; for a calendar window its nominal length (1d, 7d, 30d, 90d, 365d), so the
 * thresholds do not move from month to month and generated alerting rules (which
 * cannot know the length of the current period) use the very same numbers.
 */
export function burnRateWindowMs(window: SloWindow): number {
  if (window.kind === 'rolling') {
    return durationToMillis(window.duration);
  }
  const unitMs = NOMINAL_CALENDAR_MS[window.duration.unit];
  if (unitMs === undefined) {
    return durationToMillis(window.duration);
  }
  return window.duration.value * unitMs;
}

/** A tier left out because it cannot mean anything for this window. */
export interface DroppedBurnRateTier {
  name: BurnRateTierName;
  /** e.g. `ticket-fast dropped: its long window 1d is not shorter than the SLO window 1d` */
  reason: string;
}

function hoursText(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS}d` : `${ms / HOUR_MS}h`;
}

/**
 * The tiers that can mean something for an objective, and the ones dropped with why:
 * a tier whose long window is not shorter than the SLO window (it would look at more
 * than the whole window), or whose threshold is below 1 (it would fire on a burn that
 * leaves budget unused at the end of the window), is dropped. The evaluator and the
 * generated alerting rules both use this, so they page on the same tiers and thresholds.
 */
export function applicableBurnRateTiers(options: {
  window: SloWindow;
  target: number;
  enabled?: BurnRateTierName[];
  specs?: readonly BurnRateTierSpec[];
}): {
  windowMs: number;
  tiers: BurnRateTier[];
  dropped: DroppedBurnRateTier[];
} {
  const windowMs = burnRateWindowMs(options.window);
  const all = burnRateTiers({
    windowMs,
    target: options.target,
    enabled: options.enabled,
    specs: options.specs,
  });
  const tiers: BurnRateTier[] = [];
  const dropped: DroppedBurnRateTier[] = [];
  for (const tier of all) {
    if (tier.longWindowMs >= windowMs) {
      dropped.push({
        name: tier.name,
        reason: `${tier.name} dropped: its long window ${hoursText(
          tier.longWindowMs,
        )} is not shorter than the SLO window ${hoursText(windowMs)}`,
      });
    } else if (tier.threshold < 1) {
      dropped.push({
        name: tier.name,
        reason: `${tier.name} dropped: its threshold ${
          tier.budgetShare
        } * ${hoursText(windowMs)} / ${hoursText(tier.longWindowMs)} = ${
          tier.threshold
        } is below 1 (it would fire while budget is left over)`,
      });
    } else {
      tiers.push(tier);
    }
  }
  return { windowMs, tiers, dropped };
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
