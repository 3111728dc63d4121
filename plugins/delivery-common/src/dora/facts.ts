import { defaultBandPreset } from '../bands';
import { FlagRelease, flagReleases } from '../flags/releases';
import { productionEnvironmentSet } from '../production';
import { toMillis } from '../time';
import { quantile } from './quantile';
import {
  applyDuplicateRollouts,
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  findDuplicateRollouts,
  rolloutKey,
} from './duplicates';
import type {
  BandPreset,
  DoraDeployment,
  DoraIncident,
  DoraInput,
} from './types';

const HOUR_MS = 3_600_000;

/**
 * A successful production deployment, the only kind DORA counts: a rollout, with
 * what its duplicate reports (see `findDuplicateRollouts`) add to it.
 */
interface Deployment {
  key: string;
  source: string;
  entityRef: string;
  finishedAt: number;
  /** Keys of the deployments it rolls back, as any of its reports names them. */
  rollbackOf: string[];
  /** Keys of the incidents it remediates, as any of its reports names them. */
  remediates: string[];
  commits: { sha: string; committedAt: string }[];
}

/**
 * Everything about the input that does not depend on the window, derived once
 * so a series of windows shares it. Instants are epoch milliseconds.
 */
export interface DoraFacts {
  bands: BandPreset;
  deployments: Deployment[];
  /**
   * Per (entityRef, sha): its first deployment (rollout key), when that finished,
   * and the change's lead time.
   */
  firstDeployments: {
    deploymentKey: string;
    finishedAt: number;
    leadMillis: number;
  }[];
  /** Failed deployments by key: hours until recovered, null while unrecovered. */
  failures: Map<string, number | null>;
  incidents: { openedAt: number; restoreHours: number | null }[];
  /**
   * With `countFlagReleasesAsDeployments`, the production flag releases (at, and
   * whether they failed); undefined without it.
   */
  flagReleases?: Pick<FlagRelease, 'at' | 'failed' | 'recoveryHours'>[];
}

// rollbackOf, remediates and deploymentId name ids of the event's own source.
const identity = rolloutKey;
const MINUTE_MS = 60_000;

// Sources' clocks can disagree; a negative duration is skew, not a figure.
const millisBetween = (start: number, end: number) => Math.max(0, end - start);
const hoursBetween = (start: number, end: number) =>
  millisBetween(start, end) / HOUR_MS;

function isSuccessfulProduction(input: Pick<DoraInput, 'options'>) {
  const production = productionEnvironmentSet(
    input.options?.productionEnvironments,
  );
  return (d: DoraDeployment) =>
    d.status === 'success' &&
    !!d.finishedAt &&
    production.has(d.environment.toLowerCase());
}

/**
 * The rollouts (primaries, with their duplicates' commits) and the alias map
 * duplicate key -> primary key; the caller's map when it gives one.
 */
function rollouts(
  input: Pick<DoraInput, 'deployments' | 'options' | 'duplicateOf'>,
) {
  const successful = input.deployments.filter(isSuccessfulProduction(input));
  const windowMinutes =
    input.options?.duplicateRolloutWindowMinutes ??
    DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES;
  const duplicateOf =
    input.duplicateOf ??
    findDuplicateRollouts(successful, windowMinutes * MINUTE_MS);
  const kept: Deployment[] = applyDuplicateRollouts(
    successful,
    duplicateOf,
  ).map(d => ({
    key: identity(d.source, d.id),
    source: d.source,
    entityRef: d.entityRef,
    finishedAt: toMillis(d.finishedAt!),
    rollbackOf: [],
    remediates: [],
    commits: d.commits,
  }));
  // A report's references belong to its rollout, whichever source reported them.
  const byKey = new Map(kept.map(d => [d.key, d]));
  for (const d of successful) {
    const key = identity(d.source, d.id);
    const rollout = byKey.get(duplicateOf.get(key) ?? key);
    if (!rollout) continue;
    if (d.rollbackOf) rollout.rollbackOf.push(identity(d.source, d.rollbackOf));
    if (d.remediates) rollout.remediates.push(identity(d.source, d.remediates));
  }
  return { deployments: kept, byKey, duplicateOf };
}

