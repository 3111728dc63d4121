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
  truncate,
  userSchema,
  workflowRefSchema,
} from './common';
import { MappingResult } from './types';
import { environmentForWorkflow, WorkflowRule } from './workflows';

// Only the fields the mapping reads; anything else in the payload is ignored.
const payloadSchema = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullish(),
    path: z.string().nullish(),
    conclusion: z.string().nullish(),
    head_sha: z.string().min(1),
    html_url: z.string().nullish(),
    created_at: z.string(),
    run_started_at: z.string().nullish(),
    updated_at: z.string(),
    /** What started the run: push, schedule, workflow_dispatch, ... */
    event: z.string().nullish(),
    /** Who started this attempt (a re-run names the re-runner); `actor` started the first. */
    triggering_actor: userSchema,
    actor: userSchema,
    head_commit: z
      .object({
        timestamp: z.string(),
        message: z.string().nullish(),
        author: z.object({ name: z.string().nullish() }).nullish(),
      })
      .nullish(),
  }),
  workflow: workflowRefSchema,
  repository: repositorySchema,
});

/**
 * Run conclusions to normalised statuses. `skipped`, `neutral`, `action_required`
 * (waiting for approval) and `stale` are absent: nothing was deployed.
 */
const STATUS_BY_CONCLUSION: Record<string, DeploymentStatus> = {
  success: 'success',
  failure: 'failure',
  timed_out: 'failure',
  startup_failure: 'failure',
  cancelled: 'cancelled',
};

/**
 * Maps a completed `workflow_run` webhook payload. Only runs of workflows that a
 * rule maps to an environment are deployments; every other run (tests, linters) is
 * skipped. A re-run keeps its run id, so its outcome replaces the earlier attempt's.
 */
export function mapWorkflowRun(
  payload: unknown,
  rules: WorkflowRule[],
): MappingResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      skipped: `not a workflow_run payload: ${formatZodError(parsed.error)}`,
    };
  }
  const { action, workflow_run: run, workflow, repository } = parsed.data;
  if (action !== 'completed') {
    return { skipped: `workflow_run action ${action} is not mapped` };
  }
  // Real payloads leave the run's name empty at times; the workflow has it then.
  const name = run.name || workflow?.name;
  if (!name) {
    return { skipped: 'workflow run without a workflow name' };
  }
  const ref = { name, path: run.path || workflow?.path || undefined };
  const environment = environmentForWorkflow(rules, ref);
  if (!environment) {
    return { skipped: `workflow ${name} is not mapped to an environment` };
  }
  const status = run.conclusion && STATUS_BY_CONCLUSION[run.conclusion];
  if (!status) {
    return {
      skipped: `run conclusion ${run.conclusion ?? 'none'} is not mapped`,
    };
  }
  const startedAt = run.run_started_at ?? run.created_at;
  const commit = run.head_commit;
  return {
    repository,
    sha: run.head_sha,
    workflow: ref,
    deployment: {
      kind: 'deployment',
      source: SOURCE_ID,
      id: `${repository.fullName}/runs/${run.id}`,
      environment,
      status,
      startedAt,
      finishedAt: notBefore(startedAt, run.updated_at),
      version: shortSha(run.head_sha),
      url: firstHttpUrl(run.html_url),
      triggeredBy: triggeredBy(
        run.triggering_actor?.login ?? run.actor?.login,
        run.event,
      ),
      commits: commit
        ? [
            {
              sha: run.head_sha,
              committedAt: commit.timestamp,
              author: commit.author?.name
                ? truncate.author(commit.author.name)
                : undefined,
              message: commit.message
                ? truncate.message(commit.message)
                : undefined,
            },
          ]
        : [],
    },
  };
}
