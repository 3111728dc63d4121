/*
 * The flag changes around an incident as its detail shows them. What counts as "just
 * before" and "while it was open", and what a change served, is delivery-common's
 * `incidentFlagContext` (over the flag's history); this module picks the span to ask
 * `GET /flags` for and words the result.
 */
import {
  DEFAULT_FLAG_LOOKBACK_HOURS,
  FlagStep,
  IncidentEvent,
  IncidentFlagContext,
} from '@internal/backstage-plugin-delivery-common';

const HOUR_MS = 3_600_000;

/**
 * How far before the lookback the changes are read: what a flag served before a change
 * comes from the changes before it, so a flag ramped up days ago and lowered during the
 * incident is seen lowered, not released.
 */
export const FLAG_HISTORY_HOURS = 7 * 24;

/** The window `GET /flags` is asked for: the history and lookback before it, to its end (inclusive). */
export function incidentFlagWindow(
  incident: Pick<IncidentEvent, 'openedAt' | 'resolvedAt'>,
  now: number,
  lookbackHours = DEFAULT_FLAG_LOOKBACK_HOURS,
): { from: string; to: string } {
  const opened = Date.parse(incident.openedAt);
  const closed = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
  return {
    from: new Date(
      opened - (lookbackHours + FLAG_HISTORY_HOURS) * HOUR_MS,
    ).toISOString(),
    // `to` is exclusive: one millisecond past the end keeps a change at resolution.
    to: new Date(Math.max(closed, opened) + 1).toISOString(),
  };
}

/** "1 h before it opened", "20 min after it opened": a change placed against the incident. */
export function flagOffset(
  flag: { at: string },
  incident: Pick<IncidentEvent, 'openedAt'>,
  formatDuration: (ms: number) => string,
): string {
  const ms = Date.parse(flag.at) - Date.parse(incident.openedAt);
  if (ms === 0) return 'as it opened';
  return ms < 0
    ? `${formatDuration(-ms)} before it opened`
    : `${formatDuration(ms)} after it opened`;
}

/** "served 10% → 50%": what the change did to the flag's share. */
export const servedChange = (
  step: Pick<FlagStep, 'servedBefore' | 'servedAfter'>,
) => `served ${step.servedBefore}% → ${step.servedAfter}%`;

const keysOf = (steps: FlagStep[]) => [
  ...new Set(steps.map(s => s.change.flagKey)),
];

/**
 * The incident's flag story in one sentence, or undefined when flags played no part:
 * "Released by flag (new-cart), rolled back by flag (new-cart)." when a change raised
 * what a flag served just before it and one lowered a flag while it was open.
 */
export function flagStory(context: IncidentFlagContext): string | undefined {
  const released = keysOf(
    context.before.filter(s => s.servedAfter > s.servedBefore),
  ).join(', ');
  const lowered = keysOf(context.during).join(', ');
  if (context.releasedByFlag && context.rolledBackByFlag) {
    return `Released by flag (${released}), rolled back by flag (${lowered}).`;
  }
  if (context.releasedByFlag) {
    return `Released by flag (${released}) just before it opened; no flag was lowered while it was open.`;
  }
  if (context.rolledBackByFlag) {
    return `Rolled back by flag (${lowered}) while it was open.`;
  }
  return undefined;
}
