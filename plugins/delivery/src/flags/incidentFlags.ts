/*
 * The flag changes around an incident: those just before it opened (a release by flag
 * that may have caused it) and those turning a flag off while it was open (a rollback
 * by flag that may have ended it).
 */
import type {
  FlagEvent,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';
import { releases, turnsOff } from './flagMarks';

/** How long before an incident opened a flag change counts as "just before" it. */
export const FLAGS_BEFORE_INCIDENT_MS = 2 * 3_600_000;

export interface IncidentFlags {
  /** Changes in the span before it opened, oldest first. */
  before: FlagEvent[];
  /** Flags turned off (or rolled out to 0 %) while it was open, oldest first. */
  turnedOffDuring: FlagEvent[];
  /**
   * Flags (by key and environment) released just before it and turned off during it:
   * "released by flag, rolled back by flag".
   */
  releasedAndRolledBack: Array<{ flagKey: string; environment: string }>;
}

/**
 * The production flag changes around an incident: `before` those in
 * [openedAt - beforeMs, openedAt), `turnedOffDuring` the offs in [openedAt, resolvedAt]
 * (up to `now` while it is open).
 */
export function incidentFlags(
  incident: Pick<IncidentEvent, 'openedAt' | 'resolvedAt'>,
  flags: FlagEvent[],
  options: {
    now: number;
    isProduction: (environment: string) => boolean;
    beforeMs?: number;
  },
): IncidentFlags {
  const opened = Date.parse(incident.openedAt);
  const closed = incident.resolvedAt
    ? Date.parse(incident.resolvedAt)
    : options.now;
  const since = opened - (options.beforeMs ?? FLAGS_BEFORE_INCIDENT_MS);
  const production = [...flags]
    .filter(flag => options.isProduction(flag.environment))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const at = (flag: FlagEvent) => Date.parse(flag.at);

  const before = production.filter(f => at(f) >= since && at(f) < opened);
  const turnedOffDuring = production.filter(
    f => at(f) >= opened && at(f) <= closed && turnsOff(f),
  );
  const pair = (f: FlagEvent) => `${f.environment}\u0000${f.flagKey}`;
  const released = new Set(before.filter(releases).map(pair));
  const seen = new Set<string>();
  const releasedAndRolledBack = turnedOffDuring
    .filter(f => released.has(pair(f)) && !seen.has(pair(f)))
    .map(f => {
      seen.add(pair(f));
      return { flagKey: f.flagKey, environment: f.environment };
    });
  return { before, turnedOffDuring, releasedAndRolledBack };
}

/** "1 h before it opened", "20 min after it opened": a change placed against the incident. */
export function flagOffset(
  flag: Pick<FlagEvent, 'at'>,
  incident: Pick<IncidentEvent, 'openedAt'>,
  formatDuration: (ms: number) => string,
): string {
  const ms = Date.parse(flag.at) - Date.parse(incident.openedAt);
  return ms < 0
    ? `${formatDuration(-ms)} before it opened`
    : `${formatDuration(ms)} after it opened`;
}

/** The window `GET /flags` is asked for: the span before the incident to its end (inclusive). */
export function incidentFlagWindow(
  incident: Pick<IncidentEvent, 'openedAt' | 'resolvedAt'>,
  now: number,
  beforeMs = FLAGS_BEFORE_INCIDENT_MS,
): { from: string; to: string } {
  const opened = Date.parse(incident.openedAt);
  const closed = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
  return {
    from: new Date(opened - beforeMs).toISOString(),
    // `to` is exclusive: one millisecond past the end keeps a change at resolution.
    to: new Date(Math.max(closed, opened) + 1).toISOString(),
  };
}
