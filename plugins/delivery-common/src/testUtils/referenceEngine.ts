/*
 * The reference DORA engine: every figure computed in memory from the events, the
 * definitions of DESIGN.md read literally. The backend aggregates in the database
 * instead; tests hold its answers (and the engine's building blocks) to this one.
 */
import { deriveFacts, DoraFacts } from '../dora/facts';
import { utcIso, weekWindows } from '../dora/series';
import { figuresFromSummary, summarizeWindow } from '../dora/summary';
import type { DoraFigures, DoraInput, DoraSeriesPoint } from '../dora/types';
import { parseWindow } from '../dora/window';

/** The figures of one window [from, to) over facts derived from the input. */
function figuresFor(facts: DoraFacts, from: number, to: number): DoraFigures {
  return figuresFromSummary(summarizeWindow(facts, from, to), facts.bands);
}

/**
 * DORA figures of the window [from, to). The input may hold events outside
 * the window: earlier deployments decide which commit deployment came first,
 * later rollbacks and incidents mark deployments in the window as failed.
 */
export function computeDora(input: DoraInput): DoraFigures {
  const { from, to } = parseWindow(input.from, input.to);
  return figuresFor(deriveFacts(input), from, to);
}

/**
 * One point per ISO week overlapping [from, to), each clipped to [from, to).
 * Facts come from the whole input, so a commit first deployed in an earlier
 * week is not counted again in a later one.
 */
export function computeDoraSeries(input: DoraInput): DoraSeriesPoint[] {
  const { from, to } = parseWindow(input.from, input.to);
  const facts = deriveFacts(input);
  return weekWindows(from, to).map(week => ({
    from: utcIso(week.from),
    to: utcIso(week.to),
    ...figuresFor(facts, week.from, week.to),
  }));
}
