/**
 * The query plan for per-step counter increases, written so that its answer does not
 * depend on whether a range includes the sample at its start: Prometheus 2.x selects
 * `[t - range, t]`, Prometheus 3.x `(t - range, t]`.
 *
 * 1. The counter is read on a grid of absolute multiples of `r` (a subquery's own
 *    alignment). At each grid point `g`, `D` is the reset-corrected increase from the
 *    last sample at or before `g - r` to the last sample at or before `g`, from two
 *    instant lookups and no range:
 *
 *        D = x - (x offset r <= x or x offset r * 0)       after a reset: the new value
 *
 *    `D` is missing when the sample before `g - r` is older than Prometheus' lookback
 *    (5 minutes): the increase across a longer silence is in no step.
 * 2. A step `(t - s, t]` sums the grid points inside it: `sum_over_time((D)[R:r])`.
 *    `r` divides `s`, so every step of a range query has the same alignment, and `R`
 *    (`s - 1ms` or `s`) is chosen so that `t - R` is never a grid point: both versions
 *    then select the same grid points, those in `(t - s, t]`.
 * 3. Within the lookback Prometheus carries the last sample forward, so a step just
 *    after scrapes stopped would sum zeros. The step is kept when a sample lies in it
 *    (`count_over_time(x[s - 1ms])`) or the counter moved across it (`x - x offset s
 *    != 0`). The range check differs between the versions only for a sample exactly
 *    1 ms after the step's start, and the second check keeps every step that counted
 *    something, so the versions can differ only in whether a step without events is
 *    0 or missing, never in a count.
 *
 * Consequences (the README states them): steps tile time exactly; a sample's increase
 * is counted in the step of the grid point after it, so a step's count is the counter's
 * increase between the last samples before its two boundaries. Its error against the
 * events that really happened in `(t - s, t]` is at most the events of one scrape
 * interval (plus one grid interval when the step ends off the grid), and the errors of
 * consecutive steps cancel: over a window the error is that of its two ends. A reset
 * loses only the increments between the last grid point and the reset when more than
 * one sample falls in one grid interval. (`timestamp()` would state the conditions
 * directly, and range functions per grid point too, but both cost Prometheus 2 many
 * times more: the first quadratic in the range inside a subquery.)
 */
import { promDuration } from './durations';

const GRID_CANDIDATES_MS = [60_000, 30_000, 15_000, 10_000, 5_000, 1_000];

/** Grid of the counter reads for a step: the coarsest of 1m ... 1s dividing it, else the step. */
export function gridResolutionMs(stepMs: number): number {
  return GRID_CANDIDATES_MS.find(r => stepMs % r === 0) ?? stepMs;
}

/**
 * Range of the subquery for a step `(stepStartMs, stepStartMs + lengthMs]` on a grid of
 * `resolutionMs`: `length - 1ms` unless that puts the range's start on a grid point,
 * then `length`. Either way no grid point sits on the range's start, so closed and
 * left-open ranges select the same grid points: those after the step's start.
 */
export function subqueryRangeMs(
  stepStartMs: number,
  lengthMs: number,
  resolutionMs: number,
): number {
  const mod = (value: number) =>
    ((value % resolutionMs) + resolutionMs) % resolutionMs;
  return mod(stepStartMs + 1) === 0 ? lengthMs : lengthMs - 1;
}

/** Reset-corrected increase of `selector` since the previous grid point (`D` above). */
export function gridIncrease(selector: string, resolutionMs: number): string {
  const r = promDuration(resolutionMs);
  return `${selector} - (${selector} offset ${r} <= ${selector} or ${selector} offset ${r} * 0)`;
}

/**
 * Events counted by a counter `selector` in the step `(stepStartMs, stepStartMs +
 * lengthMs]` (one evaluation of a range query at the step's end, or an instant query).
 * `gridMs` is the read grid (`gridResolutionMs` of the range's step, the same for a
 * shorter last step so that steps keep tiling).
 */
export function counterStepQuery(
  selector: string,
  lengthMs: number,
  stepStartMs: number,
  gridMs: number = gridResolutionMs(lengthMs),
): string {
  const range = subqueryRangeMs(stepStartMs, lengthMs, gridMs);
  const sum = `sum_over_time((${gridIncrease(selector, gridMs)})[${promDuration(
    range,
  )}:${promDuration(gridMs)}])`;
  const step = promDuration(lengthMs);
  const sampled = `count_over_time(${selector}[${promDuration(lengthMs - 1)}])`;
  const moved = `${selector} - ${selector} offset ${step} != 0`;
  return `sum(${sum} and (${sampled} or ${moved}))`;
}
