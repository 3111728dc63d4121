import { DecisionRequest } from '@internal/backstage-plugin-deploy-gate-common';
import { Knex } from 'knex';

const TABLE = 'deploy_gate_github_reviews';

/**
 * Where a request stands: `deciding` (claimed, first post under way), `pending` (a
 * review waits for another attempt), `posted`, `failed` (GitHub refused it, or the
 * attempts ran out), `unmatched` (no single component: nothing posted, GitHub waits
 * for a reviewer) or `error` (the gate could not decide).
 */
export type ReviewStatus =
  | 'deciding'
  | 'pending'
  | 'posted'
  | 'failed'
  | 'unmatched'
  | 'error';

export interface ReviewRecord {
  id: number;
  deliveryId: string | null;
  repository: string;
  repositoryUrl: string;
  environment: string;
  runId: string;
  deploymentId: number | null;
  commitSha: string | null;
  request: Omit<DecisionRequest, 'entityRef'>;
  entityRef: string | null;
  decisionId: string | null;
  decision: string | null;
  state: 'approved' | 'rejected' | null;
  comment: string | null;
  status: ReviewStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  overrideBy: string | null;
  overrideReason: string | null;
  /** The review the override was used on: this one (GitHub took the approval) or a re-run's. */
  overrideUsedBy: number | null;
  createdAt: string;
  updatedAt: string;
  postedAt: string | null;
}

export type ReviewPatch = Partial<
  Pick<
    ReviewRecord,
    | 'entityRef'
    | 'decisionId'
    | 'decision'
    | 'state'
    | 'comment'
    | 'status'
    | 'attempts'
    | 'lastError'
    | 'overrideBy'
    | 'overrideReason'
    | 'overrideUsedBy'
  >
> & { nextAttemptAt?: Date | null; postedAt?: Date | null };

interface ReviewRow {
  id: number | string;
  delivery_id: string | null;
  review_key: string;
  repository: string;
  repository_url: string;
  environment: string;
  run_id: string;
  deployment_id: number | string | null;
  commit_sha: string | null;
  scope_key: string | null;
  request: string;
  entity_ref: string | null;
  decision_id: string | null;
  decision: string | null;
  state: string | null;
  comment: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | number | null;
  last_error: string | null;
  override_by: string | null;
  override_reason: string | null;
  override_used_by: number | string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  posted_at: Date | string | number | null;
}

/** The source status `GET /api/deploy-gate/sources` shows for GitHub. */
export interface GithubSourceStatus {
  source: 'github';
  via: 'webhook';
  /** `idle` before the first request, `failing` while a review could not be posted since the last that could. */
  status: 'ok' | 'failing' | 'idle';
  lastPostedAt: string | null;
  /**
   * Reviews given up on (`failed`), waiting for another attempt (`pending`), or
   * requests the gate could not decide (`error`).
   */
  failing: Array<{
    id: number;
    repository: string;
    environment: string;
    status: ReviewStatus;
    attempts: number;
    error: string | null;
    at: string;
  }>;
  /** Requests no single component claims: GitHub waits for a reviewer. */
  unmatched: number;
}

// SQLite hands back what it stored (epoch ms or text), PostgreSQL a Date.
const iso = (value: Date | string | number) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | number | null) =>
  value === null ? null : iso(value);

function toRecord(row: ReviewRow): ReviewRecord {
  return {
    id: Number(row.id),
    deliveryId: row.delivery_id,
    repository: row.repository,
    repositoryUrl: row.repository_url,
    environment: row.environment,
    runId: row.run_id,
    deploymentId: row.deployment_id === null ? null : Number(row.deployment_id),
    commitSha: row.commit_sha,
    request: JSON.parse(row.request),
    entityRef: row.entity_ref,
    decisionId: row.decision_id,
    decision: row.decision,
    state: row.state as ReviewRecord['state'],
    comment: row.comment,
    status: row.status as ReviewStatus,
    attempts: row.attempts,
    nextAttemptAt: isoOrNull(row.next_attempt_at),
    lastError: row.last_error,
    overrideBy: row.override_by,
    overrideReason: row.override_reason,
    overrideUsedBy:
      row.override_used_by === null ? null : Number(row.override_used_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    postedAt: isoOrNull(row.posted_at),
  };
}

/** Where an override carries to: the same commit to the same environment of the same repository. */
function scopeKey(
  repository: string,
  environment: string,
  commitSha?: string,
): string | null {
  return commitSha
    ? [repository, environment, commitSha].join('#').toLowerCase()
    : null;
}

function isUniqueViolation(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(message ?? '')
  );
}

