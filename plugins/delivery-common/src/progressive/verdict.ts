import type { DeploymentVerdict } from '../client/types';
import type { RolloutOutcome } from './rollout';

/**
 * How much more of an error budget the hours after a deployment may burn than the
 * same hours before it, as absolute shares of the budget (0.01 = 1 % of it), before
 * the deployment is `ailing` or `unhealthy`. Reached at `>=`.
 */
export interface VerdictThresholds {
  ailingBudgetShare: number;
  unhealthyBudgetShare: number;
}

/** The span compared before and after each deployment, in hours. */
export const DEFAULT_VERDICT_HOURS = 2;

/**
 * Defaults for a 2 h span: on a 30-day window a burn rate of 1 spends 2/720 = 0.28 %
 * of the budget in 2 h, so +4 % is 14.4 times the sustainable rate beyond the burn
 * before (the rate of the fast page alert, 2 % in 1 h), +1 % 3.6 times.
 */
export const DEFAULT_VERDICT_THRESHOLDS: VerdictThresholds = {
  ailingBudgetShare: 0.01,
  unhealthyBudgetShare: 0.04,
};

/** One objective's burn around a deployment (the SLO backend's deployment impact). */
export interface ObjectiveBurn {
  objectiveId: string;
  /** Share of the budget consumed in the span before; null without traffic there. */
  consumedBefore: number | null;
  /** Share consumed in the span after (cut short by now); null without traffic. */
  consumedAfter: number | null;
  /** Too few events in the objective's window for a verdict from its budget. */
  lowTraffic?: boolean;
}

export interface VerdictInput {
  /** The span compared before and after, in hours. */
  hours: number;
  /**
   * The SLO figures around the deployment; undefined when the SLO backend gave none
   * (absent, slow or failing).
   */
  burn?: {
    objectives: ObjectiveBurn[];
    /** Hours the after-span really covers (less than `hours` while it runs). */
    afterHours: number;
  };
  /** Incidents naming the deployment. */
  incidentIds: string[];
  /** Deployments that rolled it back. */
  rolledBackBy?: string[];
  /** Where its progressive rollout ended, when it had phases. */
  outcome?: RolloutOutcome;
}

export interface DeploymentVerdictResult {
  verdict: DeploymentVerdict;
  /** Why, one sentence each: the evidence first, then the SLO burn. */
  reasons: string[];
  /** The objective the figures belong to (the one that burned most beyond before). */
  objectiveId: string | null;
  consumedBefore: number | null;
  consumedAfter: number | null;
}

/** Rounds away binary float noise (0.05 - 0.01 = 0.04000000000000001). */
const clean = (value: number) => Number(value.toPrecision(12));

/** A budget share as a percentage for people: 0.0423 is "4.23%". */
export function formatBudgetShare(share: number): string {
  const percent = clean(share * 100);
  const rounded = Math.round(percent * 100) / 100;
  if (rounded === 0 && percent !== 0) return percent > 0 ? '<0.01%' : '>-0.01%';
  return `${rounded}%`;
}

/** `+3.9 points`, `-0.5 points`: a difference of two budget shares. */
const formatPoints = (share: number) => {
  const text = formatBudgetShare(share).replace('%', '');
  return `${share >= 0 ? '+' : ''}${text} points`;
};

const formatHours = (hours: number) => `${clean(hours)} h`;

/** What an objective burned beyond before; no traffic before burned nothing there. */
const excessOf = (o: ObjectiveBurn) =>
  clean((o.consumedAfter ?? 0) - (o.consumedBefore ?? 0));

/**
 * The health verdict of one production deployment:
 *
 * - `unhealthy` when an incident names it, a later deployment rolled it back or its
 *   progressive rollout was aborted, whatever the budget says;
 * - otherwise from the SLO burn. For each objective with figures after the
 *   deployment and enough traffic (not `lowTraffic`), the excess is
 *   `consumedAfter - consumedBefore` in absolute budget shares (no traffic before:
 *   nothing burned there, so before counts 0). The objective with the largest
 *   excess decides: `unhealthy` from `unhealthyBudgetShare` on, `ailing` from
 *   `ailingBudgetShare`, `healthy` below, but only once the whole after-span has
 *   passed (a partial span can already show a burn, never health);
 * - `unknown` otherwise: no SLO figures, too little traffic, or too early, and no
 *   incident. Missing data is never `healthy`.
 *
 * A difference of shares, not a ratio: a ratio is undefined with nothing burned
 * before and turns 0.01 % into 0.05 % into "5 times worse" on a quiet service.
 */
