import type { ComponentSloStatus } from '@internal/backstage-plugin-slo-common';

const RANK = { exhausted: 0, critical: 1, warning: 2, unknown: 3, ok: 4 };

/**
 * Roll-up rows worst first: frozen, then by state, then by least budget left (unknown
 * budgets after known ones), then by name. Components without objectives are left out.
 */
export function sortRollup(
  components: ComponentSloStatus[],
): ComponentSloStatus[] {
  const budget = (c: ComponentSloStatus) =>
    c.worstBudgetRemaining === null ? Infinity : c.worstBudgetRemaining;
  return components
    .filter(c => c.objectives > 0)
    .sort(
      (a, b) =>
        Number(b.frozen) - Number(a.frozen) ||
        RANK[a.state] - RANK[b.state] ||
        budget(a) - budget(b) ||
        a.entityRef.localeCompare(b.entityRef),
    );
}
