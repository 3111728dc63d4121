import {
  createDeliverySourceModule,
  scheduleReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import { readGitlabSourceConfig, WEBHOOK_SECRET_KEY } from './config';
import { createGitlabInstances } from './client/instances';
import {
  createGitlabWebhookHandler,
  GITLAB_CHANGE_TOPICS,
  GITLAB_TOPICS,
} from './webhook/handler';
import { SOURCE_ID } from './mapping/common';
import { createProjectIndex } from './matching/projects';
import {
  GITLAB_PULL_REPORTING,
  MergeRequestWatermarks,
  notConfigured,
  pullGitlab,
} from './pull/pull';
import { createWorkQueue } from './webhook/queue';
import { createRecordReader } from './client/records';

/** Deliveries processed at once, and waiting at most (the pull fills in the rest). */
const WEBHOOK_CONCURRENCY = 2;
const WEBHOOK_BACKLOG = 1000;

/**
 * Feeds GitLab deployments (and, by config rules, pipelines) and merge requests (as
 * changes, for the lead-time stages) into the delivery plugin: from webhooks received and token-checked by the events backend's GitLab
 * module, and from a scheduled pull of the GitLab API that fills in what webhooks
 * missed.
 *
 * @public
 */
export const deliveryModuleGitlab = createDeliverySourceModule({
  moduleId: 'gitlab',
  setup({ events, catalog, scheduler, auth, config, logger }) {
    // Read at start so a bad rule stops the backend instead of every delivery.
    const settings = readGitlabSourceConfig(config);
    const instances = createGitlabInstances({ config, logger });
    const index = createProjectIndex({
      catalog,
      auth,
      isKnownInstance: instances.isKnown,
    });
    const reader = createRecordReader({ logger });
    const mergeRequests = settings.mergeRequests
      ? { watermarks: new MergeRequestWatermarks() }
      : undefined;

    return async sink => {
      // Instances without a token are off until configured: the sources list
      // says so, and no page warns that they are stale.
      for (const instance of instances.withoutToken()) {
        logger.info(
          `GitLab ${instance} is not pulled: ${notConfigured(instance)}`,
        );
        await sink.reportSync({
          source: SOURCE_ID,
          instance,
          via: 'pull',
          disabled: notConfigured(instance),
        });
      }
      if (settings.webhooks) {
        const handle = createGitlabWebhookHandler({
          sink,
          instances,
          componentsOf: index.componentsOf,
          reader,
          pipelineRules: settings.pipelines,
          logger,
        });
        const queue = createWorkQueue({
          concurrency: WEBHOOK_CONCURRENCY,
          maxPending: WEBHOOK_BACKLOG,
        });
        await events.subscribe({
          id: 'delivery-gitlab',
          topics: mergeRequests
            ? [...GITLAB_TOPICS, ...GITLAB_CHANGE_TOPICS]
            : GITLAB_TOPICS,
          onEvent: async event => {
            if (!queue.push(() => handle(event))) {
              logger.warn(
                `Dropped a GitLab ${event.topic} delivery: ${WEBHOOK_BACKLOG} are waiting; the next pull reads it`,
              );
            }
          },
        });
      } else {
        logger.warn(
          `GitLab webhooks are ignored: ${WEBHOOK_SECRET_KEY} is not set, so the events backend would accept unverified deliveries. Deployments arrive with the pull only.`,
        );
      }

      await scheduleReportedPull({
        ...GITLAB_PULL_REPORTING,
        scheduler,
        schedule: settings.schedule,
        sink,
        pull: () =>
          pullGitlab({
            projects: index.projects,
            componentsOf: index.componentsOf,
            instances,
            reader,
            pipelineRules: settings.pipelines,
            lookback: settings.lookback,
            mergeRequests,
            sink,
            logger,
          }),
      });
    };
  },
});
