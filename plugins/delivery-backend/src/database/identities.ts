import { Knex } from 'knex';

/**
 * `(source, external_id)` among the events' identities, as `source = ? and
 * external_id in (...)` per source: PostgreSQL plans a row-value IN list as one
 * OR branch per tuple, which made ingestion slow; this form is one index scan.
 */
export function whereIdentityIn(
  qb: Knex.QueryBuilder,
  events: { source: string; id: string }[],
  columns = { source: 'source', id: 'external_id' },
) {
  const idsBySource = new Map<string, string[]>();
  for (const { source, id } of events) {
    const ids = idsBySource.get(source) ?? [];
    ids.push(id);
    idsBySource.set(source, ids);
  }
  if (idsBySource.size === 0) qb.whereRaw('1 = 0');
  for (const [source, ids] of idsBySource) {
    qb.orWhere(one =>
      one.where(columns.source, source).whereIn(columns.id, ids),
    );
  }
  return qb;
}
