/*
 * Feature-flag changes as the timeline draws them: a mark per lane and few pixels
 * (changes closer than that share one mark and its tooltip), and their words.
 */
import {
  FlagAction,
  FlagEvent,
  flagServedAfter,
} from '@internal/backstage-plugin-delivery-common';
import { formatExact } from '@internal/backstage-plugin-delivery-react';

/** One mark on a lane: one flag change, or several close together. */
export interface ChartFlagMark {
  key: string;
  x: number;
  /** Oldest first. */
  flags: FlagEvent[];
  /** Every change of the mark turned a flag off: drawn hollow. */
  off: boolean;
}

/**
 * A change after which the flag serves no one, whatever it served before: off, or 0 %
 * (delivery-common's `flagServedAfter`).
 */
export const turnsOff = (flag: Pick<FlagEvent, 'action' | 'percentage'>) =>
  flagServedAfter(flag, 100) === 0;

/**
 * The marks of one lane's flag changes: `x` maps an instant to pixels; changes whose
 * pixels fall in the same `cellPx`-wide cell share a mark, placed at the first of them,
 * so a lane never draws more marks than its width allows.
 */
export function flagMarks(
  flags: FlagEvent[],
  x: (ms: number) => number,
  cellPx = 8,
): ChartFlagMark[] {
  const cells = new Map<number, { x: number; flags: FlagEvent[] }>();
  const sorted = [...flags].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id),
  );
  for (const flag of sorted) {
    const px = x(Date.parse(flag.at));
    const cell = Math.floor(px / cellPx);
    const found = cells.get(cell);
    if (found) found.flags.push(flag);
    else cells.set(cell, { x: px, flags: [flag] });
  }
  return [...cells.values()].map(cell => ({
    key: `${cell.flags[0].source}/${cell.flags[0].id}`,
    x: cell.x,
    flags: cell.flags,
    off: cell.flags.every(turnsOff),
  }));
}

const actionWords: Record<FlagAction, string> = {
  on: 'turned on',
  off: 'turned off',
  rollout: 'rolled out',
  targeting: 'targeting changed',
};

/** "new-cart rolled out to 50% by alice": one change in words. */
export function describeFlag(flag: FlagEvent): string {
  const percentage =
    flag.percentage !== undefined
      ? `${flag.action === 'rollout' ? ' to' : ' at'} ${flag.percentage}%`
      : '';
  const author = flag.author ? ` by ${flag.author}` : '';
  return `${flag.flagKey} ${actionWords[flag.action]}${percentage}${author}`;
}

/** The tooltip of a mark: each change with its exact time and link, at most `max`. */
export function flagMarkTitle(mark: ChartFlagMark, max = 6): string {
  const lines = mark.flags
    .slice(0, max)
    .map(
      flag =>
        `${describeFlag(flag)}\n  ${formatExact(flag.at)} · ${flag.source}${
          flag.url ? `\n  ${flag.url}` : ''
        }`,
    );
  const more = mark.flags.length - max;
  return [
    `Flag change${mark.flags.length === 1 ? '' : 's'} in ${
      mark.flags[0].environment
    }`,
    ...lines,
    ...(more > 0 ? [`and ${more} more`] : []),
  ].join('\n');
}
