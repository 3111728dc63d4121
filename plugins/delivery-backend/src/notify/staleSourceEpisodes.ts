import { parseEntityRef } from '@backstage/catalog-model';
import { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import { entityPagePath, Episode } from '@internal/owner-notify';
import { DateTime, Duration } from 'luxon';

/** The family (key prefix) of the delivery plugin's episodes. */
export const DELIVERY_FAMILY = 'delivery';

/** A source feeding a team's services has been stale longer than the threshold. */
export const STALE_SOURCE_TOPIC = 'delivery-source-stale';

/** A component a source has sent events for, with its owners. */
export interface FedComponent {
  entityRef: string;
  owners: string[];
}

const nameOf = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref);
  return namespace === 'default' ? name : `${namespace}/${name}`;
};

/** 10_800_000 -> `3 hours`, 5_400_000 -> `1 hour 30 minutes`, 60_000 -> `1 minute`. */
export function humanDuration(ms: number): string {
  const { days, hours, minutes } = Duration.fromMillis(ms)
    .shiftTo('days', 'hours', 'minutes')
    .toObject();
  const parts: Array<[number, string]> = [
    [days ?? 0, 'day'],
    [hours ?? 0, 'hour'],
    [Math.floor(minutes ?? 0), 'minute'],
  ];
  const shown = parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return shown.length > 0 ? shown.join(' ') : 'less than a minute';
}

/**
 * One episode per (source, owning team) while a source that has sent events for the
 * team's components has been stale for at least `staleForMs` (since its `staleSince`);
 * the episodes of a source end when it is fresh again. Sources off until configured,
 * and stale sources with no known start of staleness, start and end nothing.
 */
export function staleSourceEpisodes(
  sources: SourceStatus[],
  fed: ReadonlyMap<string, FedComponent[]>,
  options: { now: Date; staleForMs: number },
): { episodes: Episode[]; evaluatedSubjects: Set<string> } {
  const episodes: Episode[] = [];
  const evaluatedSubjects = new Set<string>();
  const now = DateTime.fromJSDate(options.now);
  for (const source of sources) {
    if (source.disabled) continue;
    if (!source.stale) {
      // Fresh: every episode of the source ends.
      evaluatedSubjects.add(source.id);
      continue;
    }
    // Stale since an unknown time: no verdict either way.
    if (!source.staleSince) continue;
    const staleMs = now
      .diff(DateTime.fromISO(source.staleSince, { setZone: true }))
      .toMillis();
    if (staleMs < options.staleForMs) {
      // Stale again after a success: the earlier staleness is over.
      evaluatedSubjects.add(source.id);
      continue;
    }
    // Still stale: its open episodes last (also of teams it no longer feeds).
    const byOwner = new Map<string, string[]>();
    for (const component of fed.get(source.source) ?? []) {
      for (const owner of component.owners) {
        byOwner.set(owner, [
          ...(byOwner.get(owner) ?? []),
          nameOf(component.entityRef),
        ]);
      }
    }
    for (const [owner, components] of [...byOwner.entries()].sort()) {
      const failing =
        source.failing.length > 0
          ? ` Failing: ${source.failing.join(' and ')}${
              source.lastError ? ` (${source.lastError})` : ''
            }.`
          : '';
      episodes.push({
        key: `${DELIVERY_FAMILY}:stale:${source.id}:${owner}`,
        subject: source.id,
        topic: STALE_SOURCE_TOPIC,
        entityRef: owner,
        recipients: [owner],
        link: entityPagePath(owner, 'deployments'),
        start: {
          title: `Delivery source ${source.id} stale for ${humanDuration(
            staleMs,
          )}`,
          description: `No fresh data since ${
            source.staleSince
          }; it feeds ${components
            .sort()
            .join(
              ', ',
            )}: their deployments and DORA figures may be missing recent events.${failing}`,
          severity: 'normal',
        },
        end: {
          title: `Delivery source ${source.id} is fresh again`,
          severity: 'low',
        },
      });
    }
  }
  return { episodes, evaluatedSubjects };
}
