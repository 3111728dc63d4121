import { NotificationSeverity } from '@backstage/plugin-notifications-common';

/** What the owners are told when an episode starts or ends. */
export interface EpisodeMessage {
  title: string;
  description?: string;
  /** Defaults to `normal`. */
  severity?: NotificationSeverity;
}

/**
 * Something the owners of an entity are told about once while it lasts: a burn-rate tier
 * firing, a frozen budget, a stale source, a denied deploy.
 */
export interface Episode {
  /**
   * Unique per thing told about, e.g. `slo:burn:component:default/cart:availability:page`.
   * The same key in the next evaluation is the same episode (no second notification).
   */
  key: string;
  /**
   * What the episode is about, e.g. `component:default/cart:availability`: an open
   * episode is ended only when its subject was evaluated and the episode is gone, never
   * because the subject could not be evaluated (missing data is not a recovery).
   */
  subject: string;
  /** The notification topic, which users can mute in their notification settings. */
  topic: string;
  /** The entity the episode is about. */
  entityRef: string;
  /** Entity refs told (groups are resolved to their members by the notifications backend). */
  recipients: string[];
  /** The drill-down: a path of the portal (`/catalog/...`) or an absolute URL. */
  link: string;
  start: EpisodeMessage;
  /** Told when the episode ends; without it the end is not told (one-shot episodes). */
  end?: EpisodeMessage;
}

/** An episode that is open in the store. */
export interface OpenEpisode {
  key: string;
  subject: string;
}

export interface EpisodeDiff {
  /** Episodes of `current` that are not open: their owners are told they started. */
  started: Episode[];
  /** Keys of open episodes gone from `current` whose subject was evaluated. */
  ended: string[];
}

/**
 * Which episodes start and which end between what is open and what the latest evaluation
 * found. `evaluatedSubjects` are the subjects the evaluation had data for; an open
 * episode whose subject is not among them stays open. A key repeated in `current` counts
 * once (the first).
 */
export function diffEpisodes(
  open: OpenEpisode[],
  current: Episode[],
  evaluatedSubjects: ReadonlySet<string>,
): EpisodeDiff {
  const openKeys = new Set(open.map(o => o.key));
  const currentKeys = new Set<string>();
  const started: Episode[] = [];
  for (const episode of current) {
    if (currentKeys.has(episode.key)) continue;
    currentKeys.add(episode.key);
    if (!openKeys.has(episode.key)) started.push(episode);
  }
  const ended = open
    .filter(o => !currentKeys.has(o.key) && evaluatedSubjects.has(o.subject))
    .map(o => o.key);
  return { started, ended };
}
