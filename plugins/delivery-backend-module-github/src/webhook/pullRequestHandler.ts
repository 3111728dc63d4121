import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { GithubClientFactory } from '../client/client';
import { PullRequestReader, pullRequestReader } from '../client/pullRequests';
import { idForComponent } from '../mapping/common';
import {
  mapPullRequest,
  parsePullRequest,
  PullRequestRecord,
  PullRequestReview,
  readPullRequestDelivery,
} from '../mapping/pullRequest';
import { GithubRepository } from '../mapping/types';
import { pickChangeComponents, RepoComponent } from '../matching/repositories';

export interface PullRequestHandlerOptions {
  sink: DeliveryEventSink;
  componentsOf: (repository: string) => Promise<RepoComponent[]>;
  /** The webhook path's clients: without rate-limit waits, as GitHub stops waiting after ten seconds. */
  clientFor: GithubClientFactory;
  logger: LoggerService;
}

/** One pull request to store, with a reader of the rest of it. */
export interface PullRequestToRecord {
  repository: GithubRepository;
  pullRequest: PullRequestRecord;
  reader: PullRequestReader;
  /** A review just delivered, which the API may not list yet. */
  review?: PullRequestReview;
}

export interface PullRequestHandler {
  /** Handles a `github.pull_request` or `github.pull_request_review` delivery; never throws. */
  handleDelivery(what: string, topic: string, payload: unknown): Promise<void>;
  /**
   * Stores a pull request as a change per component it belongs to, or reports its
   * repository unmatched. Throws when GitHub cannot be read: nothing is stored then,
   * so what an earlier read stored stays whole.
   */
  record(what: string, pullRequest: PullRequestToRecord): Promise<void>;
}

/**
 * Turns pull requests into changes. A delivery only says which pull request moved:
 * its commits, reviews and (for monorepos) files are read from the API, so each
 * delivery stores the whole change as it stands, whatever the order they arrive in.
 */
export function createPullRequestHandler(
  options: PullRequestHandlerOptions,
): PullRequestHandler {
  const { sink, componentsOf, clientFor, logger } = options;

  const record: PullRequestHandler['record'] = async (what, input) => {
    const { repository, pullRequest, reader, review } = input;
    const match = await pickChangeComponents(
      await componentsOf(repository.fullName),
      { repository: repository.fullName, number: pullRequest.number },
      () => reader.files(),
    );
    if ('unmatched' in match) {
      logger.info(`Unmatched ${what}: ${match.unmatched.reason}`);
      await sink.reportUnmatched(match.unmatched);
      return;
    }
    const [commits, listed] = await Promise.all([
      reader.commits(),
      reader.reviews(),
    ]);
    const reviews =
      review && !listed.some(r => r.id !== undefined && r.id === review.id)
        ? [...listed, review]
        : listed;
    const change = mapPullRequest({
      repository,
      pullRequest,
      commits,
      reviews,
    });
    const events = match.entityRefs.map(entityRef => ({
      ...change,
      id: idForComponent(change.id, entityRef),
      entityRef,
    }));
    const result = await sink.ingest(events);
    for (const rejection of result.rejected) {
      logger.warn(
        `Rejected ${what} (${events[rejection.index]?.id}): ${rejection.error}`,
      );
    }
  };

  const handleDelivery: PullRequestHandler['handleDelivery'] = async (
    what,
    topic,
    payload,
  ) => {
    const delivery = readPullRequestDelivery(topic, payload);
    if ('skipped' in delivery) {
      logger.debug(`Ignoring ${what}: ${delivery.skipped}`);
      return;
    }
    const { repository, number } = delivery;
    try {
      const octokit = await clientFor(repository.htmlUrl);
      if (!octokit) {
        // Without its commits and reviews a change would look unreviewed and
        // without coding time: nothing is stored rather than that.
        logger.info(
          `Ignoring ${what}: no GitHub token for ${repository.htmlUrl} to read the pull request's commits and reviews`,
        );
        return;
      }
      const [owner, repo] = repository.fullName.split('/');
      const reader = pullRequestReader(octokit, { owner, repo, number });
      const pullRequest =
        delivery.pullRequest ?? parsePullRequest(await reader.pullRequest());
      if ('skipped' in pullRequest) {
        logger.warn(`Ignoring ${what}: ${pullRequest.skipped}`);
        return;
      }
      await record(what, {
        repository,
        pullRequest,
        reader,
        review: delivery.review,
      });
    } catch (error) {
      logger.warn(
        `Could not store pull request #${number} of ${repository.fullName} (${what}); the next pull reads it again: ${error}`,
      );
    }
  };

  return { handleDelivery, record };
}
