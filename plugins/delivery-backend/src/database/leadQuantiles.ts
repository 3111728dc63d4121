import { LeadTimeSummary } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';

/*
 * Exact quantiles (median, p90) of duration columns (ms, never negative) per bucket
 * without sorting every row: count the rows per slot of the value, find the slot
 * holding each needed rank, narrow it with finer slots until it is small, then read
 * only those values. Several columns of one table (the four lead-time stages) share
 * each pass (PostgreSQL: grouping sets), so every row is read once per pass. Each
 * pass is one index-only scan, split over two connections for large scopes; the
 * interpolation is `quantile`'s (position q * (n - 1), linear between ranks). Used
 * for dora_changes.lead_ms and the change_facts stages.
 */

const HOUR_MS = 3_600_000;
/** Slot widths, coarse to fine; the last (1 ms) always ends in a fetch. */
export const HOUR_FIRST_WIDTHS = [HOUR_MS, 60_000, 1_000, 1];
/**
 * Minute slots first: more slots come back from the first pass, but the usual scope
 * is then read twice (count, fetch) rather than three times (count, narrow, fetch).
 */
export const MINUTE_FIRST_WIDTHS = [60_000, 1_000, 1];
/** A slot with at most this many values is read instead of narrowed further. */
export const DEFAULT_FETCH_LIMIT = 5_000;
const QUANTILES = [0.5, 0.9];

export type DurationColumn =
  | 'lead_ms'
  | 'coding_ms'
  | 'pickup_ms'
  | 'review_ms'
  | 'deploy_ms';

/** Which durations: a table with entity_ref and finished_ms, and columns of ms. */
export interface DurationValues {
  table: 'dora_changes' | 'change_facts';
  /** Rows where a column is null do not count for it. */
  columns: DurationColumn[];
}

export interface LeadScope {
  entityRefs: string[];
  /** Window [from, to) of finished_ms, epoch ms. */
  from: number;
  to: number;
  /** SQL for a row's bucket (0, or its week). */
  bucket: Knex.Raw;
  values: DurationValues;
  /** Slot widths of the passes; default HOUR_FIRST_WIDTHS. */
  widths?: number[];
}

/** One column's values in one bucket: `${column index}:${bucket}`. */
type Series = string;
const seriesOf = (col: number, bucket: number): Series => `${col}:${bucket}`;

/** A rank (0-based, ascending) of one series' values, being located. */
interface Target {
  col: number;
  bucket: number;
  rank: number;
  /** The value range [lo, hi) known to hold it, and its rank inside. */
  lo: number;
  hi: number;
  rankWithin: number;
  count: number;
  level: number;
  value?: number;
}

interface Range {
  lo: number;
  hi: number;
}

/** Per series, per slot: how many values, and the smallest and largest. */
type Slots = Map<Series, Map<number, { n: number; min: number; max: number }>>;

/** Per column index: the value ranges to read, or undefined for all values. */
type Ranges = Map<number, Range[] | undefined>;

/** Splits the components over the readers, which read in parallel. */
function parts<T>(items: T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  ).filter(part => part.length > 0);
}

/** Rows come back with numbers as numbers or strings (PostgreSQL bigint). */
type Row = Record<string, number | string>;

async function acrossScope(
  readers: Knex[],
  scope: LeadScope,
  query: (knex: Knex, entityRefs: string[]) => Knex.QueryBuilder,
): Promise<Row[]> {
  const results = await Promise.all(
    parts(scope.entityRefs, readers.length).map((refs, i) =>
      query(readers[i], refs).then(rows => rows as Row[]),
    ),
  );
  return results.flat();
}

const rangeKey = (t: Range) => `${t.lo}:${t.hi}`;

/** The scope's rows of the given entities (one index range per entity). */
function inScope(knex: Knex, entityRefs: string[], scope: LeadScope) {
  return knex(scope.values.table)
    .whereIn('entity_ref', entityRefs)
    .where('finished_ms', '>=', scope.from)
    .where('finished_ms', '<', scope.to);
}

/** SQL and bindings: a column's value lies in one of the ranges (or is set). */
function withinSql(column: string, list: Range[] | undefined) {
  if (!list) return { sql: '?? is not null', bindings: [column] };
  return {
    sql: `(${list.map(() => '(?? >= ? and ?? < ?)').join(' or ')})`,
    bindings: list.flatMap(({ lo, hi }) => [column, lo, column, hi]),
  };
}

/**
 * Counts per (bucket, col, slot) of the scope's values within the ranges, read in
 * one pass: on PostgreSQL one grouping set per column (a slot is null outside its
 * column's ranges, and null slots are dropped); SQLite has no grouping sets and
 * reads once per column.
 */
