import { toMillis } from '../time';

/** The window [from, to) as epoch milliseconds; it must not be empty. */
export function parseWindow(from: string, to: string) {
  const window = { from: toMillis(from), to: toMillis(to) };
  if (!(window.to > window.from)) {
    throw new RangeError(`DORA window is empty: from ${from} to ${to}`);
  }
  return window;
}
