/*
 * The write side of the flag store: flag changes upserted by (source, external_id),
 * then the histories they touch recomputed (delivery-common `flagHistory`), so each
 * row's served / is_release / ended_* columns hold what the history says, whatever
 * order the changes arrived in.
 */
import {
  FlagChange,
  FlagEvent,
  flagHistory,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { FlagHistoryColumns, FlagRow, toFlagRow } from './flagRows';
import { whereIdentityIn } from './identities';
import { toIso } from './rows';

/** Rows per insert: a flag row has 13 columns, well under the bound-parameter limits. */
const FLAGS_PER_STATEMENT = 500;
/** Histories (component, flag key) read per statement. */
const HISTORIES_PER_STATEMENT = 200;
/**
 * First key of the PostgreSQL advisory locks on flag histories (the second is the
 * history's hash): an arbitrary constant that keeps them apart from other locks.
 */
const HISTORY_LOCK_SPACE = 0x666c6167; // 'flag'

/** A history as stored: the component (lower-cased) and the flag key. */
interface HistoryRef {
  entityRef: string;
  flagKey: string;
}

const historyId = (h: HistoryRef) => `${h.entityRef}\u0000${h.flagKey}`;

/**
 * Stores flag changes (a re-sent one replaces its row) and recomputes every history
 * they touch, including the one a re-sent change moved away from.
 */
export async function upsertFlags(
  tx: Knex.Transaction,
  flags: FlagEvent[],
  now: string,
): Promise<void> {
  if (flags.length === 0) return;
  const touched = new Map<string, HistoryRef>();
  const touch = (h: HistoryRef) => touched.set(historyId(h), h);
  for (const event of flags) {
    touch({ entityRef: event.entityRef.toLowerCase(), flagKey: event.flagKey });
  }
  for (const batch of chunks(flags)) {
    const former: { entity_ref: string; flag_key: string }[] = await tx('flags')
      .select('entity_ref', 'flag_key')
      .where(qb => whereIdentityIn(qb, batch));
    for (const row of former) {
      touch({ entityRef: row.entity_ref, flagKey: row.flag_key });
    }
  }
  const histories = [...touched.values()];
  await lockHistories(tx, histories);
  for (const batch of chunks(flags, FLAGS_PER_STATEMENT)) {
    await tx('flags')
      .insert(batch.map(e => toFlagRow(e, now)))
      .onConflict(['source', 'external_id'])
      .merge();
  }
  await recomputeHistories(tx, histories);
}

/**
 * Two replicas storing changes of one flag at once would each recompute the history
 * without the other's change; on PostgreSQL the second waits for the first to commit
 * (an advisory lock per history, taken in one order so they cannot deadlock). SQLite
 * runs one writer at a time.
 */
async function lockHistories(tx: Knex.Transaction, histories: HistoryRef[]) {
  if (tx.client.config.client !== 'pg') return;
  const keys = [...new Set(histories.map(h => hash32(historyId(h))))].sort(
    (a, b) => a - b,
  );
  for (const slice of chunks(keys)) {
    await tx.raw(
      `select count(pg_advisory_xact_lock(?, k)) from (
         select unnest(?::integer[]) as k order by 1
       ) ordered`,
      [HISTORY_LOCK_SPACE, slice],
    );
  }
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

type HistoryRow = Pick<
  FlagRow,
  | 'pk'
  | 'source'
  | 'external_id'
  | 'entity_ref'
  | 'flag_key'
  | 'environment'
  | 'action'
  | 'percentage'
  | 'at'
> &
  FlagHistoryColumns;

/** Writes each row's history columns where they differ from what its history says. */
export async function recomputeHistories(
  tx: Knex.Transaction,
  histories: HistoryRef[],
): Promise<void> {
  for (const slice of chunks(histories, HISTORIES_PER_STATEMENT)) {
    const byRef = new Map<string, string[]>();
    for (const h of slice) {
      byRef.set(h.entityRef, [...(byRef.get(h.entityRef) ?? []), h.flagKey]);
    }
    const rows: HistoryRow[] = await tx('flags')
      .select(
        'pk',
        'source',
        'external_id',
        'entity_ref',
        'flag_key',
        'environment',
        'action',
        'percentage',
        'at',
        'served',
        'is_release',
        'ended_at',
        'ended_ms',
      )
      .where(qb => {
        for (const [ref, keys] of byRef) {
          qb.orWhere(one =>
            one.where('entity_ref', ref).whereIn('flag_key', keys),
          );
        }
      });
    const changes = rows.map(row => ({
      row,
      source: row.source,
      id: row.external_id,
      entityRef: row.entity_ref,
      flagKey: row.flag_key,
      environment: row.environment,
      action: row.action,
      percentage: row.percentage === null ? undefined : Number(row.percentage),
      at: toIso(row.at)!,
    })) satisfies FlagChange[];
    for (const step of flagHistory(changes)) {
      const { row } = step.change;
      const wanted = {
        served: step.servedAfter,
        is_release: step.release ? 1 : 0,
        ended_at: step.endedAt === undefined ? null : toUtcIso(step.endedAt),
        ended_ms: step.endedAt === undefined ? null : toMillis(step.endedAt),
      };
      const same =
        Number(row.served) === wanted.served &&
        Number(row.is_release) === wanted.is_release &&
        (row.ended_ms === null ? null : Number(row.ended_ms)) ===
          wanted.ended_ms;
      if (!same) {
        await tx('flags').where('pk', row.pk).update(wanted);
      }
    }
  }
}
