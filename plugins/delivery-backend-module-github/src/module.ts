import {
  createDeliverySourceModule,
  scheduleReportedPull,
} from '@internal/backstage-plugin-delivery-node';
import { readGithubSourceConfig } from './config';
import { createGithubClientFactory, DEFAULT_RETRY } from './client/client';
import { createCommitLookup } from './client/commits';
import { createGithubEventHandler, githubTopics } from './webhook/handler';
import { createPullRequestHandler } from './webhook/pullRequestHandler';
import { SOURCE_ID } from './mapping/common';
import { RepositoryIndex } from './matching/repositories';
import { pullRepositories } from './pull/pull';
import { PullRequestWatermarks } from './pull/pullRequests';

/**
 * Feeds GitHub deployment statuses and deployment workflow runs, issues labelled as
 * incidents and pull requests (as changes) into the delivery plugin: as signed
 * webhooks received by the events backend, and from a scheduled pull of the GitHub
 * API that fills in what webhooks missed.
 *
 * @public
 */
export const deliveryModuleGithub = createDeliverySourceModule({
  moduleId: 'github',
  setup({ events, catalog, scheduler, auth, config, logger }) {
    // Read at start so a bad rule stops the backend instead of every delivery.
    const {
      workflows,
      schedule,
      lookback,
      incidents,
      changes,
      requestTimeout,
    } = readGithubSourceConfig(config);
    const requestTimeoutMs = requestTimeout.toMillis();
    const index = new RepositoryIndex({ catalog, auth });
    const webhookClientFor = createGithubClientFactory({
      config,
      logger,
      requestTimeoutMs,
    });
    const lookupCommit = createCommitLookup({
      clientFor: webhookClientFor,
      logger,
    });
    const watermarks = new PullRequestWatermarks();
    // Unlike a webhook delivery, whose sender stops waiting after ten seconds,
    // a pull can wait out a rate limit.
    const pullClientFor = createGithubClientFactory({
      config,
      logger,
      retry: DEFAULT_RETRY,
      requestTimeoutMs,
    });
    return async sink => {
      const componentsOf = (repository: string) =>
        index.componentsOf(repository);
      const pullRequests = changes.enabled
        ? createPullRequestHandler({
            sink,
            componentsOf,
            clientFor: webhookClientFor,
            logger,
          })
        : undefined;
      const handle = createGithubEventHandler({
        sink,
        componentsOf,
        lookupCommit,
        workflows,
        incidents,
        pullRequests,
        logger,
      });
      await events.subscribe({
        id: 'delivery-github',
        topics: githubTopics(incidents, changes),
        onEvent: handle,
      });
      await scheduleReportedPull({
        scheduler,
        schedule,
        sink,
        source: SOURCE_ID,
        pull: async () => ({
          ...(await pullRepositories({
            repositories: () => index.repositories(),
            clientFor: pullClientFor,
            workflows,
            incidents,
            lookback,
            handle,
            pullRequests: pullRequests && { handler: pullRequests, watermarks },
            logger,
          })),
          noun: 'repositories',
        }),
      });
    };
  },
});
