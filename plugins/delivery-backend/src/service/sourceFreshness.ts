import type { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import { sourceIdOf, SourceSyncRecord } from '../database/sourceStatus';

/** Freshness of one source (instance), as `GET /sources` answers it. */
export type SourceFreshness = SourceStatus;

const later = (a?: string, b?: string) => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
};

/**
 * Folds the pull and webhook records of each source (instance) into one freshness.
 * A way in is failing when its last error is newer than its last success. A pull that
 * has not succeeded within `staleAfterMs` also makes the source stale: its schedule
 * stopped or keeps failing, and webhooks alone may have gaps.
 */
export function sourceFreshness(
  records: SourceSyncRecord[],
  options: {
    now: number;
    staleAfterMs: number;
    /** Sources (instances) off until configured, by id, with the reason. */
    disabled?: ReadonlyMap<string, string>;
  },
): SourceFreshness[] {
  const disabled = options.disabled ?? new Map<string, string>();
  const groups = new Map<string, SourceSyncRecord[]>();
  for (const record of records) {
    const id = sourceIdOf(record);
    groups.set(id, [...(groups.get(id) ?? []), record]);
  }
  const off = [...disabled.entries()]
    .filter(([id]) => !groups.has(id))
    .map(([id, reason]): SourceFreshness => {
      const [source, ...instance] = id.split('/');
      return {
        id,
        source,
        ...(instance.length ? { instance: instance.join('/') } : {}),
        stale: false,
        failing: [],
        disabled: true,
        disabledReason: reason,
      };
    });
  const reported = [...groups.entries()].map(([id, group]): SourceFreshness => {
    const failing = group
      .filter(
        r =>
          r.lastErrorAt !== undefined &&
          (r.lastSuccessAt === undefined ||
            Date.parse(r.lastErrorAt) > Date.parse(r.lastSuccessAt)),
      )
      .map(r => r.via)
      .sort();
    const pull = group.find(r => r.via === 'pull');
    const pullOverdue =
      pull?.lastSuccessAt !== undefined &&
      options.now - Date.parse(pull.lastSuccessAt) > options.staleAfterMs;
    let lastSuccessAt: string | undefined;
    let lastErrorAt: string | undefined;
    let lastError: string | undefined;
    for (const r of group) {
      lastSuccessAt = later(lastSuccessAt, r.lastSuccessAt);
      if (
        r.lastErrorAt &&
        later(lastErrorAt, r.lastErrorAt) === r.lastErrorAt
      ) {
        lastErrorAt = r.lastErrorAt;
        lastError = r.lastError;
      }
    }
    const stored = {
      id,
      source: group[0].source,
      ...(group[0].instance ? { instance: group[0].instance } : {}),
      ...(lastSuccessAt ? { lastSuccessAt } : {}),
      ...(lastErrorAt ? { lastErrorAt, lastError } : {}),
    };
    const reason = disabled.get(id);
    if (reason !== undefined) {
      // Off until configured: what it stored before stays, but it is not stale.
      return {
        ...stored,
        stale: false,
        failing: [],
        disabled: true as const,
        disabledReason: reason,
      };
    }
    const stale = failing.length > 0 || pullOverdue;
    return {
      ...stored,
      ...(lastSuccessAt
        ? {
            lagSeconds: Math.max(
              0,
              Math.round((options.now - Date.parse(lastSuccessAt)) / 1000),
            ),
          }
        : {}),
      stale,
      ...(stale ? { staleSince: lastSuccessAt ?? lastErrorAt } : {}),
      failing,
    };
  });
  return [...reported, ...off].sort((a, b) => a.id.localeCompare(b.id));
}