function slotCounts(
  knex: Knex,
  entityRefs: string[],
  scope: LeadScope,
  width: number,
  ranges: Ranges,
): Promise<Row[]> {
  const { columns } = scope.values;
  const cols = [...ranges.keys()];
  const slotSql = (col: number) => {
    const within = withinSql(columns[col], ranges.get(col));
    return knex.raw(
      `case when ${within.sql} then cast(?? / ? as integer) end`,
      [...within.bindings, columns[col], width],
    );
  };
  if (knex.client.config.client === 'pg') {
    const query = inScope(knex, entityRefs, scope).select({
      bucket: scope.bucket,
    });
    for (const col of cols) {
      query
        .select({ [`slot${col}`]: slotSql(col) })
        .count({ [`n${col}`]: columns[col] })
        .min({ [`min${col}`]: columns[col] })
        .max({ [`max${col}`]: columns[col] });
    }
    query.groupByRaw(
      `grouping sets (${cols.map(col => `(bucket, slot${col})`).join(', ')})`,
    );
    return query.then(rows =>
      (rows as Row[]).flatMap(row =>
        cols
          .filter(col => row[`slot${col}`] !== null)
          .map(col => ({
            bucket: row.bucket,
            col,
            slot: row[`slot${col}`],
            n: row[`n${col}`],
            min: row[`min${col}`],
            max: row[`max${col}`],
          })),
      ),
    );
  }
  return Promise.all(
    cols.map(col =>
      inScope(knex, entityRefs, scope)
        .select({ bucket: scope.bucket, slot: slotSql(col) })
        .count({ n: '*' })
        .min({ min: columns[col] })
        .max({ max: columns[col] })
        .groupBy('bucket', 'slot')
        .havingNotNull('slot')
        .then(rows => (rows as Row[]).map(row => ({ ...row, col }))),
    ),
  ).then(lists => lists.flat());
}

/** Counts per (series, slot of `width`) within the given ranges. */
async function countSlots(
  readers: Knex[],
  scope: LeadScope,
  width: number,
  ranges: Ranges,
): Promise<Slots> {
  const rows = (
    await Promise.all(
      parts(scope.entityRefs, readers.length).map((refs, i) =>
        slotCounts(readers[i], refs, scope, width, ranges),
      ),
    )
  ).flat();
  const slots: Slots = new Map();
  for (const row of rows) {
    const series = seriesOf(Number(row.col), Number(row.bucket));
    const counts = slots.get(series) ?? new Map();
    const slot = Number(row.slot);
    const seen = counts.get(slot);
    const [n, min, max] = [Number(row.n), Number(row.min), Number(row.max)];
    counts.set(
      slot,
      seen
        ? {
            n: seen.n + n,
            min: Math.min(seen.min, min),
            max: Math.max(seen.max, max),
          }
        : { n, min, max },
    );
    slots.set(series, counts);
  }
  return slots;
}

/** The ranges of these targets, per column. */
function rangesOf(targets: Target[]): Ranges {
  const byCol = new Map<number, Map<string, Range>>();
  for (const t of targets) {
    const list = byCol.get(t.col) ?? new Map();
    list.set(rangeKey(t), { lo: t.lo, hi: t.hi });
    byCol.set(t.col, list);
  }
  return new Map([...byCol].map(([col, list]) => [col, [...list.values()]]));
}

/**
 * Moves each target into the slot (of `width`) that holds its rank; a slot whose
 * values are all equal gives the value at once.
 */
function locate(targets: Target[], slots: Slots, width: number, level: number) {
  for (const target of targets) {
    const counts = [
      ...(slots.get(seriesOf(target.col, target.bucket)) ?? new Map()),
    ]
      .filter(([slot]) => slot * width >= target.lo && slot * width < target.hi)
      .sort(([a], [b]) => a - b);
    let before = 0;
    for (const [slot, { n, min, max }] of counts) {
      if (target.rankWithin < before + n) {
        target.lo = slot * width;
        target.hi = Math.min(target.hi, (slot + 1) * width);
        target.rankWithin -= before;
        target.count = n;
        target.level = level;
        if (min === max) target.value = min;
        break;
      }
      before += n;
    }
  }
}

