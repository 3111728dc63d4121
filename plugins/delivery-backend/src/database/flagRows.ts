import {
  FlagAction,
  FlagEvent,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import { toIso } from './rows';

/** Timestamps come back as Date from PostgreSQL and as the stored ISO text from SQLite. */
type DbTime = Date | string;

/** A row of `flags` (migration 20261207000100_flags). */
export interface FlagRow {
  pk: number | string;
  source: string;
  external_id: string;
  entity_ref: string;
  flag_key: string;
  environment: string;
  action: FlagAction;
  percentage: number | null;
  at: DbTime;
  /** bigint: a string from PostgreSQL. */
  at_ms: number | string;
  author: string | null;
  url: string | null;
  received_at: DbTime;
  /** The history's derived columns (delivery-common `flagHistory`). */
  served: number;
  is_release: number | boolean;
  ended_at: DbTime | null;
  ended_ms: number | string | null;
}

/** The derived columns, which ingestion recomputes per history. */
export type FlagHistoryColumns = Pick<
  FlagRow,
  'served' | 'is_release' | 'ended_at' | 'ended_ms'
>;

/** The row of a change as sent; its history columns are recomputed after the write. */
export function toFlagRow(
  event: FlagEvent,
  receivedAt: string,
): Omit<FlagRow, 'pk' | keyof FlagHistoryColumns> {
  return {
    source: event.source,
    external_id: event.id,
    entity_ref: event.entityRef.toLowerCase(),
    flag_key: event.flagKey,
    environment: event.environment,
    action: event.action,
    percentage: event.percentage ?? null,
    at: toUtcIso(event.at),
    at_ms: toMillis(event.at),
    author: event.author ?? null,
    url: event.url ?? null,
    received_at: receivedAt,
  };
}

/** A stored change as the normalised event it was sent as (its `at` in UTC). */
export function toFlagEvent(
  row: Omit<FlagRow, keyof FlagHistoryColumns | 'received_at' | 'at_ms'>,
): FlagEvent {
  return {
    kind: 'flag',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    flagKey: row.flag_key,
    environment: row.environment,
    action: row.action,
    ...(row.percentage === null ? {} : { percentage: Number(row.percentage) }),
    at: toIso(row.at)!,
    ...(row.author === null ? {} : { author: row.author }),
    ...(row.url === null ? {} : { url: row.url }),
  };
}

/** The columns a flag answer reads, in the order of FlagEvent. */
export const FLAG_EVENT_COLUMNS = [
  'pk',
  'source',
  'external_id',
  'entity_ref',
  'flag_key',
  'environment',
  'action',
  'percentage',
  'at',
  'author',
  'url',
] as const;
