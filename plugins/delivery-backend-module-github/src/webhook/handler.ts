import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { IncidentsConfig } from '../config';
import { CommitDetails, CommitLookup } from '../client/commits';
import { createIssueHandler } from './issueHandler';
import { mapDeploymentStatus } from '../mapping/deploymentStatus';
import { MappingResult } from '../mapping/types';
import { mapWorkflowRun } from '../mapping/workflowRun';
import { WorkflowRule } from '../mapping/workflows';
import { pickComponent, RepoComponent } from '../matching/repositories';

/** The sub-topics the events backend's GitHub module publishes deployments on. */
export const GITHUB_TOPICS = [
  'github.deployment_status',
  'github.workflow_run',
] as const;

/** The sub-topic of `issues` deliveries, read for incidents. */
export const ISSUES_TOPIC = 'github.issues';

/** The topics to subscribe to: incidents add `github.issues`. */
export function githubTopics(incidents: { enabled: boolean }): string[] {
  return incidents.enabled
    ? [...GITHUB_TOPICS, ISSUES_TOPIC]
    : [...GITHUB_TOPICS];
}

export interface GithubEventHandlerOptions {
  sink: DeliveryEventSink;
  /** The catalog components annotated with a repository (`owner/repo`). */
  componentsOf: (repository: string) => Promise<RepoComponent[]>;
  lookupCommit: CommitLookup;
  workflows: WorkflowRule[];
  /** Issues carrying the label are incidents; off when absent or disabled. */
  incidents?: IncidentsConfig;
  logger: LoggerService;
}

/**
 * Turns one GitHub webhook delivery into a stored deployment or incident, or an
 * unmatched report. The event type comes from the topic, not the headers:
 * deliveries relayed by the event bus from another backend instance carry no
 * metadata.
 */
export function createGithubEventHandler(options: GithubEventHandlerOptions) {
  const { sink, componentsOf, lookupCommit, workflows, incidents, logger } =
    options;
  const handleIssue = incidents?.enabled
    ? createIssueHandler({ sink, componentsOf, label: incidents.label, logger })
    : undefined;

  const map = (topic: string, payload: unknown): MappingResult => {
    switch (topic) {
      case 'github.deployment_status':
        return mapDeploymentStatus(payload);
      case 'github.workflow_run':
        return mapWorkflowRun(payload, workflows);
      default:
        return { skipped: 'not a deployment event' };
    }
  };

  return async ({ topic, eventPayload, metadata }: EventParams) => {
    const delivery = metadata?.['x-github-delivery'];
    const what = `GitHub ${topic}${delivery ? ` delivery ${delivery}` : ''}`;
    if (topic === ISSUES_TOPIC) {
      if (handleIssue) {
        await handleIssue(what, eventPayload);
      } else {
        logger.debug(`Ignoring ${what}: incidents are disabled`);
      }
      return;
    }
    const mapped = map(topic, eventPayload);
    if ('skipped' in mapped) {
      logger.debug(`Ignoring ${what}: ${mapped.skipped}`);
      return;
    }
    const { deployment, repository, sha, workflow } = mapped;

    // One API call serves both the commit time and, for monorepos, the files.
    let commitRequest: Promise<CommitDetails | undefined> | undefined;
    const commit = () => (commitRequest ??= lookupCommit(repository, sha));

    const match = await pickComponent(
      await componentsOf(repository.fullName),
      {
        repository: repository.fullName,
        environment: deployment.environment,
        workflow,
      },
      async () => (await commit())?.files,
    );
    if ('unmatched' in match) {
      logger.info(`Unmatched ${what}: ${match.unmatched.reason}`);
      await sink.reportUnmatched(match.unmatched);
      return;
    }

    let commits = deployment.commits;
    if (commits.length === 0) {
      const details = await commit();
      if (details) {
        const { committedAt, author, message } = details;
        commits = [{ sha, committedAt, author, message }];
      }
    }
    const result = await sink.ingest([
      { ...deployment, entityRef: match.entityRef, commits },
    ]);
    for (const rejection of result.rejected) {
      logger.warn(`Rejected ${what} (${deployment.id}): ${rejection.error}`);
    }
  };
}
