import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { Octokit } from '@octokit/rest';
import { DateTime, Duration } from 'luxon';
import { IncidentsConfig } from '../config';
import { GithubClientFactory } from '../client/client';
import { environmentForWorkflow, WorkflowRule } from '../mapping/workflows';
import { PullRequestHandler } from '../webhook/pullRequestHandler';
import { pullPullRequests, PullRequestWatermarks } from './pullRequests';

export interface PullOptions {
  octokit: Octokit;
  /** `owner/repo`, in any case. */
  slug: string;
  /** Deployments and runs created before this are not read. */
  since: DateTime;
  workflows: WorkflowRule[];
  /** Issues carrying the label are read as incidents unless disabled or absent. */
  incidents?: IncidentsConfig;
  /** The webhook handler: pulled records go the same way as deliveries. */
  handle: (event: EventParams) => Promise<void>;
  /** Pull requests updated since `since` are stored as changes; none read when absent. */
  pullRequests?: { handler: PullRequestHandler; since: DateTime };
}

export interface PullCounts {
  deployments: number;
  runs: number;
  issues: number;
  pullRequests: number;
}

/** Deployments created since `since`: they come newest first, so paging stops at the first older one. */
async function* recentDeployments(
  octokit: Octokit,
  params: { owner: string; repo: string },
  since: DateTime,
) {
  for await (const page of octokit.paginate.iterator(
    octokit.repos.listDeployments,
    { ...params, per_page: 100 },
  )) {
    for (const deployment of page.data) {
      if (DateTime.fromISO(deployment.created_at) < since) return;
      yield deployment;
    }
  }
}

/** The issues (and pull requests) the query lists; none when the repository has issues disabled (410). */
async function labelledIssues(
  octokit: Octokit,
  query: Parameters<Octokit['issues']['listForRepo']>[0],
) {
  try {
    return await octokit.paginate(octokit.issues.listForRepo, query);
  } catch (error) {
    if ((error as { status?: number }).status === 410) return [];
    throw error;
  }
}

/**
 * Reads a repository's recent deployments (with their latest meaningful status), its
 * completed runs of deployment workflows and its recently updated incident issues,
 * and hands each to the webhook handler as the payload GitHub would have delivered:
 * the REST API returns the same representations webhooks embed, so mapping and
 * matching stay in one place. Then its recently updated pull requests, each to the
 * pull request handler with this pull's client (which waits out rate limits).
 */
export async function pullRepository(
  options: PullOptions,
): Promise<PullCounts> {
  const { octokit, since, workflows, incidents, handle } = options;
  const [owner, repo] = options.slug.split('/');
  // Webhooks spell the repository as GitHub does; ids must match theirs.
  const { data: repository } = await octokit.repos.get({ owner, repo });
  const params = { owner: repository.owner.login, repo: repository.name };
  const counts: PullCounts = {
    deployments: 0,
    runs: 0,
    issues: 0,
    pullRequests: 0,
  };
  const created = `>=${since.toUTC().toISO({ suppressMilliseconds: true })}`;

  for await (const deployment of recentDeployments(octokit, params, since)) {
    const { data: statuses } = await octokit.repos.listDeploymentStatuses({
      ...params,
      deployment_id: deployment.id,
      per_page: 100,
    });
    // Newest first. `inactive` only says a newer deployment replaced this one.
    const status = statuses.find(s => s.state !== 'inactive');
    if (!status) continue;
    await handle({
      topic: 'github.deployment_status',
      eventPayload: {
        action: 'created',
        deployment,
        deployment_status: status,
        repository,
      },
    });
    counts.deployments++;
  }

  const deploymentWorkflows = (
    await octokit.paginate(octokit.actions.listRepoWorkflows, {
      ...params,
      per_page: 100,
    })
  ).filter(w => environmentForWorkflow(workflows, w) !== undefined);
  for (const workflow of deploymentWorkflows) {
    const runs = await octokit.paginate(octokit.actions.listWorkflowRuns, {
      ...params,
      workflow_id: workflow.id,
      status: 'completed',
      created,
      per_page: 100,
    });
    for (const run of runs) {
      await handle({
        topic: 'github.workflow_run',
        eventPayload: {
          action: 'completed',
          workflow_run: run,
          workflow,
          repository,
        },
      });
      counts.runs++;
    }
  }

  if (incidents?.enabled) {
    const issues = await labelledIssues(octokit, {
      ...params,
      labels: incidents.label,
      state: 'all',
      // Filters by last update: issues closed or edited within the lookback are
      // read again, whenever they were opened.
      since: since.toUTC().toISO({ suppressMilliseconds: true })!,
      per_page: 100,
    });
    for (const issue of issues) {
      // The endpoint returns pull requests too.
      if (issue.pull_request) continue;
      await handle({
        topic: 'github.issues',
        eventPayload: {
          action: issue.state === 'closed' ? 'closed' : 'opened',
          issue,
          repository,
        },
      });
      counts.issues++;
    }
  }

  if (options.pullRequests) {
    counts.pullRequests = await pullPullRequests({
      octokit,
      repository: {
        fullName: repository.full_name,
        htmlUrl: repository.html_url,
      },
      since: options.pullRequests.since,
      pullRequests: options.pullRequests.handler,
    });
  }
  return counts;
}

/**
 * Pulls every annotated repository whose host has a GitHub token, one after the
 * other (GitHub's rate limits are per token); a failing repository is logged and
 * the others still pulled. Answers which repositories failed, and why.
 */
export async function pullRepositories(options: {
  repositories: () => Promise<{ slug: string; url: string }[]>;
  clientFor: GithubClientFactory;
  workflows: WorkflowRule[];
  incidents?: IncidentsConfig;
  lookback: Duration;
  handle: (event: EventParams) => Promise<void>;
  /** Pull requests become changes when given; the watermarks remember each repository's last full pull. */
  pullRequests?: {
    handler: PullRequestHandler;
    watermarks: PullRequestWatermarks;
  };
  logger: LoggerService;
  now?: () => DateTime;
}): Promise<{ failures: string[] }> {
  const { clientFor, workflows, incidents, handle, pullRequests, logger } =
    options;
  const now = options.now ?? DateTime.utc;
  const since = now().minus(options.lookback);
  const failures: string[] = [];
  for (const { slug, url } of await options.repositories()) {
    try {
      const octokit = await clientFor(url);
      if (!octokit) {
        logger.debug(`Not pulling ${slug}: no GitHub token for ${url}`);
        continue;
      }
      const startedAt = now();
      const counts = await pullRepository({
        octokit,
        slug,
        since,
        workflows,
        incidents,
        handle,
        pullRequests: pullRequests && {
          handler: pullRequests.handler,
          since: pullRequests.watermarks.since(slug, since),
        },
      });
      pullRequests?.watermarks.pulled(slug, startedAt);
      logger.info(
        `Pulled ${counts.deployments} deployments, ${counts.runs} deployment workflow runs, ${counts.issues} incident issues and ${counts.pullRequests} pull requests of ${slug} from GitHub`,
      );
    } catch (error) {
      logger.warn(`Could not pull ${slug} from GitHub: ${error}`);
      failures.push(`${slug}: ${(error as Error).message ?? error}`);
    }
  }
  return { failures };
}
