import type {
  InitiativeMilestone,
  InitiativeStatus,
} from '@internal/backstage-plugin-maturity-common';
import { reachedMilestones } from '@internal/backstage-plugin-maturity-common';
import { Episode, EpisodeMessage } from '@internal/owner-notify';
import { DateTime } from 'luxon';

/** The family (key prefix) of the maturity episodes. */
export const MATURITY_FAMILY = 'maturity';
/** The notification topic users can mute. */
export const INITIATIVE_TOPIC = 'maturity-initiative';

/** Where an initiative's progress is shown. */
export const INITIATIVES_LINK = '/maturity';

const day = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLL yyyy');

const percent = (status: InitiativeStatus) =>
  status.progress.ratio === null
    ? 'no components in scope yet'
    : `${status.progress.done} of ${
        status.progress.components
      } components there (${Math.round(status.progress.ratio * 100)}%)`;

function message(
  milestone: InitiativeMilestone,
  status: InitiativeStatus,
): EpisodeMessage {
  const target =
    'level' in status.target
      ? `level ${status.target.level}`
      : `checks ${status.target.checks.join(', ')}`;
  switch (milestone) {
    case 'started':
      return {
        title: `Initiative started: ${status.title}`,
        description: `Target ${target} by ${day(status.deadline)}; ${percent(
          status,
        )}.`,
      };
    case 'month-before-deadline':
      return {
        title: `A month left: ${status.title}`,
        description: `Deadline ${day(status.deadline)}; ${percent(status)}.`,
      };
    case 'week-before-deadline':
      return {
        title: `A week left: ${status.title}`,
        description: `Deadline ${day(status.deadline)}; ${percent(status)}.`,
        severity: 'high',
      };
    default:
      return {
        title: `Initiative complete: ${status.title}`,
        description: `Every component in scope reached ${target}.`,
      };
  }
}

/**
 * One one-shot episode per initiative: its latest milestone reached, told to the owning
 * teams and the initiative's owners in one notification (the notifications service
 * tells a person in several of them once). A milestone superseded before it was told
 * (an initiative first seen a month before its deadline) is not told late: "started"
 * is old news beside "a month left". The key makes each told once
 * (`OwnerNotifier.notifyOnce`).
 */
export function initiativeEpisodes(
  statuses: InitiativeStatus[],
  now: Date,
): Episode[] {
  const episodes: Episode[] = [];
  for (const status of statuses) {
    const milestone = reachedMilestones(
      status,
      status.progress,
      now.toISOString(),
    ).at(-1);
    const recipients = [
      ...new Set([...status.teams, ...status.owners.map(o => o.toLowerCase())]),
    ];
    if (!milestone || recipients.length === 0) continue;
    episodes.push({
      key: `${MATURITY_FAMILY}:initiative:${status.id}:${milestone}`,
      subject: `initiative:${status.id}`,
      topic: INITIATIVE_TOPIC,
      entityRef: recipients[0],
      recipients,
      link: `${INITIATIVES_LINK}?initiative=${encodeURIComponent(status.id)}`,
      start: message(milestone, status),
    });
  }
  return episodes;
}
