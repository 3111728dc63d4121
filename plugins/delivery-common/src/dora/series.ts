import { DateTime } from 'luxon';
import { figuresFor, parseWindow } from './computeDora';
import { deriveFacts } from './facts';
import type { DoraInput, DoraSeriesPoint } from './types';

const utcIso = (millis: number) =>
  DateTime.fromMillis(millis, { zone: 'utc' }).toISO()!;

/**
 * One point per ISO week (Monday 00:00 UTC) overlapping [from, to), each
 * clipped to [from, to). Facts come from the whole input, so a commit first
 * deployed in an earlier week is not counted again in a later one.
 */
export function computeDoraSeries(input: DoraInput): DoraSeriesPoint[] {
  const { from, to } = parseWindow(input.from, input.to);
  const facts = deriveFacts(input);
  const points: DoraSeriesPoint[] = [];
  let weekStart = DateTime.fromMillis(from, { zone: 'utc' }).startOf('week');
  while (weekStart.toMillis() < to) {
    const weekEnd = weekStart.plus({ weeks: 1 });
    const pointFrom = Math.max(from, weekStart.toMillis());
    const pointTo = Math.min(to, weekEnd.toMillis());
    points.push({
      from: utcIso(pointFrom),
      to: utcIso(pointTo),
      ...figuresFor(facts, pointFrom, pointTo),
    });
    weekStart = weekEnd;
  }
  return points;
}
