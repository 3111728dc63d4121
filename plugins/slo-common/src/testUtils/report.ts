/*
 * Parts of an objective report, as the evaluator writes them and tests expect them.
 */

/**
 * The budget block of a report that has no figures (no data, a failed query, a
 * definition error): only B, the budget total, is known.
 */
export const budgetWithoutFigures = (total: number) => ({
  total,
  consumed: null,
  remaining: null,
  badEventsLeft: null,
  timeLeftMs: null,
  timeToExhaustionMs: null,
  windowBurnRate: null,
  currentBurnRate: null,
});
