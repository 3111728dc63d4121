import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEvent } from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryEventSink,
  PullOutcome,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime, Duration } from 'luxon';
import { GitlabApi } from '../client/api';
import { GitlabInstances } from '../client/instances';
import {
  GitlabProject,
  SOURCE_ID,
  UnattributedDeployment,
} from '../mapping/common';
import { deploymentStatus } from '../mapping/deployment';
import {
  PipelineRule,
  pipelineStatus,
  ruleForPipeline,
} from '../mapping/pipeline';
import {
  AnnotatedProject,
  notAnnotated,
  pickChangeComponents,
  pickComponent,
  ProjectComponent,
} from '../matching/projects';
import { RecordReader } from '../client/records';
import { readMergeRequest } from '../client/mergeRequests';
import { attributedChange } from '../mapping/mergeRequest';

/** Events handed to the store at once, at most. */
const INGEST_BATCH = 100;

/**
 * How far before the last successful pull of a project its merge requests are read
 * again: GitLab's clock and ours may differ, and a merge request updated while the
 * pull ran is read by the next one.
 */
export const MERGE_REQUEST_OVERLAP = Duration.fromObject({ minutes: 10 });

/**
 * When each project's merge requests were last pulled successfully (the start of
 * that pull), so the next pull reads only those updated since. Kept in memory: after
 * a restart the first pull reads the whole lookback again.
 */
export class MergeRequestWatermarks {
  readonly #pulledAt = new Map<string, DateTime>();

  since(project: GitlabProject, lookbackStart: DateTime): DateTime {
    const last = this.#pulledAt.get(this.#key(project));
    const fromLast = last?.minus(MERGE_REQUEST_OVERLAP);
    return fromLast && fromLast > lookbackStart ? fromLast : lookbackStart;
  }

  pulled(project: GitlabProject, startedAt: DateTime) {
    this.#pulledAt.set(this.#key(project), startedAt);
  }

  #key = (project: GitlabProject) => `${project.instance}|${project.id}`;
}

export interface PullOptions {
  /** The projects components are annotated with. */
  projects: () => Promise<AnnotatedProject[]>;
  componentsOf: (project: GitlabProject) => Promise<ProjectComponent[]>;
  instances: Pick<GitlabInstances, 'apiFor'>;
  reader: RecordReader;
  pipelineRules: PipelineRule[];
  /** How far back deployments, pipelines and merge requests are read, by their last update. */
  lookback: Duration;
  /**
   * Whether merge requests are read as change events; they are read since the
   * project's last successful pull (`watermarks`) when there was one.
   */
  mergeRequests?: { watermarks: MergeRequestWatermarks };
  sink: DeliveryEventSink;
  logger: LoggerService;
  now?: () => DateTime;
}

export interface PullCounts {
  deployments: number;
  pipelines: number;
  /** Merge requests stored (once however many components they touch). */
  mergeRequests: number;
  unmatched: number;
}

/** Why an instance is off: it has no API token. */
export const notConfigured = (instance: string) =>
  `not configured: no token for ${instance} in integrations.gitlab`;

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Reads one project's deployments (and, with pipeline rules, its pipelines) updated
 * since `since`, and its merge requests updated since its last successful pull
 * (else `since`), and stores them as the webhook handler would: same mapping, same
 * commits, same ids. Answers undefined when the project was already pulled under
 * another name (by id and by path).
 */
