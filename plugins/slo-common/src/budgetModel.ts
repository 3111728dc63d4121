/**
 * One budget model per window kind; every budget figure of a report (remaining, bad
 * events left, time left, time to exhaustion, the burndown) comes from the model of
 * its objective, never from a mix. Formulas in the package README.
 *
 * - rolling: the budget of the last W is B * events of the last W;
 *   consumed = error ratio / B.
 * - calendar: the budget is the whole period's, B * events so far extrapolated to the
 *   period (events so far * period / elapsed); consumed = bad / that budget
 *   = (error ratio / B) * (elapsed / period).
 * - timeslices (rolling or calendar): the window holds n = window / slice clock-aligned
 *   slices and may have B * n bad ones; consumed = bad slices / (B * n). Slices
 *   without data are neither good nor bad.
 */
import { BudgetModelKind } from './api';
import { BudgetStatus, errorBudget, errorRatio } from './budget';
import { SloObjective } from './model';
import { Tally } from './tally';

function clean(value: number): number {
  return Number(value.toPrecision(12));
}

export interface ModelInput {
  objective: SloObjective;
  /** Length of the whole window or period, ms. */
  windowMs: number;
  /** Part of the window the counts cover, ms (rolling: the window). */
  elapsedMs: number;
  sliceMs?: number;
}

export function budgetModelOf(objective: SloObjective): BudgetModelKind {
  if (objective.budgeting.method === 'timeslices') return 'timeslices';
  return objective.window.kind === 'calendar' ? 'calendar' : 'rolling';
}

/** Slices the whole window holds. */
export function slicesInWindow(windowMs: number, sliceMs: number): number {
  return Math.floor(windowMs / sliceMs);
}

/**
 * Share of the budget consumed by the counts in `t`, covering `elapsedMs` of the
 * window, under the objective's model; undefined without traffic (or without a judged
 * slice).
 */
export function consumedShare(input: ModelInput, t: Tally): number | undefined {
  const budget = errorBudget(input.objective.target);
  const model = budgetModelOf(input.objective);
  if (model === 'timeslices') {
    if (t.slices.good + t.slices.bad === 0) return undefined;
    const n = slicesInWindow(input.windowMs, input.sliceMs!);
    return clean(t.slices.bad / (budget * n));
  }
  const ratio = errorRatio(t);
  if (ratio === undefined) return undefined;
  if (model === 'calendar') {
    return clean((ratio / budget) * (input.elapsedMs / input.windowMs));
  }
  return clean(ratio / budget);
}

export interface ModelStatus extends BudgetStatus {
  model: BudgetModelKind;
  /** Calendar: events so far * period / elapsed. */
  projectedTotal?: number;
  /** Timeslices: slices the whole window holds. */
  slicesInWindow?: number;
}

/**
 * Every budget figure of the window under the objective's model. `currentBurnRate`
 * (the last hour's) drives time to exhaustion: remaining * window / current burn rate,
 * since a burn rate r consumes r / window of the budget per unit of time in all three
 * models.
 */
export function modelBudget(
  input: ModelInput & { tally: Tally; currentBurnRate?: number },
): ModelStatus {
  const { objective, tally: t, windowMs } = input;
  const budget = errorBudget(objective.target);
  const model = budgetModelOf(objective);
  const n =
    model === 'timeslices'
      ? slicesInWindow(windowMs, input.sliceMs!)
      : undefined;
  const consumed = consumedShare(input, t);
  if (consumed === undefined) {
    return { budget, model, ...(n !== undefined ? { slicesInWindow: n } : {}) };
  }
  const ratio =
    model === 'timeslices'
      ? errorRatio({ bad: t.slices.bad, total: t.slices.good + t.slices.bad })!
      : errorRatio(t)!;
  const remaining = clean(1 - consumed);
  const burnRate = clean(ratio / budget);
  const rate = input.currentBurnRate ?? burnRate;
  let allowedBad: number;
  let badLeft: number;
  let timeLeftMs: number;
  let projectedTotal: number | undefined;
  if (model === 'timeslices') {
    allowedBad = clean(budget * n!);
    badLeft = clean(allowedBad - t.slices.bad);
    timeLeftMs = Math.round(badLeft * input.sliceMs!);
  } else {
    const counted =
      model === 'calendar'
        ? (projectedTotal = clean((t.total * windowMs) / input.elapsedMs))
        : t.total;
    allowedBad = clean(budget * counted);
    badLeft = clean(allowedBad - t.bad);
    timeLeftMs = Math.round(remaining * budget * windowMs);
  }
  let timeToExhaustionMs: number;
  if (remaining <= 0) timeToExhaustionMs = 0;
  else if (rate <= 0) timeToExhaustionMs = Infinity;
  else timeToExhaustionMs = Math.round((remaining * windowMs) / rate);
  return {
    budget,
    model,
    errorRatio: ratio,
    sli: clean(1 - ratio),
    burnRate,
    remaining,
    consumed,
    allowedBad,
    badLeft,
    timeLeftMs,
    timeToExhaustionMs,
    ...(projectedTotal !== undefined ? { projectedTotal } : {}),
    ...(n !== undefined ? { slicesInWindow: n } : {}),
  };
}