export function deploymentVerdict(
  input: VerdictInput,
  thresholds: VerdictThresholds,
): DeploymentVerdictResult {
  const evidence = [
    ...input.incidentIds.map(id => `incident ${id} names it`),
    ...(input.rolledBackBy ?? []).map(id => `deployment ${id} rolled it back`),
    ...(input.outcome === 'aborted' ? ['its rollout was aborted'] : []),
  ];
  const slo = sloVerdict(input, thresholds);
  return {
    verdict: evidence.length > 0 ? 'unhealthy' : slo.verdict,
    reasons: [...evidence, slo.reason],
    objectiveId: slo.objective?.objectiveId ?? null,
    consumedBefore: slo.objective?.consumedBefore ?? null,
    consumedAfter: slo.objective?.consumedAfter ?? null,
  };
}

function sloVerdict(
  input: VerdictInput,
  thresholds: VerdictThresholds,
): { verdict: DeploymentVerdict; reason: string; objective?: ObjectiveBurn } {
  const { burn, hours } = input;
  if (!burn) {
    return {
      verdict: 'unknown',
      reason: 'no SLO figures: the SLO backend did not answer',
    };
  }
  const measured = burn.objectives.filter(o => o.consumedAfter !== null);
  // Objectives with enough traffic first, then by excess, largest first.
  const ranked = measured
    .map((objective, index) => ({ objective, index }))
    .sort(
      (a, b) =>
        Number(!!a.objective.lowTraffic) - Number(!!b.objective.lowTraffic) ||
        excessOf(b.objective) - excessOf(a.objective) ||
        a.index - b.index,
    )
    .map(({ objective }) => objective);
  const objective = ranked[0];
  if (!objective) {
    return {
      verdict: 'unknown',
      reason:
        burn.objectives.length === 0
          ? 'no SLO figures: the component has no objective measured by a metric source'
          : `no SLO figures: no traffic measured in the ${formatHours(
              hours,
            )} after it`,
    };
  }
  if (objective.lowTraffic) {
    return {
      verdict: 'unknown',
      reason: `too little traffic for a verdict from the error budget of ${objective.objectiveId}`,
      objective,
    };
  }
  const excess = excessOf(objective);
  const before =
    objective.consumedBefore === null
      ? 'no traffic before'
      : `${formatBudgetShare(objective.consumedBefore)} in the ${formatHours(
          hours,
        )} before`;
  const partial = burn.afterHours < hours;
  const afterSpan = partial
    ? `${formatHours(burn.afterHours)} (of ${formatHours(hours)})`
    : formatHours(hours);
  const figures = `${objective.objectiveId} burned ${formatBudgetShare(
    objective.consumedAfter!,
  )} of its error budget in the ${afterSpan} after it, ${before} (${formatPoints(
    excess,
  )}`;
  if (excess >= thresholds.unhealthyBudgetShare) {
    return {
      verdict: 'unhealthy',
      reason: `${figures}; unhealthy from ${formatPoints(
        thresholds.unhealthyBudgetShare,
      )})`,
      objective,
    };
  }
  if (excess >= thresholds.ailingBudgetShare) {
    return {
      verdict: 'ailing',
      reason: `${figures}; ailing from ${formatPoints(
        thresholds.ailingBudgetShare,
      )})`,
      objective,
    };
  }
  if (partial) {
    return {
      verdict: 'unknown',
      reason: `${figures}): too early to call it healthy`,
      objective,
    };
  }
  return {
    verdict: 'healthy',
    reason: `${figures}; ailing from ${formatPoints(
      thresholds.ailingBudgetShare,
    )})`,
    objective,
  };
}
