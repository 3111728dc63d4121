import {
  BudgetBurn,
  ExplainedBurn,
  formatDefinitionError,
  ObjectivesResponse,
} from '@internal/backstage-plugin-slo-common';

/** One objective as `slo:status` answers it. */
export interface ObjectiveStatus {
  id: string;
  entityRef: string;
  state: string;
  /** Target as a share, e.g. 0.999. */
  target: number;
  /** The indicator over the window (1 - error ratio); null without data. */
  attainment: number | null;
  budgetRemaining: number | null;
  burnTiersFiring: Array<{
    tier: string;
    severity: 'page' | 'ticket';
    threshold: number;
    longBurnRate: number | null;
    shortBurnRate: number | null;
  }>;
  frozen: boolean;
  exhaustedSince: string | null;
  stale: boolean;
  window: { from: string; to: string };
}

/** What `slo:status` answers: the objectives and the error budget policy over them. */
export function statusSummary(response: ObjectivesResponse) {
  const objectives: ObjectiveStatus[] = response.objectives.map(o => ({
    id: o.id,
    entityRef: o.entityRef,
    state: o.state,
    target: o.definition.target,
    attainment: o.sli,
    budgetRemaining: o.budget.remaining,
    burnTiersFiring: o.burnRates
      .filter(t => t.state === 'firing')
      .map(t => ({
        tier: t.tier,
        severity: t.severity,
        threshold: t.threshold,
        longBurnRate: t.longBurnRate,
        shortBurnRate: t.shortBurnRate,
      })),
    frozen: o.frozen,
    exhaustedSince: o.exhaustedSince ?? null,
    stale: o.freshness.stale,
    window: o.window,
  }));
  return {
    entityRef: response.entityRef,
    frozen: objectives.some(o => o.frozen),
    frozenSince: frozenSince(objectives),
    stale: objectives.some(o => o.stale),
    metricSourceConfigured: response.metricSourceConfigured !== false,
    objectives,
    definitionErrors: response.definitionErrors.map(formatDefinitionError),
  };
}

/** The earliest exhaustedSince of the frozen objectives, as `GET /policy` answers it. */
function frozenSince(objectives: ObjectiveStatus[]): string | null {
  const since = objectives
    .filter(o => o.frozen && o.exhaustedSince)
    .map(o => o.exhaustedSince!)
    .sort();
  return since[0] ?? null;
}

/** The window to ask the delivery backend about: every burn, its look-back and a day. */
export function deploymentWindow(
  burns: BudgetBurn[],
  lookbackMs: number,
): { from: string; to: string } | undefined {
  if (burns.length === 0) return undefined;
  // A deployment that finished in the look-back may have started up to a day earlier.
  const from =
    Math.min(...burns.map(b => Date.parse(b.from))) - lookbackMs - 86_400_000;
  const to = Math.max(...burns.map(b => Date.parse(b.to))) + 1;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
}

/** The one-paragraph answer of `slo:why-frozen`. */
export function whyFrozenSummary(
  entityRef: string,
  status: { frozen: boolean; frozenSince: string | null; exhausted: string[] },
  burns: ExplainedBurn[],
): string {
  const state = status.frozen
    ? `${entityRef} is frozen${
        status.frozenSince ? ` since ${status.frozenSince}` : ''
      }: the error budget of ${status.exhausted.join(', ')} is exhausted.`
    : `${entityRef} is not frozen: no error budget is exhausted.`;
  if (burns.length === 0) {
    return `${state} No burn faster than the budget allows was found in the objectives' windows.`;
  }
  return `${state} Biggest burns: ${burns.map(b => b.explanation).join('. ')}.`;
}
