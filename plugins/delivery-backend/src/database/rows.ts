import {
  ChangeEvent,
  DeploymentEvent,
  DeploymentPhase,
  firstCommitMillis,
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
  /** pk of the aborted rollout this rollback was derived from; null when reported. */
  derived_from?: number | string | null;
}

/** One phase of a progressive rollout (migration 20261207000000_deployment_phases). */
export interface PhaseRow {
  deployment_pk: number | string;
  /** Its place in start order, from 0. */
  position: number;
  name: string;
  kind: DeploymentPhase['kind'];
  weight: number | null;
  started_at: DbTime;
  finished_at: DbTime | null;
  status: DeploymentPhase['status'];
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
const keyColumns = (event: DeploymentEvent | IncidentEvent | ChangeEvent) => ({
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
    // A source's report, until the store marks the rollbacks it derives.
    derived_from: null,
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

/** The rows of a deployment's phases, `phases` in start order (`orderedPhases`). */
export function toPhaseRows(
  deploymentPk: number,
  phases: DeploymentPhase[],
): PhaseRow[] {
  return phases.map((phase, position) => ({
    deployment_pk: deploymentPk,
    position,
    name: phase.name,
    kind: phase.kind,
    weight: phase.weight ?? null,
    started_at: toUtcIso(phase.startedAt),
    finished_at: phase.finishedAt ? toUtcIso(phase.finishedAt) : null,
    status: phase.status,
  }));
}

/** A stored phase as the API returns it (the event's shape). */
export function toDeploymentPhase(row: PhaseRow): DeploymentPhase {
  return {
    name: row.name,
    kind: row.kind,
    // double precision: a number on both databases.
    ...(row.weight === null ? {} : { weight: Number(row.weight) }),
    startedAt: toIso(row.started_at)!,
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at)! } : {}),
    status: row.status,
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

/**
 * A stored deployment as the API returns it (the normalised event shape); `phases`
 * in start order, when it has any.
 */
export function toDeploymentEvent(
  row: DeploymentRow,
  commits: CommitRow[],
  phases: PhaseRow[] = [],
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
    ...(phases.length > 0 ? { phases: phases.map(toDeploymentPhase) } : {}),
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

export interface ChangeRow {
  pk: number | string;
  source: string;
  external_id: string;
  entity_ref: string;
  /** bigint: a string from PostgreSQL. */
  number: number | string | null;
  title: string | null;
  author: string | null;
  url: string | null;
  opened_at: DbTime;
  opened_ms: number | string;
  first_commit_at: DbTime | null;
  /** firstCommitMillis: firstCommitAt, else the earliest commit. */
  first_commit_ms: number | string | null;
  first_review_at: DbTime | null;
  first_review_ms: number | string | null;
  merged_at: DbTime | null;
  merged_ms: number | string | null;
  closed_at: DbTime | null;
  closed_ms: number | string | null;
  /** merged, else closed, else opened: the order of GET /changes. */
  listed_ms: number | string;
  merge_commit_sha: string | null;
  /** SQLite answers booleans as 0 / 1. */
  draft: boolean | number | null;
  additions: number | null;
  deletions: number | null;
  received_at: DbTime;
}

export interface ChangeCommitRow {
  change_pk: number | string;
  sha: string;
  committed_at: DbTime;
  committed_ms: number | string;
}

const millisOrNull = (iso: string | undefined) => (iso ? toMillis(iso) : null);

export function toChangeRow(
  event: ChangeEvent,
  receivedAt: string,
): Omit<ChangeRow, 'pk'> {
  const merged = millisOrNull(event.mergedAt);
  const closed = millisOrNull(event.closedAt);
  const opened = toMillis(event.openedAt);
  return {
    ...keyColumns(event),
    number: event.number ?? null,
    title: event.title ?? null,
    author: event.author ?? null,
    url: event.url ?? null,
    opened_at: toUtcIso(event.openedAt),
    opened_ms: opened,
    first_commit_at: event.firstCommitAt ? toUtcIso(event.firstCommitAt) : null,
    first_commit_ms: firstCommitMillis(event),
    first_review_at: event.firstReviewAt ? toUtcIso(event.firstReviewAt) : null,
    first_review_ms: millisOrNull(event.firstReviewAt),
    merged_at: event.mergedAt ? toUtcIso(event.mergedAt) : null,
    merged_ms: merged,
    closed_at: event.closedAt ? toUtcIso(event.closedAt) : null,
    closed_ms: closed,
    listed_ms: merged ?? closed ?? opened,
    merge_commit_sha: event.mergeCommitSha ?? null,
    draft: event.draft ?? null,
    additions: event.additions ?? null,
    deletions: event.deletions ?? null,
    received_at: receivedAt,
  };
}

export function toChangeCommitRow(
  changePk: number,
  commit: ChangeEvent['commits'][number],
): ChangeCommitRow {
  return {
    change_pk: changePk,
    sha: commit.sha,
    committed_at: toUtcIso(commit.committedAt),
    committed_ms: toMillis(commit.committedAt),
  };
}

/** A stored change as the normalised event it was sent as. */
export function toChangeEvent(
  row: ChangeRow,
  commits: Pick<ChangeCommitRow, 'sha' | 'committed_at'>[],
): ChangeEvent {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    kind: 'change',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    number: row.number === null ? undefined : Number(row.number),
    title: optional(row.title),
    author: optional(row.author),
    url: optional(row.url),
    openedAt: toIso(row.opened_at)!,
    firstCommitAt: toIso(row.first_commit_at) ?? undefined,
    firstReviewAt: toIso(row.first_review_at) ?? undefined,
    mergedAt: toIso(row.merged_at) ?? undefined,
    closedAt: toIso(row.closed_at) ?? undefined,
    mergeCommitSha: optional(row.merge_commit_sha),
    draft: row.draft === null ? undefined : Boolean(row.draft),
    additions: optional(row.additions),
    deletions: optional(row.deletions),
    commits: commits.map(c => ({
      sha: c.sha,
      committedAt: toIso(c.committed_at)!,
    })),
  };
}
