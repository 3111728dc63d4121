import { parseEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { Episode, entityPagePath } from '@internal/owner-notify';
import { ObjectiveReport } from '@internal/backstage-plugin-slo-common';

/** Notification topics of the SLO plugin, each mutable in the notification settings. */
export const SLO_TOPICS = {
  /** The page tiers (page-fast, page-slow) start or stop firing: high severity. */
  burnPage: 'slo-burn-page',
  /** The ticket tiers (ticket-fast, ticket-slow) start or stop firing. */
  burnTicket: 'slo-burn-ticket',
  /** A budget is exhausted and deploys freeze, or it recovers and they resume. */
  freeze: 'slo-budget-freeze',
} as const;

/** The family (key prefix) of the SLO plugin's episodes. */
export const SLO_FAMILY = 'slo';

/** What the evaluation of one component found, for its owners. */
export interface ComponentEvaluation {
  entityRef: string;
  /** Entity refs of its owners. */
  owners: string[];
  objectives: Array<
    Pick<
      ObjectiveReport,
      | 'id'
      | 'state'
      | 'frozen'
      | 'exhaustedSince'
      | 'burnRates'
      | 'freshness'
      | 'budget'
    > & { definition: Pick<ObjectiveReport['definition'], 'displayName'> }
  >;
}

export interface SloEpisodes {
  episodes: Episode[];
  /** Subjects with current figures: only their open episodes may end. */
  evaluatedSubjects: Set<string>;
}

const percent = (share: number | null) =>
  share === null ? 'unknown' : `${Math.round(share * 1000) / 10}%`;

/** Spent rather than a negative remainder: -0.125 left is 112.5% spent. */
function budgetLine(remaining: number | null): string {
  if (remaining === null) return 'Error budget left unknown';
  return remaining < 0
    ? `Error budget spent: ${percent(1 - remaining)}`
    : `Error budget left: ${percent(remaining)}`;
}

/** `2026-12-05T22:00:00Z` -> `5 Dec 2026, 22:00 UTC`. */
const readableTime = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).toFormat("d LLL yyyy, HH:mm 'UTC'");

const rate = (value: number | null) =>
  value === null ? 'unknown' : `${Math.round(value * 10) / 10}x`;

/** `component:default/cart` -> `cart`; other namespaces keep theirs: `shop/cart`. */
export function displayName(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef);
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/** 3_600_000 -> `1h`, 300_000 -> `5m`, 259_200_000 -> `3d`. */
export function shortDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

type Tier = ComponentEvaluation['objectives'][number]['burnRates'][number];

const tierLine = (tier: Tier) =>
  `${tier.tier}: burn rate ${rate(tier.longBurnRate)} over ${shortDuration(
    tier.longWindowMs,
  )} and ${rate(tier.shortBurnRate)} over ${shortDuration(
    tier.shortWindowMs,
  )}, threshold ${rate(tier.threshold)}`;

/**
 * The episodes of components' objectives now: a frozen budget (per objective), and a
 * burn per objective and severity while any of its tiers fires (page-fast and page-slow
 * firing together are one page, not two). An objective without current figures (unknown
 * state, or the last good figures of a failing source) starts nothing and ends nothing;
 * a severity with a tier in state unknown and none firing neither.
 */
export function sloEpisodes(components: ComponentEvaluation[]): SloEpisodes {
  const episodes: Episode[] = [];
  const evaluatedSubjects = new Set<string>();
  for (const component of components) {
    const name = displayName(component.entityRef);
    const link = entityPagePath(component.entityRef, 'slos');
    const base = {
      entityRef: component.entityRef,
      recipients: component.owners,
      link,
    };
    for (const objective of component.objectives) {
      if (objective.state === 'unknown' || objective.freshness.stale) continue;
      const label = objective.definition.displayName ?? objective.id;
      const subject = `${component.entityRef}:${objective.id}`;
      evaluatedSubjects.add(subject);
      if (objective.frozen) {
        const since = objective.exhaustedSince
          ? ` since ${readableTime(objective.exhaustedSince)}`
          : '';
        episodes.push({
          ...base,
          key: `${SLO_FAMILY}:freeze:${subject}`,
          subject,
          topic: SLO_TOPICS.freeze,
          start: {
            title: `Deploys frozen: ${name} has spent the error budget of ${label}`,
            description: `${budgetLine(
              objective.budget.remaining,
            )}${since}. The error budget policy stops production deploys until the budget recovers.`,
            severity: 'high',
          },
          end: {
            title: `Deploys unfrozen: ${name} has error budget again on ${label}`,
            description: `The error budget policy no longer stops production deploys of ${name}.`,
            severity: 'normal',
          },
        });
      }
      for (const severity of ['page', 'ticket'] as const) {
        const tiers = objective.burnRates.filter(t => t.severity === severity);
        const firing = tiers.filter(t => t.state === 'firing');
        const severitySubject = `${subject}:${severity}`;
        if (firing.length === 0 && tiers.some(t => t.state === 'unknown')) {
          continue;
        }
        if (tiers.length > 0) evaluatedSubjects.add(severitySubject);
        if (firing.length === 0) continue;
        const page = severity === 'page';
        episodes.push({
          ...base,
          key: `${SLO_FAMILY}:burn:${severitySubject}`,
          subject: severitySubject,
          topic: page ? SLO_TOPICS.burnPage : SLO_TOPICS.burnTicket,
          start: {
            title: `${name} burns the error budget of ${label} too fast (${firing
              .map(t => t.tier)
              .join(', ')} firing)`,
            description: `${firing.map(tierLine).join('; ')}.`,
            severity: page ? 'high' : 'normal',
          },
          end: {
            title: `${name} no longer burns the error budget of ${label} too fast (${severity} tiers stopped)`,
            severity: 'low',
          },
        });
      }
    }
  }
  return { episodes, evaluatedSubjects };
}
