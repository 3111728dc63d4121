import {
  DeploymentEvent,
  DeploymentStatus,
  DoraDeployment,
  DoraIncident,
  IncidentEvent,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';

/** Timestamps come back as Date from PostgreSQL and as the stored ISO text from SQLite. */
type DbTime = Date | string;

export interface DeploymentRow {
  pk: number | string;
  source: string;
  external_id: string;
  entity_ref: string;
  environment: string;
  status: DeploymentStatus;
  started_at: DbTime;
  finished_at: DbTime | null;
  version: string | null;
  url: string | null;
  rollback_of: string | null;
  remediates: string | null;
  /** Who or what started the run (migration 20261129000000_triggered_by). */
  triggered_by?: string | null;
  received_at: DbTime;
  /** finished_at as epoch milliseconds (bigint: a string from PostgreSQL). */
  finished_ms?: number | string | null;
  /** pk of the primary report of the same rollout; null for primaries. */
  duplicate_of?: number | string | null;
}

export interface CommitRow {
  deployment_pk: number | string;
  sha: string;
  committed_at: DbTime;
  committed_ms?: number | string;
  author?: string | null;
  message?: string | null;
}

export interface IncidentRow {
  pk: number | string;
  source: string;
  external_id: string;
  entity_ref: string;
  title: string;
  severity: string | null;
  opened_at: DbTime;
  resolved_at: DbTime | null;
  deployment_id: string | null;
  url: string | null;
  received_at: DbTime;
  opened_ms?: number | string;
}

/** Every stored instant is written in one UTC format, so SQLite's text compares correctly. */
export function toIso(value: DbTime | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : toUtcIso(value);
}

/** The columns that identify a stored event (its entity in lower case). */
const keyColumns = (event: DeploymentEvent | IncidentEvent) => ({
  source: event.source,
  external_id: event.id,
  entity_ref: event.entityRef.toLowerCase(),
});

/** What every answer about a stored deployment starts with: whose, where, how. */
export const deploymentBasics = (
  row: Pick<
    DeploymentRow,
    | 'source'
    | 'external_id'
    | 'entity_ref'
    | 'environment'
    | 'status'
    | 'started_at'
  >,
) => ({
  source: row.source,
  id: row.external_id,
  entityRef: row.entity_ref,
  environment: row.environment,
  status: row.status,
  startedAt: toIso(row.started_at)!,
});

export function toDeploymentRow(
  event: DeploymentEvent,
  receivedAt: string,
): Omit<DeploymentRow, 'pk'> {
  return {
    ...keyColumns(event),
    environment: event.environment,
    status: event.status,
    started_at: toUtcIso(event.startedAt),
    finished_at: event.finishedAt ? toUtcIso(event.finishedAt) : null,
    finished_ms: event.finishedAt ? toMillis(event.finishedAt) : null,
    version: event.version ?? null,
    url: event.url ?? null,
    rollback_of: event.rollbackOf ?? null,
    remediates: event.remediates ?? null,
    triggered_by: event.triggeredBy ?? null,
    received_at: receivedAt,
  };
}

export function toCommitRow(
  deploymentPk: number,
  commit: DeploymentEvent['commits'][number],
): CommitRow {
  return {
    deployment_pk: deploymentPk,
    sha: commit.sha,
    committed_at: toUtcIso(commit.committedAt),
    committed_ms: toMillis(commit.committedAt),
    author: commit.author ?? null,
    message: commit.message ?? null,
  };
}

export function toIncidentRow(
  event: IncidentEvent,
  receivedAt: string,
): Omit<IncidentRow, 'pk'> {
  return {
    ...keyColumns(event),
    title: event.title,
    severity: event.severity ?? null,
    opened_at: toUtcIso(event.openedAt),
    opened_ms: toMillis(event.openedAt),
    resolved_at: event.resolvedAt ? toUtcIso(event.resolvedAt) : null,
    deployment_id: event.deploymentId ?? null,
    url: event.url ?? null,
    received_at: receivedAt,
  };
}

export function toDoraDeployment(
  row: DeploymentRow,
  commits: Pick<CommitRow, 'sha' | 'committed_at'>[],
): DoraDeployment {
  return {
    ...deploymentBasics(row),
    finishedAt: toIso(row.finished_at),
    rollbackOf: row.rollback_of,
    remediates: row.remediates,
    commits: commits.map(c => ({
      sha: c.sha,
      committedAt: toIso(c.committed_at)!,
    })),
  };
}

/** `deploymentSource`: the source of the named deployment when a reader resolved it. */
export function toDoraIncident(
  row: IncidentRow,
  deploymentSource?: string,
): DoraIncident {
  return {
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    openedAt: toIso(row.opened_at)!,
    resolvedAt: toIso(row.resolved_at),
    deploymentId: row.deployment_id,
    ...(deploymentSource ? { deploymentSource } : {}),
  };
}

/** A stored deployment as the API returns it (the normalised event shape). */
export function toDeploymentEvent(
  row: DeploymentRow,
  commits: CommitRow[],
): DeploymentEvent {
  return {
    kind: 'deployment',
    ...deploymentBasics(row),
    finishedAt: toIso(row.finished_at) ?? undefined,
    version: row.version ?? undefined,
    url: row.url ?? undefined,
    rollbackOf: row.rollback_of ?? undefined,
    remediates: row.remediates ?? undefined,
    triggeredBy: row.triggered_by ?? undefined,
    commits: commits.map(c => ({
      sha: c.sha,
      committedAt: toIso(c.committed_at)!,
      author: c.author ?? undefined,
      message: c.message ?? undefined,
    })),
  };
}

/** A stored incident as the API returns it (the normalised event shape). */
export function toIncidentEvent(row: IncidentRow): IncidentEvent {
  return {
    kind: 'incident',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    title: row.title,
    severity: row.severity ?? undefined,
    openedAt: toIso(row.opened_at)!,
    resolvedAt: toIso(row.resolved_at) ?? undefined,
    deploymentId: row.deployment_id ?? undefined,
    url: row.url ?? undefined,
  };
}