/** Reads the values of small ranges and picks each target's rank among them. */
async function fetchValues(
  readers: Knex[],
  scope: LeadScope,
  targets: Target[],
) {
  const ranges = rangesOf(targets);
  const { columns } = scope.values;
  const cols = [...ranges.keys()];
  const rows = await acrossScope(readers, scope, (knex, entityRefs) =>
    inScope(knex, entityRefs, scope)
      .select({ bucket: scope.bucket })
      .select(Object.fromEntries(cols.map(col => [`v${col}`, columns[col]])))
      .where(any => {
        for (const col of cols) {
          const within = withinSql(columns[col], ranges.get(col));
          any.orWhereRaw(within.sql, within.bindings);
        }
      }),
  );
  const values = new Map<string, number[]>();
  for (const row of rows) {
    for (const col of cols) {
      if (row[`v${col}`] === null) continue;
      const v = Number(row[`v${col}`]);
      for (const range of ranges.get(col) ?? []) {
        if (v >= range.lo && v < range.hi) {
          const key = `${seriesOf(col, Number(row.bucket))}/${rangeKey(range)}`;
          const list = values.get(key) ?? [];
          list.push(v);
          values.set(key, list);
        }
      }
    }
  }
  for (const list of values.values()) list.sort((a, b) => a - b);
  for (const target of targets) {
    target.value = values.get(
      `${seriesOf(target.col, target.bucket)}/${rangeKey(target)}`,
    )?.[target.rankWithin];
  }
}

/**
 * Median and p90 of each column's values (hours) in each bucket of the scope, by
 * column name. The readers must see one snapshot (one repeatable-read transaction,
 * or several sharing an exported snapshot): the passes rely on unchanged counts.
 */
export async function durationSummaries(
  readers: Knex[],
  scope: LeadScope,
  fetchLimit = DEFAULT_FETCH_LIMIT,
): Promise<Map<DurationColumn, Map<number, LeadTimeSummary>>> {
  const { columns } = scope.values;
  const WIDTHS = scope.widths ?? HOUR_FIRST_WIDTHS;
  const result = new Map(
    columns.map(c => [c, new Map<number, LeadTimeSummary>()]),
  );
  if (scope.entityRefs.length === 0) return result;

  const first = await countSlots(
    readers,
    scope,
    WIDTHS[0],
    new Map(columns.map((_, i) => [i, undefined])),
  );
  const targets = new Map<string, Target>();
  const totals = new Map<Series, { col: number; bucket: number; n: number }>();
  for (const [series, counts] of first) {
    const [col, bucket] = series.split(':').map(Number);
    const n = [...counts.values()].reduce((sum, slot) => sum + slot.n, 0);
    totals.set(series, { col, bucket, n });
    for (const q of QUANTILES) {
      const position = q * (n - 1);
      for (const rank of [Math.floor(position), Math.ceil(position)]) {
        targets.set(`${series}/${rank}`, {
          col,
          bucket,
          rank,
          lo: 0,
          hi: Number.MAX_SAFE_INTEGER,
          rankWithin: rank,
          count: n,
          level: -1,
        });
      }
    }
  }
  const all = [...targets.values()];
  locate(all, first, WIDTHS[0], 0);

  let open = all.filter(t => t.value === undefined);
  while (open.length > 0) {
    const last = WIDTHS.length - 1;
    const small = open.filter(t => t.count <= fetchLimit || t.level === last);
    const large = open.filter(t => !small.includes(t));
    const levels = [...new Set(large.map(t => t.level))];
    await Promise.all([
      small.length ? fetchValues(readers, scope, small) : undefined,
      // Each large target is narrowed with the next finer slots of its own level.
      ...levels.map(async level => {
        const narrowing = large.filter(t => t.level === level);
        const counts = await countSlots(
          readers,
          scope,
          WIDTHS[level + 1],
          rangesOf(narrowing),
        );
        locate(narrowing, counts, WIDTHS[level + 1], level + 1);
      }),
    ]);
    open = large.filter(t => t.value === undefined);
  }

  for (const [series, { col, bucket, n }] of totals) {
    const at = (rank: number) => targets.get(`${series}/${rank}`)!.value!;
    const hours = (q: number) => {
      const position = q * (n - 1);
      const lower = at(Math.floor(position));
      const upper = at(Math.ceil(position));
      const fraction = position - Math.floor(position);
      return (lower + fraction * (upper - lower)) / HOUR_MS;
    };
    result.get(columns[col])!.set(bucket, {
      changes: n,
      medianHours: hours(0.5),
      p90Hours: hours(0.9),
    });
  }
  return result;
}

/** Median and p90 (hours) of one column, per bucket: dora_changes.lead_ms. */
export async function leadTimeSummaries(
  readers: Knex[],
  scope: Omit<LeadScope, 'values'> & {
    values: { table: DurationValues['table']; column: DurationColumn };
  },
  fetchLimit = DEFAULT_FETCH_LIMIT,
): Promise<Map<number, LeadTimeSummary>> {
  const { table, column } = scope.values;
  const summaries = await durationSummaries(
    readers,
    { ...scope, values: { table, columns: [column] } },
    fetchLimit,
  );
  return summaries.get(column)!;
}
