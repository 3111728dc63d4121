import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { IncidentsConfig } from '../config';
import { CommitDetails, CommitLookup } from '../client/commits';
import { createIssueHandler } from './issueHandler';
import { mapDeploymentStatus } from '../mapping/deploymentStatus';
import {
  PULL_REQUEST_REVIEW_TOPIC,
  PULL_REQUEST_TOPIC,
} from '../mapping/pullRequest';
import { MappingResult } from '../mapping/types';
import { mapWorkflowRun } from '../mapping/workflowRun';
import { WorkflowRule } from '../mapping/workflows';
import { pickComponent, RepoComponent } from '../matching/repositories';
import { PullRequestHandler } from './pullRequestHandler';

/** The sub-topics the events backend's GitHub module publishes deployments on. */
export const GITHUB_TOPICS = [
  'github.deployment_status',
  'github.workflow_run',
] as const;

/** The sub-topic of `issues` deliveries, read for incidents. */
export const ISSUES_TOPIC = 'github.issues';

/** The sub-topics of pull request deliveries, read for changes. */
export const PULL_REQUEST_TOPICS = [
  PULL_REQUEST_TOPIC,
  PULL_REQUEST_REVIEW_TOPIC,
] as const;

/** The topics to subscribe to: incidents add `github.issues`, changes the pull request topics. */
export function githubTopics(
  incidents: { enabled: boolean },
  changes: { enabled: boolean } = { enabled: false },
): string[] {
  return [
    ...GITHUB_TOPICS,
    ...(incidents.enabled ? [ISSUES_TOPIC] : []),
    ...(changes.enabled ? PULL_REQUEST_TOPICS : []),
  ];
}

export interface GithubEventHandlerOptions {
  sink: DeliveryEventSink;
  /** The catalog components annotated with a repository (`owner/repo`). */
  componentsOf: (repository: string) => Promise<RepoComponent[]>;
  lookupCommit: CommitLookup;
  workflows: WorkflowRule[];
  /** Issues carrying the label are incidents; off when absent or disabled. */
  incidents?: IncidentsConfig;
  /** Pull requests become changes; ignored when absent. */
  pullRequests?: PullRequestHandler;
  logger: LoggerService;
}

/**
 * Turns one GitHub webhook delivery into a stored deployment, incident or change, or
 * an unmatched report. The event type comes from the topic, not the headers:
 * deliveries relayed by the event bus from another backend instance carry no
 * metadata.
 */
export function createGithubEventHandler(options: GithubEventHandlerOptions) {
  const {
    sink,
    componentsOf,
    lookupCommit,
    workflows,
    incidents,
    pullRequests,
    logger,
  } = options;
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
    if ((PULL_REQUEST_TOPICS as readonly string[]).includes(topic)) {
      if (pullRequests) {
        await pullRequests.handleDelivery(what, topic, eventPayload);
      } else {
        logger.debug(`Ignoring ${what}: changes are disabled`);
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
