/*
 * The figures of one objective as the SLOs tab lists them: label, formatted value, raw
 * value and the backend's explanation. Pure, so each figure is tested from a fixture.
 */
import {
  FigureExplanation,
  formatTargetPercent,
  ObjectiveReport,
} from '@internal/backstage-plugin-slo-common';
import {
  formatBudgetRemaining,
  formatBurnRate,
  formatCount,
  formatDurationMs,
  formatPercent,
  NO_VALUE,
} from './format';

export interface ObjectiveFigure {
  key: string;
  label: string;
  value: string;
  raw: number | null;
  caption?: string;
  explanation?: FigureExplanation;
}

/** Explanation keys the backend may use for each figure, first match wins. */
export const EXPLANATION_KEYS: Record<string, string[]> = {
  sli: ['sli'],
  errorRatio: ['errorRatio'],
  budgetRemaining: ['budgetRemaining'],
  budgetConsumed: ['budgetConsumed', 'consumed'],
  badEventsLeft: ['badEventsLeft'],
  timeLeft: ['timeLeft', 'timeLeftMs'],
  timeToExhaustion: ['timeToExhaustion', 'timeToExhaustionMs'],
  windowBurnRate: ['windowBurnRate', 'burnRate'],
  currentBurnRate: ['currentBurnRate'],
};

function explanationFor(
  objective: ObjectiveReport,
  figure: string,
): FigureExplanation | undefined {
  const key = EXPLANATION_KEYS[figure]?.find(k => objective.explanations[k]);
  return key ? objective.explanations[key] : undefined;
}

/** Time to exhaustion in words: a budget nothing burns is never exhausted. */
function exhaustionText(objective: ObjectiveReport): string {
  const { remaining, timeToExhaustionMs, currentBurnRate } = objective.budget;
  if (remaining !== null && remaining <= 0) return 'exhausted';
  if (timeToExhaustionMs !== null) return formatDurationMs(timeToExhaustionMs);
  if (remaining !== null && currentBurnRate === 0) return 'never at this rate';
  return NO_VALUE;
}

export function objectiveFigures(
  objective: ObjectiveReport,
): ObjectiveFigure[] {
  const { budget, counts } = objective;
  const slices = objective.slices;
  const figure = (
    key: string,
    label: string,
    value: string,
    raw: number | null,
    caption?: string,
  ): ObjectiveFigure => ({
    key,
    label,
    value,
    raw,
    caption,
    explanation: explanationFor(objective, key),
  });
  const errorRatio =
    counts && counts.total > 0 ? counts.bad / counts.total : null;
  return [
    figure(
      'sli',
      'Indicator',
      formatPercent(objective.sli),
      objective.sli,
      `target ${formatTargetPercent(objective.definition.target)}`,
    ),
    figure(
      'errorRatio',
      'Bad events',
      counts
        ? `${formatCount(counts.bad)} of ${formatCount(counts.total)}`
        : NO_VALUE,
      errorRatio,
      errorRatio === null
        ? undefined
        : `error ratio ${formatPercent(errorRatio, 4)}`,
    ),
    figure(
      'budgetRemaining',
      'Budget remaining',
      formatBudgetRemaining(budget.remaining),
      budget.remaining,
      `budget B = ${formatPercent(budget.total, 4)}`,
    ),
    figure(
      'budgetConsumed',
      'Budget consumed',
      formatPercent(budget.consumed, 1),
      budget.consumed,
    ),
    figure(
      'badEventsLeft',
      slices ? 'Bad slices left' : 'Bad events left',
      formatCount(budget.badEventsLeft),
      budget.badEventsLeft,
      budget.badEventsLeft !== null && budget.badEventsLeft < 0
        ? 'over budget'
        : 'still allowed in the window',
    ),
    figure(
      'timeLeft',
      'Budget as time',
      budget.timeLeftMs !== null && budget.timeLeftMs < 0
        ? 'none'
        : formatDurationMs(budget.timeLeftMs),
      budget.timeLeftMs,
      'of full outage still allowed',
    ),
    figure(
      'timeToExhaustion',
      'Exhausted in',
      exhaustionText(objective),
      budget.timeToExhaustionMs,
      'at the current burn rate',
    ),
    figure(
      'windowBurnRate',
      'Burn rate (window)',
      formatBurnRate(budget.windowBurnRate),
      budget.windowBurnRate,
      '1× spends the budget exactly',
    ),
    figure(
      'currentBurnRate',
      'Burn rate (last hour)',
      formatBurnRate(budget.currentBurnRate),
      budget.currentBurnRate,
    ),
  ];
}

/** Labels of explanations that belong to no figure tile. */
const OTHER_LABELS: Record<string, string> = {
  budgetTotal: 'Error budget B',
  dataQuality: 'Data quality',
  state: 'State',
  frozen: 'Deploy policy',
};

/**
 * Explanations no figure tile shows (budget B, data quality, state, policy, and any the
 * backend adds later), so every explained figure stays reachable. Burn-rate tiers
 * (`burnRate:<tier>`) are explained in the tiers table.
 */
export function otherExplanations(
  objective: ObjectiveReport,
): Array<{ key: string; label: string; explanation: FigureExplanation }> {
  const used = new Set(Object.values(EXPLANATION_KEYS).flat());
  return Object.entries(objective.explanations)
    .filter(([key]) => !used.has(key) && !key.startsWith('burnRate:'))
    .map(([key, explanation]) => ({
      key,
      label: OTHER_LABELS[key] ?? key,
      explanation,
    }));
}

/**
 * What one step of the indicator series is held to: the objective's target, or for
 * timeslices the slice target (a step is a slice, good when it reaches that ratio).
 */
export function stepTarget(objective: ObjectiveReport): number {
  const { budgeting, target } = objective.definition;
  return budgeting.method === 'timeslices' ? budgeting.sliceTarget : target;
}