function firstDeployments(
  deployments: Deployment[],
): DoraFacts['firstDeployments'] {
  const first = new Map<
    string,
    { finishedAt: number; committedAt: number; deploymentKey: string }
  >();
  for (const { key, entityRef, finishedAt, commits } of deployments) {
    for (const commit of commits) {
      const change = `${entityRef}\u0000${commit.sha}`;
      const committedAt = toMillis(commit.committedAt);
      const seen = first.get(change);
      // Ties on finishedAt keep the earlier commit time: input order never matters.
      if (
        !seen ||
        finishedAt < seen.finishedAt ||
        (finishedAt === seen.finishedAt && committedAt < seen.committedAt)
      ) {
        first.set(change, { finishedAt, committedAt, deploymentKey: key });
      }
    }
  }
  return [...first.values()].map(c => ({
    deploymentKey: c.deploymentKey,
    finishedAt: c.finishedAt,
    leadMillis: millisBetween(c.committedAt, c.finishedAt),
  }));
}

/** The latest deployment of the entity finished within `hours` before `at`. */
function attribute(
  candidates: Deployment[],
  at: number,
  hours: number,
): Deployment | undefined {
  let latest: Deployment | undefined;
  for (const d of candidates) {
    const inRange = d.finishedAt <= at && d.finishedAt >= at - hours * HOUR_MS;
    const later =
      !latest ||
      d.finishedAt > latest.finishedAt ||
      (d.finishedAt === latest.finishedAt && d.key > latest.key);
    if (inRange && later) latest = d;
  }
  return latest;
}

/**
 * Which source's deployment an incident's `deploymentId` names: its own source's when
 * that source has a deployment with the id (any status); otherwise, since incident
 * tools (PagerDuty, Opsgenie) run no deployments, a deployment of the same component
 * with that id from another source, the first source by name when several have one.
 */
export function namedDeploymentSources(
  deployments: { source: string; id: string; entityRef: string }[],
): (incident: DoraIncident) => string | undefined {
  const identities = new Set<string>();
  const sourcesByComponentId = new Map<string, string>();
  for (const d of deployments) {
    identities.add(identity(d.source, d.id));
    const key = identity(d.entityRef, d.id);
    const seen = sourcesByComponentId.get(key);
    if (seen === undefined || d.source < seen) {
      sourcesByComponentId.set(key, d.source);
    }
  }
  return incident => {
    if (!incident.deploymentId) return undefined;
    if (identities.has(identity(incident.source, incident.deploymentId))) {
      return incident.source;
    }
    return sourcesByComponentId.get(
      identity(incident.entityRef, incident.deploymentId),
    );
  };
}

