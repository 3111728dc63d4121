import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import {
  DeliveryEvent,
  formatZodError,
} from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryEventSink,
  UnmatchedEvent,
} from '@internal/backstage-plugin-delivery-node';
import { GitlabApi } from '../client/api';
import { GitlabInstances } from '../client/instances';
import {
  GitlabProject,
  SOURCE_ID,
  UnattributedDeployment,
} from '../mapping/common';
import { deploymentStatus, fromDeploymentHook } from '../mapping/deployment';
import {
  DeploymentHook,
  deploymentHookSchema,
  mergeRequestHookSchema,
  noteHookSchema,
  PipelineHook,
  pipelineHookSchema,
} from '../mapping/hooks';
import { attributedChange } from '../mapping/mergeRequest';
import { readMergeRequest } from '../client/mergeRequests';
import {
  fromPipelineHook,
  PipelineRule,
  pipelineStatus,
  ruleForPipeline,
} from '../mapping/pipeline';
import {
  notAnnotated,
  pickChangeComponents,
  pickComponent,
  ProjectComponent,
} from '../matching/projects';
import { RecordReader } from '../client/records';

/**
 * The sub-topics the events backend's GitLab module publishes deployment and
 * pipeline deliveries on (from the payload's `object_kind`).
 */
export const GITLAB_TOPICS = ['gitlab.deployment', 'gitlab.pipeline'];

/** The sub-topics of merge request deliveries: Merge Request Hook (approvals too) and Note Hook. */
export const GITLAB_CHANGE_TOPICS = ['gitlab.merge_request', 'gitlab.note'];

export interface GitlabWebhookHandlerOptions {
  sink: DeliveryEventSink;
  instances: Pick<GitlabInstances, 'instanceOf' | 'apiFor'>;
  /** The catalog components annotated with a project. */
  componentsOf: (project: GitlabProject) => Promise<ProjectComponent[]>;
  reader: RecordReader;
  pipelineRules: PipelineRule[];
  logger: LoggerService;
}

/** What became of one delivery. */
type Outcome =
  | { skipped: string }
  | { project: GitlabProject; unmatched: UnmatchedEvent }
  | { project: GitlabProject; events: DeliveryEvent[] };

const projectOf = (
  project: DeploymentHook['project'],
  instance: string,
): GitlabProject => ({
  instance,
  id: project.id,
  path: project.path_with_namespace,
  webUrl: project.web_url,
});

