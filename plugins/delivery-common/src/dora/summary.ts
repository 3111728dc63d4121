import { FlagReleaseSummary, flagReleaseSummary } from '../flags/releases';
import { bandFor } from './bandFor';
import type { DoraFacts } from './facts';
import { quantile } from './quantile';
import type { BandPreset, DoraFigures } from './types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Lead time of the changes first deployed in a window. */
export interface LeadTimeSummary {
  changes: number;
  medianHours: number | null;
  p90Hours: number | null;
}

/**
 * Everything a window's figures are computed from: counts and durations, no events.
 * The store can produce the large parts (deployment counts, lead-time quantiles) in
 * SQL; `summarizeWindow` produces all of it from facts, as the reference.
 */
export interface DoraWindowSummary {
  /** Window [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /** Successful production deployments finished in the window. */
  deployments: number;
  /** Of those, the ones that remediate an incident. */
  rework: number;
  leadTime: LeadTimeSummary;
  failures: FailureSummary;
  /** Incidents opened in the window, and restore times of the resolved ones. */
  incidents: number;
  restoreHours: number[];
  /**
   * With `countFlagReleasesAsDeployments`, the flag releases of the window (counted
   * apart: `deployments` and `failures` hold deployments only); absent without it.
   */
  flagReleases?: FlagReleaseSummary;
}

/** Deployments of a window that failed, and how long the recovered ones took. */
export interface FailureSummary {
  failed: number;
  recoveryHours: number[];
}

const inWindow = (from: number, to: number) => (instant: number) =>
  instant >= from && instant < to;

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

/** Median and p90 of lead times in milliseconds, in hours. */
export function leadTimeSummary(leadMillis: number[]): LeadTimeSummary {
  const sorted = ascending(leadMillis);
  const hours = (q: number) => {
    const value = quantile(sorted, q);
    return value === null ? null : value / HOUR_MS;
  };
  return {
    changes: sorted.length,
    medianHours: hours(0.5),
    p90Hours: hours(0.9),
  };
}

/** Failed deployments finished in [from, to), from facts that hold every candidate. */
export function failureSummary(
  facts: Pick<DoraFacts, 'deployments' | 'failures'>,
  from: number,
  to: number,
): FailureSummary {
  const within = inWindow(from, to);
  const failed = facts.deployments.filter(
    d => within(d.finishedAt) && facts.failures.has(d.key),
  );
  return {
    failed: failed.length,
    recoveryHours: failed.flatMap(d => facts.failures.get(d.key) ?? []),
  };
}

/** Incidents opened in [from, to) and the restore times of the resolved ones. */
export function restoreSummary(
  facts: Pick<DoraFacts, 'incidents'>,
  from: number,
  to: number,
): Pick<DoraWindowSummary, 'incidents' | 'restoreHours'> {
  const within = inWindow(from, to);
  const incidents = facts.incidents.filter(i => within(i.openedAt));
  return {
    incidents: incidents.length,
    restoreHours: incidents.flatMap(i => i.restoreHours ?? []),
  };
}

/** The summary of one window [from, to) computed from facts of the whole input. */
export function summarizeWindow(
  facts: DoraFacts,
  from: number,
  to: number,
): DoraWindowSummary {
  const within = inWindow(from, to);
  const deployments = facts.deployments.filter(d => within(d.finishedAt));
  return {
    from,
    to,
    deployments: deployments.length,
    rework: deployments.filter(d => d.remediates.length > 0).length,
    leadTime: leadTimeSummary(
      facts.firstDeployments
        .filter(c => within(c.finishedAt))
        .map(c => c.leadMillis),
    ),
    failures: failureSummary(facts, from, to),
    ...restoreSummary(facts, from, to),
    ...(facts.flagReleases
      ? { flagReleases: flagReleaseSummary(facts.flagReleases, from, to) }
      : {}),
  };
}

/** The published figures and bands of a window summary. */
export function figuresFromSummary(
  summary: DoraWindowSummary,
  bands: BandPreset,
): DoraFigures {
  const { rework, leadTime, flagReleases: flags } = summary;
  // Flag releases, when counted, are deployments that never remediate (rework).
  const deployments = summary.deployments + (flags?.releases ?? 0);
  const failures: FailureSummary = flags
    ? {
        failed: summary.failures.failed + flags.failed,
        recoveryHours: [
          ...summary.failures.recoveryHours,
          ...flags.recoveryHours,
        ],
      }
    : summary.failures;
  const recoveryMedian = quantile(ascending(failures.recoveryHours), 0.5);
  const failureRatio = ratio(failures.failed, deployments);
  const perDay = deployments / ((summary.to - summary.from) / DAY_MS);
  return {
    deploymentFrequency: {
      deployments,
      perDay,
      // Zero may mean "no source connected", so it earns no band.
      band: deployments
        ? bandFor('deploymentFrequency', perDay, bands)
        : 'unknown',
      ...(flags ? { flagReleases: flags.releases } : {}),
    },
    leadTimeForChanges: {
      ...leadTime,
      band: bandFor('leadTime', leadTime.medianHours, bands),
    },
    changeFailureRate: {
      deployments,
      failed: failures.failed,
      ratio: failureRatio,
      band: bandFor('changeFailureRate', failureRatio, bands),
      ...(flags ? { failedFlagReleases: flags.failed } : {}),
    },
    failedDeploymentRecoveryTime: {
      failures: failures.failed,
      unrecovered: failures.failed - failures.recoveryHours.length,
      medianHours: recoveryMedian,
      band: bandFor('recoveryTime', recoveryMedian, bands),
    },
    timeToRestoreService: {
      incidents: summary.incidents,
      medianHours: quantile(ascending(summary.restoreHours), 0.5),
    },
    deploymentReworkRate: {
      deployments,
      rework,
      ratio: ratio(rework, deployments),
    },
  };
}

/** A window's deployment-side figures, as the store aggregates them. */
export interface DeploymentAggregate {
  deployments: number;
  rework: number;
  leadTime: LeadTimeSummary;
}

/**
 * A window summary from its parts: deployment counts and lead times (aggregated by
 * the store), failures from facts that hold every failure candidate, restore times
 * from facts of the incidents opened in the scope, and, when flag releases count as
 * deployments, their summary (aggregated by the store too).
 */
export function combineWindowSummary(
  window: { from: number; to: number },
  aggregate: DeploymentAggregate | undefined,
  failureFacts: Pick<DoraFacts, 'deployments' | 'failures'>,
  incidentFacts: Pick<DoraFacts, 'incidents'>,
  flagReleases?: FlagReleaseSummary,
): DoraWindowSummary {
  return {
    ...window,
    deployments: aggregate?.deployments ?? 0,
    rework: aggregate?.rework ?? 0,
    leadTime: aggregate?.leadTime ?? leadTimeSummary([]),
    failures: failureSummary(failureFacts, window.from, window.to),
    ...restoreSummary(incidentFacts, window.from, window.to),
    ...(flagReleases ? { flagReleases } : {}),
  };
}
