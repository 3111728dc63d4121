import type { ApiCommit, ApiDeployment } from '../client/schemas';
import {
  Commit,
  deploymentEventId,
  DeploymentStatus,
  GitlabProject,
  httpUrl,
  notBefore,
  parseGitlabTime,
  requireGitlabTime,
  projectPageUrl,
  shortSha,
  SOURCE_ID,
  triggeredBy,
  truncate,
  UnattributedDeployment,
  withTriggeredBy,
} from './common';
import { DeploymentHook } from './hooks';

/**
 * What each GitLab deployment status becomes. `null`: not stored, as nothing was
 * deployed (yet). See the README's status table.
 */
const DEPLOYMENT_STATUSES = new Map<string, DeploymentStatus | null>(
  Object.entries({
    // The deployment exists but its job has not started: earlier stages still run,
    // or it is a manual job nobody has played (and may never play).
    created: null,
    running: 'in_progress',
    // Started, waiting for an approval to deploy to a protected environment.
    blocked: 'in_progress',
    success: 'success',
    failed: 'failure',
    canceled: 'cancelled',
    // Never ran, e.g. an outdated deployment job GitLab skipped.
    skipped: null,
  }),
);

/** The normalised status of a GitLab deployment status; undefined when not stored. */
export function deploymentStatus(status: string): DeploymentStatus | undefined {
  return DEPLOYMENT_STATUSES.get(status) ?? undefined;
}

const isFinished = (status: DeploymentStatus) => status !== 'in_progress';

/** A commit as the Commits API (or a deployment's job) describes it; undefined without a time. */
export function commitFromApi(commit: ApiCommit): Commit | undefined {
  const committedAt = parseGitlabTime(
    commit.committed_date ?? commit.created_at,
  );
  if (!committedAt) return undefined;
  const message = commit.message ?? commit.title;
  return {
    sha: commit.id,
    committedAt,
    ...(commit.author_name
      ? { author: truncate.author(commit.author_name) }
      : {}),
    ...(message ? { message: truncate.message(message) } : {}),
  };
}

/**
 * When a deployment started: its job's start, else the deployment's creation (which
 * GitLab records when the pipeline is created, before earlier stages ran).
 */
export function deploymentStartedAt(deployment: ApiDeployment): string {
  return (
    parseGitlabTime(deployment.deployable?.started_at) ??
    requireGitlabTime(
      deployment.created_at,
      `deployment ${deployment.id} created_at`,
    )
  );
}

/**
 * A deployment read from the Deployments API, with the commits it shipped; undefined
 * when its status is not stored (`created`, `skipped`).
 */
export function fromApiDeployment(
  deployment: ApiDeployment,
  project: GitlabProject,
  commits: Commit[],
): UnattributedDeployment | undefined {
  const status = deploymentStatus(deployment.status);
  if (!status) return undefined;
  const { deployable, environment } = deployment;
  const startedAt = deploymentStartedAt(deployment);
  const finishedAt = isFinished(status)
    ? notBefore(
        startedAt,
        parseGitlabTime(deployment.finished_at) ??
          parseGitlabTime(deployable?.finished_at) ??
          parseGitlabTime(deployment.updated_at) ??
          startedAt,
      )
    : undefined;
  // The job's page shows the log of the deployment; a deployment made through the
  // API has no job, so its environment's page lists it.
  const url =
    httpUrl(deployable?.web_url) ??
    projectPageUrl(
      project.webUrl,
      deployable
        ? `-/jobs/${deployable.id}`
        : `-/environments/${environment.id}`,
    );
  return {
    kind: 'deployment',
    source: SOURCE_ID,
    id: deploymentEventId(project.instance, deployment.id),
    environment: environment.name,
    status,
    startedAt,
    ...(finishedAt ? { finishedAt } : {}),
    version: deployable?.tag ? deployment.ref : shortSha(deployment.sha),
    ...(httpUrl(url) ? { url } : {}),
    ...withTriggeredBy(triggeredBy(deployment.user?.username)),
    commits,
  };
}

/**
 * A deployment from its webhook alone, for instances without an API token. The
 * payload carries no start time, ref or commit time: the time of the status change
 * is both start and finish, the version is the short sha, and there are no commits
 * (no lead time).
 */
export function fromDeploymentHook(
  hook: DeploymentHook,
  instance: string,
): UnattributedDeployment | undefined {
  const status = deploymentStatus(hook.status);
  if (!status) return undefined;
  const at = requireGitlabTime(hook.status_changed_at, 'status_changed_at');
  const url =
    httpUrl(hook.deployable_url) ??
    projectPageUrl(hook.project.web_url, '-/environments');
  return {
    kind: 'deployment',
    source: SOURCE_ID,
    id: deploymentEventId(instance, hook.deployment_id),
    environment: hook.environment,
    status,
    startedAt: at,
    ...(isFinished(status) ? { finishedAt: at } : {}),
    version: shortSha(hook.short_sha),
    ...(httpUrl(url) ? { url } : {}),
    ...withTriggeredBy(triggeredBy(hook.user?.username)),
    commits: [],
  };
}
