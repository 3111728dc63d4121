import { productionEnvironmentSet } from '../production';
import { toMillis } from '../time';
import { FlagChange, flagHistory } from './history';

/**
 * Flag releases as DORA counts them with `delivery.dora.countFlagReleasesAsDeployments`:
 *
 * - A **flag release** is a release of `flagHistory` (a change taking a flag from
 *   serving 0 % to serving more) in a production environment (the configured list,
 *   compared lower-cased). It counts as a deployment at its `at`, which decides the
 *   window, as a deployment's finishedAt does. Ramp steps after it are not new
 *   releases; a `targeting` change is never one unless the flag served 0 before it.
 * - A flag release **failed** when its exposure ended (the flag served 0 again) while
 *   an incident of the same component was open that opened during the exposure:
 *   release.at <= openedAt <= endedAt, and the incident is unresolved or resolvedAt
 *   >= endedAt. Incidents name deployments, never flag changes; turning the flag off
 *   while such an incident is open is what marks the release as the failure.
 * - Its **recovery time** is endedAt - release.at (hours), as a failed deployment's
 *   runs from its finish to what recovered it. A failed flag release is always
 *   recovered (the off is what fails it).
 * - Flag releases carry no commits (lead time is unchanged) and never remediate an
 *   incident (rework: they join the denominator only).
 */

const HOUR_MS = 3_600_000;

/** A flag release and whether it failed. Instants in epoch milliseconds. */
export interface FlagRelease<T extends FlagChange = FlagChange> {
  change: T;
  at: number;
  /** When the exposure ended (served 0 again), if it has. */
  endedAt?: number;
  failed: boolean;
  /** On a failed release: endedAt - at, in hours. */
  recoveryHours?: number;
}

/** What the rule reads of an incident. */
export interface FlagFailureIncident {
  entityRef: string;
  openedAt: string;
  resolvedAt?: string | null;
}

/** Whether a release exposed from `at` to `endedAt` failed under the rule above. */
export function flagReleaseFailed(
  release: { entityRef: string; at: number; endedAt?: number },
  incidents: FlagFailureIncident[],
): boolean {
  const { endedAt } = release;
  if (endedAt === undefined) return false;
  const entityRef = release.entityRef.toLowerCase();
  return incidents.some(incident => {
    if (incident.entityRef.toLowerCase() !== entityRef) return false;
    const opened = toMillis(incident.openedAt);
    const openAtEnd =
      !incident.resolvedAt || toMillis(incident.resolvedAt) >= endedAt;
    return opened >= release.at && opened <= endedAt && openAtEnd;
  });
}

/**
 * The flag releases among `changes` (every change of the flags concerned, earlier
 * ones included: they decide what was served before), production environments only,
 * with their failures decided against `incidents`.
 */
export function flagReleases<T extends FlagChange>(
  changes: T[],
  incidents: FlagFailureIncident[],
  options: { productionEnvironments?: string[] } = {},
): FlagRelease<T>[] {
  const production = productionEnvironmentSet(options.productionEnvironments);
  return flagHistory(changes)
    .filter(
      step =>
        step.release && production.has(step.change.environment.toLowerCase()),
    )
    .map(step => {
      const at = toMillis(step.change.at);
      const endedAt =
        step.endedAt === undefined ? undefined : toMillis(step.endedAt);
      const failed = flagReleaseFailed(
        { entityRef: step.change.entityRef, at, endedAt },
        incidents,
      );
      return {
        change: step.change,
        at,
        ...(endedAt === undefined ? {} : { endedAt }),
        failed,
        ...(failed ? { recoveryHours: (endedAt! - at) / HOUR_MS } : {}),
      };
    });
}

/** The flag releases of a window [from, to): how many, failed, recovery hours. */
export interface FlagReleaseSummary {
  releases: number;
  failed: number;
  recoveryHours: number[];
}

/** Summarises the releases whose `at` is in [from, to). */
export function flagReleaseSummary(
  releases: Pick<FlagRelease, 'at' | 'failed' | 'recoveryHours'>[],
  from: number,
  to: number,
): FlagReleaseSummary {
  const within = releases.filter(r => r.at >= from && r.at < to);
  const failed = within.filter(r => r.failed);
  return {
    releases: within.length,
    failed: failed.length,
    recoveryHours: failed.map(r => r.recoveryHours!),
  };
}
