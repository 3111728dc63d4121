/**
 * Tells the owners of an entity about episodes (a burn-rate tier firing, a frozen error
 * budget, a stale source, a denied deploy) through Backstage notifications: once when an
 * episode starts, the same notification updated when it ends, never twice across
 * replicas. Shared by the SLO, deploy gate, delivery and golden-path backends.
 *
 * @packageDocumentation
 */
export type {
  Episode,
  EpisodeDiff,
  EpisodeMessage,
  OpenEpisode,
} from './episodes';
export { diffEpisodes } from './episodes';
export type { ClaimedEpisode } from './EpisodeStore';
export {
  EpisodeStore,
  episodeMigrationsDir,
  episodeMigrationsTable,
} from './EpisodeStore';
export type { ReconcileResult } from './OwnerNotifier';
export { episodeScope, OwnerNotifier } from './OwnerNotifier';
export { entityPagePath, ownerRefOf, ownerRefsOf } from './owners';
export { RecordingNotificationService } from './testUtils';
export type { EpisodeSchedule } from './schedule';
export {
  readEpisodeSchedule,
  scheduleEpisodeTask,
  startOwnerNotifications,
} from './schedule';
