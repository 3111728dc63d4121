import { toMillis } from '../time';
import { deriveFacts, DoraFacts } from './facts';
import { figuresFromSummary, summarizeWindow } from './summary';
import type { DoraFigures, DoraInput } from './types';

/** The window [from, to) as epoch milliseconds; it must not be empty. */
export function parseWindow(from: string, to: string) {
  const window = { from: toMillis(from), to: toMillis(to) };
  if (!(window.to > window.from)) {
    throw new RangeError(`DORA window is empty: from ${from} to ${to}`);
  }
  return window;
}

/** The figures of one window [from, to) over facts derived from the input. */
export function figuresFor(
  facts: DoraFacts,
  from: number,
  to: number,
): DoraFigures {
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
