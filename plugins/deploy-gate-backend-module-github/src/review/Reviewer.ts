import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { DecisionResponse } from '@internal/backstage-plugin-deploy-gate-common';
import { DeployGateService } from '@internal/backstage-plugin-deploy-gate-node';
import type { Request } from 'express';
import { ReviewPoster } from '../client/callback';
import { ReviewRecord, ReviewStore } from '../database/ReviewStore';
import { ComponentMatch } from '../matching/components';
import { ProtectionRuleRequest } from '../webhook/payload';
import { reviewComment, reviewStateOf } from './comment';

export interface RetryPolicy {
  /** Attempts per review, the first included. */
  attempts: number;
  /** Wait before the second attempt; each later wait doubles. */
  backoffMs: number;
}

export interface ReviewerOptions {
  gate: DeployGateService;
  store: ReviewStore;
  post: ReviewPoster;
  match: (repository: string, environment: string) => Promise<ComponentMatch>;
  auth: AuthService;
  logger: LoggerService;
  retry: RetryPolicy;
  appBaseUrl?: string;
  now?: () => Date;
}

/** A decision and its first post take seconds; a request `deciding` this long was interrupted. */
export const STUCK_AFTER_MS = 10 * 60_000;

/** Who overrode, as the gate stores it: the user's entity ref or `service:<subject>`. */
function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  return `${principal.type}:${principal.subject ?? ''}`;
}

/** Wait after the `attempt`-th failed attempt: backoff, 2 × backoff, 4 × backoff, ... */
export function backoffAfter(attempt: number, backoffMs: number): number {
  return backoffMs * 2 ** (attempt - 1);
}

/**
 * Answers GitHub's protection rule requests: claims each once, asks the gate for the
 * matched component, posts the review, and retries failed posts with backoff.
 */
export class Reviewer {
  constructor(private readonly options: ReviewerOptions) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** One `requested` delivery; a redelivery (same delivery id or same deployment) is ignored. */
  async handle(
    request: ProtectionRuleRequest,
    deliveryId?: string,
  ): Promise<ReviewRecord | undefined> {
    const { store, logger, match, gate, auth } = this.options;
    const claimed = await store.claim({
      deliveryId,
      repository: request.repository,
      repositoryUrl: request.repositoryUrl,
      environment: request.environment,
      runId: request.callback.runId,
      deploymentId: request.deploymentId,
      ask: request.ask,
      now: this.now(),
    });
    if (!claimed) {
      logger.info(
        `Ignored a replayed deployment protection rule request (delivery ${deliveryId}) for ${request.repository} run ${request.callback.runId} to ${request.environment}`,
      );
      return undefined;
    }
    const matched = await match(request.repository, request.environment);
    if ('unmatched' in matched) {
      logger.warn(
        `Deployment protection rule for ${request.repository} (${request.environment}) left to GitHub's reviewers: ${matched.unmatched}`,
      );
      await store.update(
        claimed.id,
        { status: 'unmatched', lastError: matched.unmatched },
        this.now(),
      );
      return store.get(claimed.id);
    }
    // A re-run of a commit a permitted user overrode in the portal (whose
    // rejection GitHub had already acted on) carries that override.
    const grant = await store.takeOverride(claimed);
    const ask = grant
      ? {
          ...request.ask,
          override: {
            reason: `${grant.overrideReason} (granted by ${grant.overrideBy} on GitHub review ${grant.id})`,
          },
        }
      : request.ask;
    let answer: DecisionResponse;
    try {
      answer = await gate.decide(
        { ...ask, entityRef: matched.entityRef },
        await auth.getOwnServiceCredentials(),
      );
    } catch (error) {
      const message = (error as Error).message;
      // A request the gate cannot read is refused as the HTTP API answers 400: the
      // comment names the field. Anything else leaves the review to GitHub.
      if ((error as Error).name === 'InputError') {
        return this.review(claimed, {
          entityRef: matched.entityRef,
          state: 'rejected',
          comment: `Deploy gate could not read the request: ${message}`,
        });
      }
      logger.error(
        `Deploy gate failed on ${request.repository} (${request.environment}): ${message}`,
      );
      await store.update(
        claimed.id,
        { entityRef: matched.entityRef, status: 'error', lastError: message },
        this.now(),
      );
      return store.get(claimed.id);
    }
    return this.review(claimed, {
      entityRef: matched.entityRef,
      decisionId: answer.decisionId,
      decision: answer.decision,
      state: reviewStateOf(answer.decision),
      comment: reviewComment({
        entityRef: matched.entityRef,
        environment: request.environment,
        answer,
        appBaseUrl: this.options.appBaseUrl,
      }),
    });
  }

