import { defaultBandPreset } from '../bands';
import { toMillis } from '../time';
import type { BandPreset, DoraIncident, DoraInput } from './types';

const HOUR_MS = 3_600_000;
const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod', 'prd', 'live'];

/** A successful production deployment, the only kind DORA counts. */
interface Deployment {
  key: string;
  source: string;
  entityRef: string;
  finishedAt: number;
  rollbackOf?: string;
  remediates?: string;
  commits: { sha: string; committedAt: string }[];
}

/**
 * Everything about the input that does not depend on the window, derived once
 * so a series of windows shares it. Instants are epoch milliseconds.
 */
export interface DoraFacts {
  bands: BandPreset;
  deployments: Deployment[];
  /** Per (entityRef, sha): when its first deployment finished, and its lead time. */
  firstDeployments: { finishedAt: number; leadMillis: number }[];
  /** Failed deployments by key: hours until recovered, null while unrecovered. */
  failures: Map<string, number | null>;
  incidents: { openedAt: number; restoreHours: number | null }[];
}

// rollbackOf, remediates and deploymentId name ids of the event's own source.
const identity = (source: string, id: string) => `${source}\u0000${id}`;

// Sources' clocks can disagree; a negative duration is skew, not a figure.
const millisBetween = (start: number, end: number) => Math.max(0, end - start);
const hoursBetween = (start: number, end: number) =>
  millisBetween(start, end) / HOUR_MS;

function successfulProductionDeployments(input: DoraInput): Deployment[] {
  const production = new Set(
    (
      input.options?.productionEnvironments ?? DEFAULT_PRODUCTION_ENVIRONMENTS
    ).map(env => env.toLowerCase()),
  );
  return input.deployments.flatMap(d =>
    d.status === 'success' &&
    d.finishedAt &&
    production.has(d.environment.toLowerCase())
      ? [
          {
            key: identity(d.source, d.id),
            source: d.source,
            entityRef: d.entityRef,
            finishedAt: toMillis(d.finishedAt),
            rollbackOf: d.rollbackOf || undefined,
            remediates: d.remediates || undefined,
            commits: d.commits,
          },
        ]
      : [],
  );
}

function firstDeployments(
  deployments: Deployment[],
): DoraFacts['firstDeployments'] {
  const first = new Map<string, { finishedAt: number; committedAt: number }>();
  for (const { entityRef, finishedAt, commits } of deployments) {
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
        first.set(change, { finishedAt, committedAt });
      }
    }
  }
  return [...first.values()].map(c => ({
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

export function deriveFacts(input: DoraInput): DoraFacts {
  const deployments = successfulProductionDeployments(input);
  const byKey = new Map(deployments.map(d => [d.key, d]));
  const byEntity = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const list = byEntity.get(d.entityRef) ?? [];
    list.push(d);
    byEntity.set(d.entityRef, list);
  }

  const attributionHours = input.options?.incidentAttributionWindowHours;
  const namedDeployment = (incident: DoraIncident) => {
    if (incident.deploymentId) {
      return byKey.get(identity(incident.source, incident.deploymentId));
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
    const rolledBack = d.rollbackOf && identity(d.source, d.rollbackOf);
    if (rolledBack && byKey.has(rolledBack)) {
      markFailed(rolledBack, d.finishedAt);
    }
    const remediated =
      d.remediates && incidentTargets.get(identity(d.source, d.remediates));
    if (remediated) {
      markFailed(remediated, d.finishedAt);
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
