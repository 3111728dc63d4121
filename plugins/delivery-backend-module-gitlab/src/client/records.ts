import { LoggerService } from '@backstage/backend-plugin-api';
import { GitlabApi } from './api';
import { ApiCommit, ApiDeployment, ApiPipelineDetail } from './schemas';
import {
  Commit,
  deploymentEventId,
  GitlabProject,
  pipelineEventId,
  UnattributedDeployment,
} from '../mapping/common';
import {
  commitFromApi,
  deploymentStartedAt,
  deploymentStatus,
  fromApiDeployment,
} from '../mapping/deployment';
import {
  fromApiPipeline,
  PipelineRule,
  pipelineStatus,
  ruleForPipeline,
} from '../mapping/pipeline';

/**
 * Commits listed per deployment at most. A range beyond it (a first deployment after
 * a long pause) keeps its newest commits; the older ones then count for no lead time.
 */
export const MAX_COMMITS = 1000;

/** Finished deployments shipped what they shipped: remember this many commit lists. */
const CACHE_SIZE = 2000;

/** Reads GitLab records into deployment events, with the commits each shipped. */
export interface RecordReader {
  deployment(
    api: GitlabApi,
    project: GitlabProject,
    deployment: ApiDeployment,
  ): Promise<UnattributedDeployment | undefined>;
  /** A pipeline `rules` map (to the first rule matching it). */
  pipeline(
    api: GitlabApi,
    project: GitlabProject,
    pipeline: ApiPipelineDetail,
    rules: PipelineRule[],
  ): Promise<UnattributedDeployment | undefined>;
}

/**
 * The commits a deployment shipped are those between the sha of the previous
 * successful deployment (of the same environment, or pipeline of the same rule and
 * ref) and its own: the Commits API's `previous..sha` range, with each commit's
 * committed date. The first deployment, a redeployment of the same sha and a
 * rollback to an older one (an empty range) ship the deployed commit alone.
 */
export function createRecordReader(options: {
  logger: LoggerService;
}): RecordReader {
  const { logger } = options;
  const cache = new Map<string, Commit[]>();
  const remember = (key: string, commits: Commit[]) => {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, commits);
  };

  async function shippedCommits(
    api: GitlabApi,
    project: GitlabProject,
    target: { sha: string; previousSha?: string; deployedCommit?: ApiCommit },
  ): Promise<Commit[]> {
    const { sha, previousSha } = target;
    if (previousSha && previousSha !== sha) {
      try {
        const range = await api.commitsBetween(
          project.id,
          previousSha,
          sha,
          MAX_COMMITS,
        );
        const commits = range
          .map(commitFromApi)
          .filter((c): c is Commit => c !== undefined);
        if (commits.length > 0) return commits;
      } catch (error) {
        // E.g. the previous sha was force-pushed away: still record what was deployed.
        logger.warn(
          `Could not list commits ${previousSha}..${sha} of ${project.path} on ${project.instance}; keeping the deployed commit only: ${error}`,
        );
      }
    }
    const deployed =
      (target.deployedCommit && commitFromApi(target.deployedCommit)) ??
      commitFromApi(await api.commit(project.id, sha));
    return deployed ? [deployed] : [];
  }

  return {
    async deployment(api, project, deployment) {
      const status = deploymentStatus(deployment.status);
      if (!status) return undefined;
      const key = deploymentEventId(project.instance, deployment.id);
      let commits = cache.get(key);
      if (!commits) {
        const previous = await api.lastSuccessfulDeploymentBefore(
          project.id,
          deployment.environment.name,
          deploymentStartedAt(deployment),
        );
        commits = await shippedCommits(api, project, {
          sha: deployment.sha,
          previousSha: previous?.sha,
          deployedCommit: deployment.deployable?.commit ?? undefined,
        });
        if (status !== 'in_progress') remember(key, commits);
      }
      return fromApiDeployment(deployment, project, commits);
    },

    async pipeline(api, project, pipeline, rules) {
      const status = pipelineStatus(pipeline.status);
      const rule = ruleForPipeline(rules, pipeline);
      if (!status || !rule) return undefined;
      const key = pipelineEventId(project.instance, pipeline.id);
      let commits = cache.get(key);
      if (!commits) {
        const previous = await api.lastSuccessfulPipelineBefore(
          project.id,
          pipeline.ref,
          pipeline.id,
          candidate => ruleForPipeline(rules, candidate) === rule,
        );
        commits = await shippedCommits(api, project, {
          sha: pipeline.sha,
          previousSha: previous?.sha,
        });
        if (status !== 'in_progress') remember(key, commits);
      }
      return fromApiPipeline(pipeline, project, rule.environment, commits);
    },
  };
}