export function deriveFacts(input: DoraInput): DoraFacts {
  const { deployments, byKey, duplicateOf } = rollouts(input);
  // A reference to a duplicate report is a reference to its rollout.
  const rolloutOf = (key: string) => byKey.get(duplicateOf.get(key) ?? key);
  const byEntity = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const list = byEntity.get(d.entityRef) ?? [];
    list.push(d);
    byEntity.set(d.entityRef, list);
  }

  const attributionHours = input.options?.incidentAttributionWindowHours;
  const sourceOfNamed = namedDeploymentSources(input.deployments);
  const namedDeployment = (incident: DoraIncident) => {
    if (incident.deploymentId) {
      const source = incident.deploymentSource ?? sourceOfNamed(incident);
      return source === undefined
        ? undefined
        : rolloutOf(identity(source, incident.deploymentId));
    }
    if (attributionHours === undefined) {
      return undefined;
    }
    const candidates = byEntity.get(incident.entityRef) ?? [];
    return attribute(candidates, toMillis(incident.openedAt), attributionHours);
  };

  // Failed deployment key -> instants at which something recovered it.
  const recoveries = new Map<string, number[]>();
  const markFailed = (key: string, recoveredAt?: number) => {
    const list = recoveries.get(key) ?? [];
    if (recoveredAt !== undefined) list.push(recoveredAt);
    recoveries.set(key, list);
  };

  // Incident key -> the deployment it names, so remediations can find it.
  const incidentTargets = new Map<string, string>();
  for (const incident of input.incidents) {
    const target = namedDeployment(incident);
    if (!target) continue;
    incidentTargets.set(identity(incident.source, incident.id), target.key);
    markFailed(
      target.key,
      incident.resolvedAt ? toMillis(incident.resolvedAt) : undefined,
    );
  }

  for (const d of deployments) {
    for (const rollbackOf of d.rollbackOf) {
      const rolledBack = rolloutOf(rollbackOf);
      if (rolledBack) markFailed(rolledBack.key, d.finishedAt);
    }
    for (const remediates of d.remediates) {
      const remediated = incidentTargets.get(remediates);
      if (remediated) markFailed(remediated, d.finishedAt);
    }
  }

  const failures = new Map<string, number | null>();
  for (const [key, instants] of recoveries) {
    failures.set(
      key,
      instants.length === 0
        ? null
        : hoursBetween(byKey.get(key)!.finishedAt, Math.min(...instants)),
    );
  }

  return {
    bands: input.options?.bands ?? defaultBandPreset,
    deployments,
    firstDeployments: firstDeployments(deployments),
    failures,
    ...(input.options?.countFlagReleasesAsDeployments
      ? {
          flagReleases: flagReleases(input.flags ?? [], input.incidents, {
            productionEnvironments: input.options.productionEnvironments,
          }).map(({ at, failed, recoveryHours }) => ({
            at,
            failed,
            ...(recoveryHours === undefined ? {} : { recoveryHours }),
          })),
        }
      : {}),
    incidents: input.incidents.map(incident => {
      const openedAt = toMillis(incident.openedAt);
      return {
        openedAt,
        restoreHours: incident.resolvedAt
          ? hoursBetween(openedAt, toMillis(incident.resolvedAt))
          : null,
      };
    }),
  };
}

/**
 * The lead time of each deployment row, by the DORA rule: over the commits this
 * rollout was the FIRST successful production deployment of, the median of
 * finishedAt - committedAt (hours). Keyed by rollout key (`rolloutKey`, the
 * primary report's); a deployment that is not a successful production one, or
 * shipped only commits deployed before, has no entry.
 */
export function deploymentLeadTimes(
  input: Pick<DoraInput, 'deployments' | 'options' | 'duplicateOf'>,
): Map<string, DeploymentLeadTime> {
  const leads = new Map<string, number[]>();
  for (const change of firstDeployments(rollouts(input).deployments)) {
    const list = leads.get(change.deploymentKey) ?? [];
    list.push(change.leadMillis);
    leads.set(change.deploymentKey, list);
  }
  return new Map(
    [...leads].map(([key, millis]) => [key, deploymentLeadTime(millis)!]),
  );
}

/** A deployment's lead time: how many changes it shipped first, and their median. */
export interface DeploymentLeadTime {
  changes: number;
  medianHours: number;
}

/**
 * The lead time of one deployment from the lead times (ms) of the changes it
 * shipped first (the store keeps them in dora_changes); undefined without any.
 */
export function deploymentLeadTime(
  leadMillis: number[],
): DeploymentLeadTime | undefined {
  if (leadMillis.length === 0) return undefined;
  const sorted = [...leadMillis].sort((a, b) => a - b);
  return {
    changes: sorted.length,
    medianHours: quantile(sorted, 0.5)! / HOUR_MS,
  };
}
