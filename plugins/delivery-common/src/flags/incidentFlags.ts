import { productionEnvironmentSet } from '../production';
import { toMillis } from '../time';
import {
  compareFlagChanges,
  FlagChange,
  flagHistory,
  FlagStep,
} from './history';

/**
 * What feature flags did around an incident, for the timeline's "released by flag,
 * rolled back by flag":
 *
 * - `before`: the flag changes of the incident's component in a production
 *   environment within `lookbackHours` before it opened (at in [openedAt - lookback,
 *   openedAt], both ends included), oldest first. Any action: a targeting change can
 *   break things as well as a rollout.
 * - `during`: the production changes while it was open (at in (openedAt, resolvedAt],
 *   or after openedAt while unresolved) that lowered what a flag served: turned it
 *   off, or rolled it back to a lower percentage. Oldest first.
 * - `releasedByFlag`: some change of `before` raised what a flag served.
 * - `rolledBackByFlag`: `during` is not empty.
 *
 * What a flag served before a change comes from the changes given (`flagHistory`: 0
 * before the first known one), so pass the component's changes from some time before
 * the lookback, not only those of the span. Default lookback: 2 hours. A flag change
 * reaches every targeted user at once, so what it breaks shows within minutes; 2 hours
 * leaves room for alerting delays (burn-rate alerts over 1-hour windows) without
 * pulling in the day's unrelated changes.
 */

export const DEFAULT_FLAG_LOOKBACK_HOURS = 2;

const HOUR_MS = 3_600_000;

/** What the context reads of an incident. */
export interface FlagContextIncident {
  entityRef: string;
  openedAt: string;
  resolvedAt?: string | null;
}

export interface IncidentFlagContext<T extends FlagChange = FlagChange> {
  before: FlagStep<T>[];
  during: FlagStep<T>[];
  releasedByFlag: boolean;
  rolledBackByFlag: boolean;
}

export function incidentFlagContext<T extends FlagChange>(
  incident: FlagContextIncident,
  changes: T[],
  options: { lookbackHours?: number; productionEnvironments?: string[] } = {},
): IncidentFlagContext<T> {
  const lookbackHours = options.lookbackHours ?? DEFAULT_FLAG_LOOKBACK_HOURS;
  if (!(lookbackHours >= 0)) {
    throw new RangeError(
      `lookbackHours must be 0 or more, got ${lookbackHours}`,
    );
  }
  const production = productionEnvironmentSet(options.productionEnvironments);
  const entityRef = incident.entityRef.toLowerCase();
  const opened = toMillis(incident.openedAt);
  const resolved = incident.resolvedAt
    ? toMillis(incident.resolvedAt)
    : Infinity;
  const steps = flagHistory(
    changes.filter(
      c =>
        c.entityRef.toLowerCase() === entityRef &&
        production.has(c.environment.toLowerCase()),
    ),
  )
    .map(step => ({
      step,
      at: toMillis(step.change.at),
      source: step.change.source,
      id: step.change.id,
    }))
    // Oldest first across flags (the history groups them per flag).
    .sort(compareFlagChanges);
  const before = steps
    .filter(({ at }) => at >= opened - lookbackHours * HOUR_MS && at <= opened)
    .map(({ step }) => step);
  const during = steps
    .filter(
      ({ step, at }) =>
        at > opened && at <= resolved && step.servedAfter < step.servedBefore,
    )
    .map(({ step }) => step);
  return {
    before,
    during,
    releasedByFlag: before.some(s => s.servedAfter > s.servedBefore),
    rolledBackByFlag: during.length > 0,
  };
}