/** Protection rule requests, claimed once each, and their reviews. */
export class ReviewStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Claims a request: its row, in status `deciding`, or undefined when the same
   * delivery, or a request for the same run, environment and deployment, was claimed
   * before (a redelivery: it is neither decided nor posted again).
   */
  async claim(request: {
    deliveryId?: string;
    repository: string;
    repositoryUrl: string;
    environment: string;
    runId: string;
    deploymentId?: number;
    ask: ReviewRecord['request'];
    now: Date;
  }): Promise<ReviewRecord | undefined> {
    const key = [
      request.repository.toLowerCase(),
      request.runId,
      request.environment.toLowerCase(),
      request.deploymentId ?? `delivery:${request.deliveryId ?? ''}`,
    ].join('#');
    try {
      await this.knex(TABLE).insert({
        delivery_id: request.deliveryId ?? null,
        review_key: key,
        repository: request.repository,
        repository_url: request.repositoryUrl,
        environment: request.environment,
        run_id: request.runId,
        deployment_id: request.deploymentId ?? null,
        commit_sha: request.ask.commitSha ?? null,
        scope_key: scopeKey(
          request.repository,
          request.environment,
          request.ask.commitSha,
        ),
        request: JSON.stringify(request.ask),
        status: 'deciding',
        attempts: 0,
        created_at: request.now,
        updated_at: request.now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    const row = await this.knex<ReviewRow>(TABLE)
      .where('review_key', key)
      .first();
    return toRecord(row!);
  }

  async update(id: number, patch: ReviewPatch, now: Date): Promise<void> {
    const columns: Record<string, unknown> = { updated_at: now };
    const names: Record<string, string> = {
      entityRef: 'entity_ref',
      decisionId: 'decision_id',
      decision: 'decision',
      state: 'state',
      comment: 'comment',
      status: 'status',
      attempts: 'attempts',
      lastError: 'last_error',
      overrideBy: 'override_by',
      overrideReason: 'override_reason',
      overrideUsedBy: 'override_used_by',
      nextAttemptAt: 'next_attempt_at',
      postedAt: 'posted_at',
    };
    for (const [field, value] of Object.entries(patch)) {
      if (value !== undefined) columns[names[field]] = value;
    }
    await this.knex(TABLE).where('id', id).update(columns);
  }

  async get(id: number): Promise<ReviewRecord | undefined> {
    const row = await this.knex<ReviewRow>(TABLE).where('id', id).first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Takes the newest unused override granted on an earlier review of the same
   * commit, repository and environment, for `reviewId` (a re-run): at most one
   * review uses an override, even with replicas racing.
   */
  async takeOverride(review: ReviewRecord): Promise<ReviewRecord | undefined> {
    const key = scopeKey(
      review.repository,
      review.environment,
      review.commitSha ?? undefined,
    );
    if (!key) return undefined;
    const grants = await this.knex<ReviewRow>(TABLE)
      .where('scope_key', key)
      .whereNotNull('override_by')
      .whereNull('override_used_by')
      .whereNot('id', review.id)
      .orderBy('id', 'desc');
    for (const grant of grants) {
      const taken = await this.knex(TABLE)
        .where('id', grant.id)
        .whereNull('override_used_by')
        .update({ override_used_by: review.id });
      if (taken === 1) return toRecord(grant);
    }
    return undefined;
  }

  /**
   * Marks requests still `deciding` since before `before` (the backend stopped
   * between the claim and the first post) as `error`, so the sources list shows
   * them; a redelivery stays ignored. Returns how many.
   */
  async expireDeciding(before: Date, now: Date): Promise<number> {
    return this.knex(TABLE)
      .where('status', 'deciding')
      .where('updated_at', '<', before)
      .update({
        status: 'error',
        last_error:
          'interrupted before a review was posted (the backend stopped?): review it in GitHub',
        updated_at: now,
      });
  }

  /** Reviews waiting for another attempt whose time has come, oldest first. */
  async due(now: Date, limit: number): Promise<ReviewRecord[]> {
    const rows = await this.knex<ReviewRow>(TABLE)
      .where('status', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit);
    return rows.map(toRecord);
  }

  /** The newest requests first. */
  async list(limit: number): Promise<ReviewRecord[]> {
    const rows = await this.knex<ReviewRow>(TABLE)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toRecord);
  }

  async sourceStatus(): Promise<GithubSourceStatus> {
    const lastPosted = await this.knex<ReviewRow>(TABLE)
      .where('status', 'posted')
      .max('posted_at as at')
      .first();
    const lastPostedAt = isoOrNull(
      (lastPosted as { at: ReviewRow['posted_at'] } | undefined)?.at ?? null,
    );
    const failingQuery = this.knex<ReviewRow>(TABLE)
      .where(q =>
        q
          .whereIn('status', ['failed', 'error'])
          .orWhere(p => p.where('status', 'pending').where('attempts', '>', 0)),
      )
      .orderBy('id', 'desc')
      .limit(50);
    if (lastPostedAt)
      failingQuery.where('updated_at', '>', new Date(lastPostedAt));
    const failing = (await failingQuery).map(toRecord);
    const [{ count: unmatched }] = await this.knex(TABLE)
      .where('status', 'unmatched')
      .count({ count: '*' });
    const [{ count: total }] = await this.knex(TABLE).count({ count: '*' });
    let status: GithubSourceStatus['status'] = 'ok';
    if (Number(total) === 0) status = 'idle';
    else if (failing.length > 0) status = 'failing';
    return {
      source: 'github',
      via: 'webhook',
      status,
      lastPostedAt,
      failing: failing.map(r => ({
        id: r.id,
        repository: r.repository,
        environment: r.environment,
        status: r.status,
        attempts: r.attempts,
        error: r.lastError,
        at: r.updatedAt,
      })),
      unmatched: Number(unmatched),
    };
  }
}
