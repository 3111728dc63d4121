/*
 * The read side of the flag store: GET /flags (newest first, paged), the timeline's
 * flag markers, and DORA's flag releases (`countFlagReleasesAsDeployments`), which
 * read the history columns ingestion keeps (see flagWrites).
 */
import {
  FlagEvent,
  FlagReleaseSummary,
  productionEnvironmentSet,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks, placeholders } from './chunks';
import { FLAG_EVENT_COLUMNS, FlagRow, toFlagEvent } from './flagRows';
import { newestFirst } from './eventLists';
import { ListPosition } from './stores';
import { TimelineScope } from './timelineReads';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 86_400_000;

/** The summary of a window without flag releases. */
export const noFlagReleases = (): FlagReleaseSummary => ({
  releases: 0,
  failed: 0,
  recoveryHours: [],
});

/** Query of GET /flags, the components resolved. */
export interface FlagListQuery {
  entityRefs: string[];
  from?: string;
  to?: string;
  environment?: string;
  flagKey?: string;
  limit: number;
  cursor?: ListPosition;
}

/** Flag changes newest first (by `at`, pk breaking ties), after the cursor. */
export async function listFlags(
  knex: Knex,
  query: FlagListQuery,
): Promise<{ items: FlagEvent[]; next?: ListPosition }> {
  const { rows, next } = await newestFirst<FlagRow>(
    knex,
    'flags',
    'at',
    query,
    qb => {
      qb.select(...FLAG_EVENT_COLUMNS);
      if (query.environment) qb.where('environment', query.environment);
      if (query.flagKey) qb.where('flag_key', query.flagKey);
    },
  );
  return { items: rows.map(toFlagEvent), next };
}

/**
 * Flag changes at [from, to), oldest first, at most `limit` of them (the most recent
 * win when there are more), as the timeline draws them.
 */
export async function loadTimelineFlags(
  knex: Knex,
  scope: TimelineScope & { limit: number },
): Promise<{ items: FlagEvent[]; truncated: boolean }> {
  if (scope.entityRefs.length === 0) return { items: [], truncated: false };
  const rows: FlagRow[] = await knex('flags')
    .whereIn('entity_ref', scope.entityRefs)
    .where('at', '>=', scope.from)
    .where('at', '<', scope.to)
    .select(...FLAG_EVENT_COLUMNS)
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'pk', order: 'desc' },
    ])
    .limit(scope.limit + 1);
  return {
    items: rows.slice(0, scope.limit).reverse().map(toFlagEvent),
    truncated: rows.length > scope.limit,
  };
}

/** Scope of the DORA flag-release read. */
export interface FlagReleaseScope {
  /** Lower-cased component refs. */
  entityRefs: string[];
  /** Window [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /** Bucket i holds [weekStart + i weeks, ...); absent: one bucket (0). */
  weekStart?: number;
  productionEnvironments: string[];
}

/** Per component and bucket: the flag releases of a window (delivery-common's summary). */
export type FlagReleaseFacts = Array<{
  entityRef: string;
  bucket: number;
  summary: FlagReleaseSummary;
}>;

/**
 * The production flag releases of the window per component and bucket, as
 * delivery-common's `flagReleases` decides them: counted in the database (the
 * is_release rows), the failed ones (few) loaded with their recovery. A release
 * failed when it ended (ended_*) while an incident of its component was open that
 * opened at or after the release and not after the end.
 */
export async function loadFlagReleaseFacts(
  knex: Knex,
  scope: FlagReleaseScope,
): Promise<FlagReleaseFacts> {
  const production = [
    ...productionEnvironmentSet(scope.productionEnvironments),
  ];
  const bucket =
    scope.weekStart === undefined
      ? knex.raw('0')
      : knex.raw('cast((f.at_ms - ?) / ? as integer)', [
          scope.weekStart,
          WEEK_MS,
        ]);
  const facts = new Map<string, FlagReleaseFacts[number]>();
  const of = (entityRef: string, b: number | string) => {
    const key = `${entityRef}\u0000${Number(b)}`;
    let entry = facts.get(key);
    if (!entry) {
      entry = {
        entityRef,
        bucket: Number(b),
        summary: noFlagReleases(),
      };
      facts.set(key, entry);
    }
    return entry.summary;
  };
  for (const refs of chunks(scope.entityRefs)) {
    const releases = (qb: Knex.QueryBuilder) =>
      qb
        .from('flags as f')
        .whereIn('f.entity_ref', refs)
        .where('f.is_release', 1)
        .where('f.at_ms', '>=', scope.from)
        .where('f.at_ms', '<', scope.to)
        .whereRaw(
          `lower(f.environment) in (${placeholders(production)})`,
          production,
        );
    const counts: {
      entity_ref: string;
      bucket: number | string;
      n: unknown;
    }[] = await knex
      .queryBuilder()
      .modify(releases)
      .select({ entity_ref: 'f.entity_ref', bucket })
      .count({ n: '*' })
      .groupBy('f.entity_ref', 'bucket');
    for (const row of counts)
      of(row.entity_ref, row.bucket).releases += Number(row.n);

    const failed: {
      entity_ref: string;
      bucket: number | string;
      at_ms: number | string;
      ended_ms: number | string;
    }[] = await knex
      .queryBuilder()
      .modify(releases)
      .whereNotNull('f.ended_ms')
      .whereExists(incident =>
        incident
          .select(knex.raw('1'))
          .from('incidents as i')
          .whereRaw(
            `i.entity_ref = f.entity_ref
             and i.opened_ms >= f.at_ms and i.opened_ms <= f.ended_ms
             and (i.resolved_at is null or i.resolved_at >= f.ended_at)`,
          ),
      )
      .select({
        entity_ref: 'f.entity_ref',
        bucket,
        at_ms: 'f.at_ms',
        ended_ms: 'f.ended_ms',
      })
      .orderBy([
        { column: 'f.at_ms', order: 'asc' },
        { column: 'f.pk', order: 'asc' },
      ]);
    for (const row of failed) {
      const summary = of(row.entity_ref, row.bucket);
      summary.failed += 1;
      summary.recoveryHours.push(
        (Number(row.ended_ms) - Number(row.at_ms)) / HOUR_MS,
      );
    }
  }
  return [...facts.values()];
}

/** The releases of some components pooled per bucket (summed counts, pooled hours). */
export function poolFlagReleases(
  facts: FlagReleaseFacts,
  components?: Iterable<string>,
): Map<number, FlagReleaseSummary> {
  const only = components ? new Set(components) : undefined;
  const pooled = new Map<number, FlagReleaseSummary>();
  for (const { entityRef, bucket, summary } of facts) {
    if (only && !only.has(entityRef)) continue;
    const into = pooled.get(bucket) ?? noFlagReleases();
    into.releases += summary.releases;
    into.failed += summary.failed;
    into.recoveryHours.push(...summary.recoveryHours);
    pooled.set(bucket, into);
  }
  return pooled;
}