async function pullProject(
  options: PullOptions & {
    api: GitlabApi;
    annotated: AnnotatedProject;
    since: DateTime;
    pulled: Set<number>;
  },
): Promise<{ project: GitlabProject; counts: PullCounts } | undefined> {
  const { api, annotated, since, sink, reader, pipelineRules } = options;
  const startedAt = (options.now ?? DateTime.utc)();
  const found = await api.project(annotated.ref);
  if (options.pulled.has(found.id)) return undefined;
  options.pulled.add(found.id);
  const project: GitlabProject = {
    instance: annotated.instance,
    id: found.id,
    path: found.path_with_namespace,
    webUrl: found.web_url,
  };
  const components = await options.componentsOf(project);
  const counts: PullCounts = {
    deployments: 0,
    pipelines: 0,
    mergeRequests: 0,
    unmatched: 0,
  };
  const events: DeliveryEvent[] = [];

  /** Attributes a mapped record to its component, or reports it unmatched. */
  const collect = async (
    environment: string,
    read: () => Promise<UnattributedDeployment | undefined>,
  ) => {
    const match = pickComponent(components, project, environment);
    if ('unmatched' in match) {
      await sink.reportUnmatched(match.unmatched);
      counts.unmatched++;
      return false;
    }
    const mapped = await read();
    if (mapped) events.push({ ...mapped, entityRef: match.entityRef });
    return mapped !== undefined;
  };

  for await (const deployment of api.deploymentsUpdatedSince(
    project.id,
    since,
  )) {
    if (!deploymentStatus(deployment.status)) continue;
    const stored = await collect(deployment.environment.name, () =>
      reader.deployment(api, project, deployment),
    );
    if (stored) counts.deployments++;
  }

  if (pipelineRules.length > 0) {
    for await (const pipeline of api.pipelinesUpdatedSince(project.id, since)) {
      const rule = ruleForPipeline(pipelineRules, pipeline);
      if (!rule || !pipelineStatus(pipeline.status)) continue;
      // The list lacks start, finish and tag: read the pipeline itself.
      const stored = await collect(rule.environment, async () =>
        reader.pipeline(
          api,
          project,
          await api.pipeline(project.id, pipeline.id),
          pipelineRules,
        ),
      );
      if (stored) counts.pipelines++;
    }
  }

  // A merge request that cannot be read fails the project (so it is read again),
  // not the deployments and other merge requests read with it.
  const { mergeRequests } = options;
  const mergeRequestFailures: string[] = [];
  if (mergeRequests && components.length === 0) {
    await sink.reportUnmatched(notAnnotated(project).unmatched);
    counts.unmatched++;
  } else if (mergeRequests) {
    try {
      const updated = api.mergeRequestsUpdatedSince(
        project.id,
        mergeRequests.watermarks.since(project, since),
      );
      for await (const { iid } of updated) {
        try {
          const { change, files } = await readMergeRequest(api, project, iid);
          const match = pickChangeComponents(components, project, {
            number: iid,
            files,
          });
          if ('unmatched' in match) {
            await sink.reportUnmatched(match.unmatched);
            counts.unmatched++;
            continue;
          }
          events.push(
            ...match.entityRefs.map(ref => attributedChange(change, ref)),
          );
          counts.mergeRequests++;
        } catch (error) {
          mergeRequestFailures.push(`!${iid}: ${messageOf(error)}`);
        }
      }
    } catch (error) {
      mergeRequestFailures.push(`the list: ${messageOf(error)}`);
    }
  }

  const rejections: string[] = [];
  for (let i = 0; i < events.length; i += INGEST_BATCH) {
    const batch = events.slice(i, i + INGEST_BATCH);
    const { rejected } = await sink.ingest(batch);
    rejections.push(...rejected.map(r => `${batch[r.index].id} (${r.error})`));
  }
  if (rejections.length > 0) {
    throw new Error(
      `${rejections.length} events rejected: ${rejections.join('; ')}`,
    );
  }
  if (mergeRequestFailures.length > 0) {
    throw new Error(
      `merge requests could not be read: ${mergeRequestFailures.join('; ')}`,
    );
  }
  mergeRequests?.watermarks.pulled(project, startedAt);
  return { project, counts };
}

/**
 * How a run is reported (see `runReportedPull`): per instance, and a catalog that
 * cannot be read for the source as a whole.
 */
export const GITLAB_PULL_REPORTING = {
  source: SOURCE_ID,
  describeFailure: (error: unknown) =>
    `could not read the annotated components from the catalog: ${messageOf(
      error,
    )}`,
};

/**
 * Pulls every annotated project, instance by instance and project by project (GitLab
 * rate-limits per token), with one outcome per instance pulled: a project that fails
 * is logged, named in the outcome and the others still pulled; nothing stored is
 * removed. An instance without an API token is reported here as disabled (not
 * configured), as nothing of it can be pulled until one is set. Rejects when the
 * catalog cannot be read.
 */
export async function pullGitlab(options: PullOptions): Promise<PullOutcome[]> {
  const { instances, sink, logger } = options;
  const since = (options.now ?? DateTime.utc)().minus(options.lookback);
  const annotated = await options.projects();

  const byInstance = new Map<string, AnnotatedProject[]>();
  for (const project of annotated) {
    byInstance.set(project.instance, [
      ...(byInstance.get(project.instance) ?? []),
      project,
    ]);
  }

  const outcomes: PullOutcome[] = [];
  for (const [instance, projects] of byInstance) {
    const api = instances.apiFor(instance);
    if (!api) {
      // Off until someone configures a token: listed as such, never as stale.
      const disabled = `${notConfigured(instance)}: ${
        projects.length
      } annotated projects are not pulled`;
      logger.debug(`Not pulling GitLab: ${disabled}`);
      await sink.reportSync({
        source: SOURCE_ID,
        instance,
        via: 'pull',
        disabled,
      });
      continue;
    }
    const failures: string[] = [];
    const pulled = new Set<number>();
    for (const annotatedProject of projects) {
      try {
        const result = await pullProject({
          ...options,
          api,
          annotated: annotatedProject,
          since,
          pulled,
        });
        if (result) {
          const { project, counts } = result;
          logger.info(
            `Pulled ${counts.deployments} deployments, ${counts.pipelines} pipelines and ${counts.mergeRequests} merge requests of ${project.path} from ${instance}; ${counts.unmatched} unmatched`,
          );
        }
      } catch (error) {
        logger.warn(
          `Could not pull ${annotatedProject.ref} from ${instance}: ${error}`,
        );
        failures.push(`${annotatedProject.ref}: ${messageOf(error)}`);
      }
    }
    outcomes.push({
      instance,
      failures,
      noun: `of ${projects.length} projects`,
    });
  }
  return outcomes;
}
