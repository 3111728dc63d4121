/*
 * Pure readings of an `/objectives` answer: which state to show (empty, no source,
 * stale) and the order objectives are listed in.
 */
import type {
  ObjectiveReport,
  ObjectivesResponse,
  SloState,
} from '@internal/backstage-plugin-slo-common';

/** The catalog annotation that points at an entity's OpenSLO file. */
export const OPENSLO_FILE_ANNOTATION = 'slo.acme-portal.io/openslo-file';

/** True when no metric source is configured: definitions exist but nothing evaluates them. */
export function noMetricSource(response: ObjectivesResponse): boolean {
  if (response.metricSourceConfigured === false) return true;
  return (
    response.objectives.length > 0 &&
    response.objectives.every(o => o.source.type === 'none')
  );
}

/** Severity order, worst first. */
const STATE_RANK: Record<SloState, number> = {
  exhausted: 0,
  critical: 1,
  warning: 2,
  unknown: 3,
  ok: 4,
};

/** Worst state first, then by name: what needs attention is on top. */
export function sortObjectives(
  objectives: ObjectiveReport[],
): ObjectiveReport[] {
  return [...objectives].sort(
    (a, b) =>
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      objectiveName(a).localeCompare(objectiveName(b)),
  );
}

export function objectiveName(objective: ObjectiveReport): string {
  return (
    objective.definition.displayName ??
    objective.definition.objectiveName ??
    objective.definition.sloName
  );
}

export interface StaleSummary {
  /** Objectives whose figures are the last good ones, not current. */
  objectives: ObjectiveReport[];
  /** Oldest last successful evaluation among them; null when one never succeeded. */
  since: string | null;
  lastError: string | null;
}

/** Which objectives show stale figures, and since when. Undefined when none. */
export function staleSummary(
  objectives: ObjectiveReport[],
): StaleSummary | undefined {
  const stale = objectives.filter(o => o.freshness.stale);
  if (stale.length === 0) return undefined;
  const successes = stale.map(o => o.freshness.lastSuccessAt);
  const since = successes.includes(null)
    ? null
    : (successes as string[]).reduce((a, b) =>
        Date.parse(a) <= Date.parse(b) ? a : b,
      );
  const latestError = stale
    .filter(o => o.freshness.lastErrorAt && o.freshness.lastError)
    .sort(
      (a, b) =>
        Date.parse(b.freshness.lastErrorAt!) -
        Date.parse(a.freshness.lastErrorAt!),
    )[0];
  return {
    objectives: stale,
    since,
    lastError: latestError?.freshness.lastError ?? null,
  };
}

/** Worst of several states (an empty list is `unknown`). */
export function worstState(states: SloState[]): SloState {
  if (states.length === 0) return 'unknown';
  return states.reduce((a, b) => (STATE_RANK[a] <= STATE_RANK[b] ? a : b));
}
