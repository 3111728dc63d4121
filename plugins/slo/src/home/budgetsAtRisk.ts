import type {
  ComponentSloStatus,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';

export interface BudgetsAtRisk {
  /** Components with objectives, once each across the roll-ups. */
  covered: number;
  /** Frozen by the error budget policy, by name. */
  frozen: ComponentSloStatus[];
  /** Not frozen, with a known budget below `threshold`, least left first. */
  atRisk: ComponentSloStatus[];
  /**
   * Not frozen, spending budget faster than the window allows now (current burn rate
   * above 1), fastest first.
   */
  burning: ComponentSloStatus[];
  /** Components whose budget left is not known (no data or no metric source). */
  unknownBudget: number;
  /** Some figures are the last good ones (the metric source failed since). */
  stale: boolean;
}

/** A budget below this share left is at risk (the `warning` state's 25%). */
export const AT_RISK_BELOW = 0.25;

/**
 * What the cockpit's error-budget widget lists, from the `/status` roll-ups of the
 * scope's groups. A component under two groups counts once. Components whose budget
 * is unknown (no data) are never "at risk": missing data is not a verdict.
 */
export function budgetsAtRisk(
  rollups: StatusResponse[],
  threshold: number = AT_RISK_BELOW,
): BudgetsAtRisk {
  const byRef = new Map<string, ComponentSloStatus>();
  for (const rollup of rollups) {
    for (const component of rollup.components) {
      if (component.objectives > 0) byRef.set(component.entityRef, component);
    }
  }
  const components = [...byRef.values()];
  return {
    covered: components.length,
    frozen: components
      .filter(c => c.frozen)
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
    atRisk: components
      .filter(
        c =>
          !c.frozen &&
          c.worstBudgetRemaining !== null &&
          c.worstBudgetRemaining < threshold,
      )
      .sort(
        (a, b) =>
          a.worstBudgetRemaining! - b.worstBudgetRemaining! ||
          a.entityRef.localeCompare(b.entityRef),
      ),
    burning: components
      .filter(c => !c.frozen && (c.fastestBurnRate ?? 0) > 1)
      .sort(
        (a, b) =>
          b.fastestBurnRate! - a.fastestBurnRate! ||
          a.entityRef.localeCompare(b.entityRef),
      ),
    unknownBudget: components.filter(c => c.worstBudgetRemaining === null)
      .length,
    stale: components.some(c => c.stale),
  };
}