/** The instance a payload names, for reporting a delivery that cannot be read. */
function instanceNamed(
  payload: unknown,
  instanceOf: (webUrl: string) => string,
): string | undefined {
  const webUrl = (payload as { project?: { web_url?: unknown } } | null)
    ?.project?.web_url;
  try {
    return typeof webUrl === 'string' ? instanceOf(webUrl) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns one GitLab webhook delivery into a stored deployment or changes, or an
 * unmatched report. When the instance has an API token, the delivery only says
 * which record changed: the record itself is read from the API, mapped exactly as
 * the pull maps it (start time, tag, commits shipped; a merge request's commits,
 * reviews and files) and stored under the same id. Without a token, a deployment or
 * pipeline payload alone is mapped (see the README for what that lacks); merge
 * requests are not stored.
 *
 * The returned function never throws: a failure is logged and reported with
 * `reportSync` (via `webhook`); the next pull fills in what was missed.
 */
export function createGitlabWebhookHandler(
  options: GitlabWebhookHandlerOptions,
): (event: EventParams) => Promise<void> {
  const { sink, instances, componentsOf, reader, pipelineRules, logger } =
    options;

  /**
   * Matches the hook's project to a component, then maps the record: read from
   * the API when the instance has a token, else from the payload alone.
   */
  async function matchedOutcome(
    hookProject: DeploymentHook['project'],
    environment: string,
    read: (
      api: GitlabApi,
      project: GitlabProject,
    ) => Promise<UnattributedDeployment | undefined>,
    fromHook: (instance: string) => UnattributedDeployment | undefined,
  ): Promise<Outcome> {
    const project = projectOf(
      hookProject,
      instances.instanceOf(hookProject.web_url),
    );
    const match = pickComponent(
      await componentsOf(project),
      project,
      environment,
    );
    if ('unmatched' in match) return { project, ...match };
    const api = instances.apiFor(project.instance);
    const mapped = api ? await read(api, project) : fromHook(project.instance);
    if (!mapped) return { skipped: 'its current status is not stored' };
    return { project, events: [{ ...mapped, entityRef: match.entityRef }] };
  }

  /**
   * Reads the merge request from the API (a payload carries neither its commits,
   * reviews nor changed files) and attributes it to the components whose paths
   * its files touch, one event each. Without a token there is nothing to read:
   * a change stored without its reviews would count as unreviewed.
   */
  async function mergeRequest(
    hookProject: DeploymentHook['project'],
    iid: number,
  ): Promise<Outcome> {
    const project = projectOf(
      hookProject,
      instances.instanceOf(hookProject.web_url),
    );
    const api = instances.apiFor(project.instance);
    if (!api) {
      return {
        skipped: `no token for ${project.instance}: merge requests are read from its API only`,
      };
    }
    const components = await componentsOf(project);
    // Nothing to attribute to: not worth reading the merge request.
    if (components.length === 0) return { project, ...notAnnotated(project) };
    const { change, files } = await readMergeRequest(api, project, iid);
    const match = pickChangeComponents(components, project, {
      number: iid,
      files,
    });
    if ('unmatched' in match) return { project, ...match };
    return {
      project,
      events: match.entityRefs.map(ref => attributedChange(change, ref)),
    };
  }

  async function deployment(hook: DeploymentHook): Promise<Outcome> {
    if (!deploymentStatus(hook.status)) {
      return { skipped: `status ${hook.status} is not stored` };
    }
    return matchedOutcome(
      hook.project,
      hook.environment,
      async (api, project) =>
        reader.deployment(
          api,
          project,
          await api.deployment(project.id, hook.deployment_id),
        ),
      instance => fromDeploymentHook(hook, instance),
    );
  }

  async function pipeline(hook: PipelineHook): Promise<Outcome> {
    const attributes = hook.object_attributes;
    const rule = ruleForPipeline(pipelineRules, attributes);
    if (!rule) return { skipped: 'no delivery.gitlab.pipelines rule matches' };
    if (!pipelineStatus(attributes.status)) {
      return { skipped: `status ${attributes.status} is not stored` };
    }
    return matchedOutcome(
      hook.project,
      rule.environment,
      async (api, project) =>
        reader.pipeline(
          api,
          project,
          await api.pipeline(project.id, attributes.id),
          pipelineRules,
        ),
      instance => fromPipelineHook(hook, instance, rule.environment),
    );
  }

  async function outcomeOf(
    topic: string,
    payload: unknown,
  ): Promise<{ what: string; outcome: () => Promise<Outcome> }> {
    if (topic === 'gitlab.deployment') {
      const hook = deploymentHookSchema.safeParse(payload);
      if (!hook.success) {
        throw new Error(
          `unreadable deployment event: ${formatZodError(hook.error)}`,
        );
      }
      const { deployment_id: id, project } = hook.data;
      return {
        what: `GitLab deployment ${id} of ${project.path_with_namespace}`,
        outcome: () => deployment(hook.data),
      };
    }
    if (topic === 'gitlab.pipeline') {
      const hook = pipelineHookSchema.safeParse(payload);
      if (!hook.success) {
        throw new Error(
          `unreadable pipeline event: ${formatZodError(hook.error)}`,
        );
      }
      const { object_attributes: attributes, project } = hook.data;
      return {
        what: `GitLab pipeline ${attributes.id} of ${project.path_with_namespace}`,
        outcome: () => pipeline(hook.data),
      };
    }
    if (topic === 'gitlab.merge_request') {
      const hook = mergeRequestHookSchema.safeParse(payload);
      if (!hook.success) {
        throw new Error(
          `unreadable merge request event: ${formatZodError(hook.error)}`,
        );
      }
      const { object_attributes: attributes, project } = hook.data;
      return {
        what: `GitLab merge request !${attributes.iid} of ${project.path_with_namespace}`,
        outcome: () => mergeRequest(project, attributes.iid),
      };
    }
    if (topic === 'gitlab.note') {
      const hook = noteHookSchema.safeParse(payload);
      if (!hook.success) {
        throw new Error(`unreadable note event: ${formatZodError(hook.error)}`);
      }
      const { merge_request: mr, project, object_attributes } = hook.data;
      if (object_attributes.noteable_type !== 'MergeRequest' || !mr) {
        return {
          what: `GitLab comment on a ${object_attributes.noteable_type} of ${project.path_with_namespace}`,
          outcome: async () => ({ skipped: 'not on a merge request' }),
        };
      }
      return {
        what: `GitLab comment on merge request !${mr.iid} of ${project.path_with_namespace}`,
        outcome: () => mergeRequest(project, mr.iid),
      };
    }
    return {
      what: `GitLab ${topic} delivery`,
      outcome: async () => ({
        skipped: 'not a deployment, pipeline, merge request or note event',
      }),
    };
  }

  return async ({ topic, eventPayload }) => {
    let what = `GitLab ${topic} delivery`;
    try {
      const delivery = await outcomeOf(topic, eventPayload);
      what = delivery.what;
      const outcome = await delivery.outcome();
      if ('skipped' in outcome) {
        logger.debug(`Ignoring ${what}: ${outcome.skipped}`);
        return;
      }
      const { instance } = outcome.project;
      if ('unmatched' in outcome) {
        logger.info(`Unmatched ${what}: ${outcome.unmatched.reason}`);
        await sink.reportUnmatched(outcome.unmatched);
      } else {
        const { rejected } = await sink.ingest(outcome.events);
        if (rejected.length > 0) {
          const { index, error } = rejected[0];
          throw new Error(`${outcome.events[index].id} was rejected: ${error}`);
        }
      }
      await sink.reportSync({ source: SOURCE_ID, instance, via: 'webhook' });
    } catch (error) {
      logger.warn(`Could not process ${what}: ${error}`);
      const instance = instanceNamed(eventPayload, instances.instanceOf);
      await sink
        .reportSync({
          source: SOURCE_ID,
          ...(instance ? { instance } : {}),
          via: 'webhook',
          error: `${what}: ${(error as Error).message ?? error}`,
        })
        .catch(reportError =>
          logger.warn(`Could not report the failure: ${reportError}`),
        );
    }
  };
}