  /**
   * A permitted user's override of a review: the gate decides again with the
   * override (it checks the permission and audits), and an approval is posted. When
   * GitHub does not take it (the job already failed on the rejection), the override
   * waits for the re-run of the same commit to the same environment.
   */
  async override(
    id: number,
    reason: string,
    credentials: BackstageCredentials,
    httpRequest?: Request,
  ): Promise<ReviewRecord> {
    const { store, gate } = this.options;
    const record = await store.get(id);
    if (!record) throw new NotFoundError(`id: no GitHub review ${id}`);
    if (!record.entityRef) {
      throw new ConflictError(
        `id: review ${id} has no component (${
          record.lastError ?? record.status
        })`,
      );
    }
    if (record.state === 'approved' && record.status === 'posted') {
      throw new ConflictError(`id: review ${id} was approved already`);
    }
    const answer = await gate.decide(
      {
        ...record.request,
        entityRef: record.entityRef,
        override: { reason },
      },
      credentials,
      { httpRequest },
    );
    const overridden = answer.reasons[0]?.code === 'overridden';
    const reviewed = (await this.review(record, {
      entityRef: record.entityRef,
      decisionId: answer.decisionId,
      decision: answer.decision,
      state: reviewStateOf(answer.decision),
      comment: reviewComment({
        entityRef: record.entityRef,
        environment: record.environment,
        answer,
        appBaseUrl: this.options.appBaseUrl,
      }),
      attempts: 0,
      ...(overridden
        ? { overrideBy: principalOf(credentials), overrideReason: reason }
        : {}),
    }))!;
    if (overridden && reviewed.status === 'posted') {
      // GitHub took the approval: the override is used up here.
      await store.update(record.id, { overrideUsedBy: record.id }, this.now());
      return (await store.get(record.id))!;
    }
    return reviewed;
  }

  /** Stores the review and makes its first attempt. */
  private async review(
    record: ReviewRecord,
    review: Parameters<ReviewStore['update']>[1] & {
      entityRef: string;
      state: 'approved' | 'rejected';
      comment: string;
    },
  ): Promise<ReviewRecord | undefined> {
    await this.options.store.update(
      record.id,
      { ...review, status: 'pending', lastError: null },
      this.now(),
    );
    return this.attempt((await this.options.store.get(record.id))!);
  }

  /** Posts one review; on a failure worth retrying, schedules the next attempt. */
  async attempt(record: ReviewRecord): Promise<ReviewRecord | undefined> {
    const { store, post, logger, retry } = this.options;
    const outcome = await post({
      repositoryUrl: record.repositoryUrl,
      callback: {
        owner: record.repository.split('/')[0],
        repo: record.repository.split('/')[1],
        runId: record.runId,
      },
      environment: record.environment,
      state: record.state!,
      comment: record.comment!,
    });
    const attempts = record.attempts + 1;
    const now = this.now();
    if ('posted' in outcome) {
      await store.update(
        record.id,
        { status: 'posted', attempts, postedAt: now, nextAttemptAt: null },
        now,
      );
    } else if ('retry' in outcome && attempts < retry.attempts) {
      const waitMs = backoffAfter(attempts, retry.backoffMs);
      logger.warn(
        `Review of ${record.repository} run ${record.runId} (${record.environment}) not posted, attempt ${attempts} of ${retry.attempts}; retrying in ${waitMs} ms: ${outcome.retry}`,
      );
      await store.update(
        record.id,
        {
          status: 'pending',
          attempts,
          lastError: outcome.retry,
          nextAttemptAt: new Date(now.getTime() + waitMs),
        },
        now,
      );
    } else {
      const error = 'retry' in outcome ? outcome.retry : outcome.failed;
      logger.error(
        `Review of ${record.repository} run ${record.runId} (${record.environment}) not posted after ${attempts} attempt(s): ${error}`,
      );
      await store.update(
        record.id,
        { status: 'failed', attempts, lastError: error, nextAttemptAt: null },
        now,
      );
    }
    return store.get(record.id);
  }

  /**
   * The scheduled retry: every review whose next attempt is due; requests left
   * `deciding` for {@link STUCK_AFTER_MS} show as errors.
   */
  async retryDue(): Promise<void> {
    const now = this.now();
    await this.options.store.expireDeciding(
      new Date(now.getTime() - STUCK_AFTER_MS),
      now,
    );
    for (const record of await this.options.store.due(now, 100)) {
      await this.attempt(record);
    }
  }
}
