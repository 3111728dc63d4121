import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { diffEpisodes, Episode, EpisodeMessage } from './episodes';
import { ClaimedEpisode, EpisodeStore } from './EpisodeStore';

export interface ReconcileResult {
  /** Episodes this call opened and told the owners about. */
  started: Episode[];
  /** Episodes this call closed (their end told when they have an `end` message). */
  ended: Episode[];
}

/** The notification scope of an episode: its start and its end update one notification. */
export function episodeScope(claim: ClaimedEpisode): string {
  return `${claim.episode.key}#${claim.number}`;
}

/**
 * Tells owners about episodes: a notification when one starts, the same notification
 * updated when it ends, none while it lasts. Each start and end is claimed in the
 * `EpisodeStore` before it is sent, so two replicas never both send it.
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      /** Key prefix of this notifier's episodes, e.g. `slo`; one per evaluation. */
      family: string;
      store: EpisodeStore;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /**
   * Brings the open episodes of the family in line with `current`, the episodes found
   * now. `evaluatedSubjects` are the subjects `current` speaks for (see `diffEpisodes`).
   */
  async reconcile(
    current: Episode[],
    evaluatedSubjects: ReadonlySet<string>,
    now: Date = new Date(),
  ): Promise<ReconcileResult> {
    const { family, store } = this.options;
    const open = await store.listOpen(family);
    const diff = diffEpisodes(open, current, evaluatedSubjects);
    const result: ReconcileResult = { started: [], ended: [] };
    for (const episode of diff.started) {
      const claim = await store.tryStart(family, episode, now);
      if (!claim) continue;
      result.started.push(episode);
      await this.send(claim, episode.start);
    }
    for (const key of diff.ended) {
      const claim = await store.tryEnd(key, now);
      if (!claim) continue;
      result.ended.push(claim.episode);
      if (claim.episode.end) await this.send(claim, claim.episode.end);
    }
    return result;
  }

  /**
   * Tells a one-shot episode (a denied deploy) once: a second call with the same key,
   * from this replica or another, sends nothing. Returns whether this call sent it.
   */
  async notifyOnce(episode: Episode, now: Date = new Date()): Promise<boolean> {
    const claim = await this.options.store.tryStart(
      this.options.family,
      episode,
      now,
    );
    if (!claim) return false;
    await this.send(claim, episode.start);
    return true;
  }

  private async send(claim: ClaimedEpisode, message: EpisodeMessage) {
    const { episode } = claim;
    if (episode.recipients.length === 0) {
      this.options.logger.info(
        `No owner to tell about ${episode.key}: ${episode.entityRef} has no owner`,
      );
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: episode.recipients },
        payload: {
          title: message.title,
          description: message.description,
          severity: message.severity ?? 'normal',
          link: episode.link,
          topic: episode.topic,
          scope: episodeScope(claim),
          metadata: { entityRef: episode.entityRef, episodeKey: episode.key },
        },
      });
    } catch (error) {
      // Claimed but not delivered: told at most once, never twice.
      this.options.logger.warn(
        `Could not notify the owners of ${episode.entityRef} about ${
          episode.key
        }: ${(error as Error).message}`,
      );
    }
  }
}
