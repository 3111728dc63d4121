import {
  DeploymentStatus,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod';
import {
  firstHttpUrl,
  notBefore,
  repositorySchema,
  shortSha,
  SOURCE_ID,
  triggeredBy,
  userSchema,
  workflowRefSchema,
} from './common';
import { MappingResult } from './types';

// Only the fields the mapping reads; anything else in the payload is ignored.
const payloadSchema = z.object({
  deployment_status: z.object({
    state: z.string(),
    created_at: z.string(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
  }),
  deployment: z.object({
    id: z.number(),
    sha: z.string().min(1),
    environment: z.string().min(1),
    created_at: z.string(),
    /** Who created the deployment (a user, or the app or bot that did). */
    creator: userSchema,
  }),
  // Present when the deployment was made by a GitHub Actions job.
  workflow_run: workflowRefSchema,
  workflow: workflowRefSchema,
  repository: repositorySchema,
});

/**
 * GitHub deployment states to normalised statuses. `inactive` is absent on
 * purpose: GitHub marks the previous deployment of an environment inactive when a
 * newer one succeeds, and that must not overwrite the success it recorded.
 */
const STATUS_BY_STATE: Record<string, DeploymentStatus> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
  pending: 'in_progress',
  queued: 'in_progress',
  waiting: 'in_progress',
  in_progress: 'in_progress',
};

/**
 * Maps a `deployment_status` webhook payload. Every status of a deployment maps to
 * the same event id, so each new status updates that event. Commits are left empty:
 * the payload carries no commit time (see `withCommit`).
 */
export function mapDeploymentStatus(payload: unknown): MappingResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      skipped: `not a deployment_status payload: ${formatZodError(
        parsed.error,
      )}`,
    };
  }
  const { deployment_status: state, deployment, repository } = parsed.data;
  const status = STATUS_BY_STATE[state.state];
  if (!status) {
    return { skipped: `deployment state ${state.state} is not mapped` };
  }
  const workflowName =
    parsed.data.workflow_run?.name || parsed.data.workflow?.name;
  const workflowPath =
    parsed.data.workflow_run?.path || parsed.data.workflow?.path;
  return {
    repository,
    sha: deployment.sha,
    workflow: workflowName
      ? { name: workflowName, path: workflowPath ?? undefined }
      : undefined,
    deployment: {
      kind: 'deployment',
      source: SOURCE_ID,
      id: `${repository.fullName}/deployments/${deployment.id}`,
      environment: deployment.environment,
      status,
      startedAt: deployment.created_at,
      finishedAt:
        status === 'in_progress'
          ? undefined
          : notBefore(deployment.created_at, state.created_at),
      version: shortSha(deployment.sha),
      url: firstHttpUrl(
        state.target_url,
        state.log_url,
        `${repository.htmlUrl}/deployments`,
      ),
      triggeredBy: triggeredBy(deployment.creator?.login),
      commits: [],
    },
  };
}
