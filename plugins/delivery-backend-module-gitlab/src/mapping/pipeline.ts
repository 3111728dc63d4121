import { matchesPattern } from '@internal/backstage-plugin-delivery-node';
import type { ApiPipelineDetail } from '../client/schemas';
import {
  Commit,
  DeploymentStatus,
  GitlabProject,
  httpUrl,
  notBefore,
  parseGitlabTime,
  requireGitlabTime,
  pipelineEventId,
  projectPageUrl,
  shortSha,
  SOURCE_ID,
  triggeredBy,
  truncate,
  UnattributedDeployment,
  withTriggeredBy,
} from './common';
import { PipelineHook } from './hooks';

/**
 * A config rule: pipelines it matches are deployments to `environment`. For projects
 * that deploy without GitLab environments; jobs with an `environment:` already make
 * GitLab deployments, which this module reads as such.
 */
export interface PipelineRule {
  /** Pattern for the branch or tag, e.g. `main` or `v*`. */
  ref?: string;
  /** Pattern for the pipeline's name (`workflow:name`). */
  name?: string;
  /** Pattern for the pipeline source, e.g. `push`, `schedule`, `web`. */
  source?: string;
  environment: string;
}

/** What a pipeline offers to the rules. */
export interface PipelineFacts {
  ref: string;
  name?: string | null;
  source?: string | null;
}

const matchesIfSet = (
  pattern: string | undefined,
  value: string | null | undefined,
) => pattern === undefined || (!!value && matchesPattern(pattern, value));

/** The first rule whose patterns all match the pipeline; undefined when none does. */
export function ruleForPipeline(
  rules: PipelineRule[],
  pipeline: PipelineFacts,
): PipelineRule | undefined {
  return rules.find(
    rule =>
      matchesIfSet(rule.ref, pipeline.ref) &&
      matchesIfSet(rule.name, pipeline.name) &&
      matchesIfSet(rule.source, pipeline.source),
  );
}

/**
 * What each GitLab pipeline status becomes. `null`: not stored. See the README's
 * status table.
 */
const PIPELINE_STATUSES = new Map<string, DeploymentStatus | null>(
  Object.entries({
    // Nothing has run yet.
    created: null,
    waiting_for_resource: 'in_progress',
    preparing: 'in_progress',
    pending: 'in_progress',
    running: 'in_progress',
    // Waiting for a delayed job, or for someone to play a manual one.
    scheduled: 'in_progress',
    manual: 'in_progress',
    canceling: 'in_progress',
    success: 'success',
    failed: 'failure',
    canceled: 'cancelled',
    // Every job was skipped: nothing ran.
    skipped: null,
  }),
);

/** The normalised status of a GitLab pipeline status; undefined when not stored. */
export function pipelineStatus(status: string): DeploymentStatus | undefined {
  return PIPELINE_STATUSES.get(status) ?? undefined;
}

/** When a pipeline started: its first job's start, else its creation. */
export function pipelineStartedAt(pipeline: ApiPipelineDetail): string {
  return (
    parseGitlabTime(pipeline.started_at) ??
    requireGitlabTime(pipeline.created_at, `pipeline ${pipeline.id} created_at`)
  );
}

/**
 * A pipeline read from the Pipelines API that a rule maps to `environment`, with the
 * commits it shipped; undefined when its status is not stored.
 */
export function fromApiPipeline(
  pipeline: ApiPipelineDetail,
  project: GitlabProject,
  environment: string,
  commits: Commit[],
): UnattributedDeployment | undefined {
  const status = pipelineStatus(pipeline.status);
  if (!status) return undefined;
  const startedAt = pipelineStartedAt(pipeline);
  const finishedAt =
    status === 'in_progress'
      ? undefined
      : notBefore(
          startedAt,
          parseGitlabTime(pipeline.finished_at) ??
            parseGitlabTime(pipeline.updated_at) ??
            startedAt,
        );
  const url =
    httpUrl(pipeline.web_url) ??
    projectPageUrl(project.webUrl, `-/pipelines/${pipeline.id}`);
  return {
    kind: 'deployment',
    source: SOURCE_ID,
    id: pipelineEventId(project.instance, pipeline.id),
    environment,
    status,
    startedAt,
    ...(finishedAt ? { finishedAt } : {}),
    version: pipeline.tag ? pipeline.ref : shortSha(pipeline.sha),
    ...(httpUrl(url) ? { url } : {}),
    ...withTriggeredBy(triggeredBy(pipeline.user?.username, pipeline.source)),
    commits,
  };
}

/**
 * A pipeline from its webhook alone, for instances without an API token. The payload
 * has no start time (its creation stands in) and names one commit, the pipeline's,
 * with its committed date.
 */
export function fromPipelineHook(
  hook: PipelineHook,
  instance: string,
  environment: string,
): UnattributedDeployment | undefined {
  const attributes = hook.object_attributes;
  const status = pipelineStatus(attributes.status);
  if (!status) return undefined;
  const startedAt = requireGitlabTime(attributes.created_at, 'created_at');
  const finishedAt =
    status === 'in_progress'
      ? undefined
      : notBefore(
          startedAt,
          parseGitlabTime(attributes.finished_at) ?? startedAt,
        );
  const url =
    httpUrl(attributes.url) ??
    projectPageUrl(hook.project.web_url, `-/pipelines/${attributes.id}`);
  const commit = hook.commit;
  const committedAt = parseGitlabTime(commit?.timestamp);
  const message = commit?.message ?? commit?.title;
  const commits: Commit[] =
    commit && committedAt
      ? [
          {
            sha: commit.id,
            committedAt,
            ...(commit.author?.name
              ? { author: truncate.author(commit.author.name) }
              : {}),
            ...(message ? { message: truncate.message(message) } : {}),
          },
        ]
      : [];
  return {
    kind: 'deployment',
    source: SOURCE_ID,
    id: pipelineEventId(instance, attributes.id),
    environment,
    status,
    startedAt,
    ...(finishedAt ? { finishedAt } : {}),
    version: attributes.tag ? attributes.ref : shortSha(attributes.sha),
    ...(httpUrl(url) ? { url } : {}),
    ...withTriggeredBy(triggeredBy(hook.user?.username, attributes.source)),
    commits,
  };
}
