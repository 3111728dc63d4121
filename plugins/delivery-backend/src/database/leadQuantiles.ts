import { LeadTimeSummary } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';

/**
 * Exact lead-time quantiles (median, p90) per bucket without sorting every change:
 * count the changes per lead-time slot, find the slot holding each needed rank,
 * narrow it with finer slots until it is small, then read only those values.
 * Each pass is one index-only scan, split over two connections for large scopes;
 * the interpolation is `quantile`'s (position q * (n - 1), linear between ranks).
 */

const HOUR_MS = 3_600_000;
/** Slot widths, coarse to fine; the last (1 ms) always ends in a fetch. */
const WIDTHS = [HOUR_MS, 60_000, 1_000, 1];
/** A slot with at most this many values is read instead of narrowed further. */
export const DEFAULT_FETCH_LIMIT = 5_000;
const QUANTILES = [0.5, 0.9];

/** Which durations: a table with entity_ref and finished_ms, and a column of ms. */
export interface DurationColumn {
  table: 'dora_changes' | 'change_facts';
  /** Rows where it is null do not count. */
  column: 'lead_ms' | 'coding_ms' | 'pickup_ms' | 'review_ms' | 'deploy_ms';
}

export interface LeadScope {
  entityRefs: string[];
  /** Window [from, to) of finished_ms, epoch ms. */
  from: number;
  to: number;
  /** SQL for a row's bucket (0, or its week). */
  bucket: Knex.Raw;
  values: DurationColumn;
}

/** A rank (0-based, ascending) of one bucket's lead times, being located. */
interface Target {
  bucket: number;
  rank: number;
  /** The lead-time range [lo, hi) known to hold it, and its rank inside. */
  lo: number;
  hi: number;
  rankWithin: number;
  count: number;
  level: number;
  value?: number;
}

/** Per bucket, per slot: how many values, and the smallest and largest. */
type Slots = Map<number, Map<number, { n: number; min: number; max: number }>>;

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

const rangeKey = (t: Pick<Target, 'lo' | 'hi'>) => `${t.lo}:${t.hi}`;

/** Counts per (bucket, slot of `width`) within the given lead ranges (or all). */
async function countSlots(
  readers: Knex[],
  scope: LeadScope,
  width: number,
  ranges: { lo: number; hi: number }[] | undefined,
): Promise<Slots> {
  const rows = await acrossScope(readers, scope, (knex, entityRefs) =>
    changesWithin(knex, entityRefs, scope, ranges)
      .select({
        bucket: scope.bucket,
        slot: knex.raw('cast(?? / ? as integer)', [scope.values.column, width]),
      })
      .count({ n: '*' })
      .min({ min: scope.values.column })
      .max({ max: scope.values.column })
      .groupBy('bucket', 'slot'),
  );
  const slots: Slots = new Map();
  for (const row of rows) {
    const bucket = Number(row.bucket);
    const counts = slots.get(bucket) ?? new Map();
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
    slots.set(bucket, counts);
  }
  return slots;
}

function inRanges(
  qb: Knex.QueryBuilder,
  column: string,
  ranges: { lo: number; hi: number }[] | undefined,
) {
  if (!ranges) return qb;
  return qb.where(any => {
    for (const { lo, hi } of ranges) {
      any.orWhere(r => r.where(column, '>=', lo).where(column, '<', hi));
    }
  });
}

/** The scope's rows of the given entities, within the value ranges (or all). */
function changesWithin(
  knex: Knex,
  entityRefs: string[],
  scope: LeadScope,
  ranges: { lo: number; hi: number }[] | undefined,
) {
  const { table, column } = scope.values;
  return knex(table)
    .whereIn('entity_ref', entityRefs)
    .where('finished_ms', '>=', scope.from)
    .where('finished_ms', '<', scope.to)
    .whereNotNull(column)
    .modify(qb => inRanges(qb, column, ranges));
}

/**
 * Moves each target into the slot (of `width`) that holds its rank; a slot whose
 * values are all equal gives the value at once.
 */
function locate(targets: Target[], slots: Slots, width: number, level: number) {
  for (const target of targets) {
    const counts = [...(slots.get(target.bucket) ?? new Map()).entries()]
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
  const ranges = [
    ...new Map(
      targets.map(t => [rangeKey(t), { lo: t.lo, hi: t.hi }]),
    ).values(),
  ];
  const rows = await acrossScope(readers, scope, (knex, entityRefs) =>
    changesWithin(knex, entityRefs, scope, ranges).select({
      bucket: scope.bucket,
      lead: scope.values.column,
    }),
  );
  const values = new Map<string, number[]>();
  for (const row of rows) {
    const lead = Number(row.lead);
    for (const range of ranges) {
      if (lead >= range.lo && lead < range.hi) {
        const key = `${Number(row.bucket)}/${rangeKey(range)}`;
        const list = values.get(key) ?? [];
        list.push(lead);
        values.set(key, list);
      }
    }
  }
  for (const list of values.values()) list.sort((a, b) => a - b);
  for (const target of targets) {
    target.value = values.get(`${target.bucket}/${rangeKey(target)}`)?.[
      target.rankWithin
    ];
  }
}

/**
 * Median and p90 of the values (hours) of each bucket of the scope. The
 * readers must see one snapshot (one repeatable-read transaction, or several
 * sharing an exported snapshot): the passes rely on unchanged counts.
 */
export async function leadTimeSummaries(
  readers: Knex[],
  scope: LeadScope,
  fetchLimit = DEFAULT_FETCH_LIMIT,
): Promise<Map<number, LeadTimeSummary>> {
  const result = new Map<number, LeadTimeSummary>();
  if (scope.entityRefs.length === 0) return result;

  const first = await countSlots(readers, scope, WIDTHS[0], undefined);
  const targets = new Map<string, Target>();
  const totals = new Map<number, number>();
  for (const [bucket, counts] of first) {
    const n = [...counts.values()].reduce((sum, slot) => sum + slot.n, 0);
    totals.set(bucket, n);
    for (const q of QUANTILES) {
      const position = q * (n - 1);
      for (const rank of [Math.floor(position), Math.ceil(position)]) {
        targets.set(`${bucket}/${rank}`, {
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
        const ranges = new Map(
          narrowing.map(t => [rangeKey(t), { lo: t.lo, hi: t.hi }]),
        );
        const counts = await countSlots(readers, scope, WIDTHS[level + 1], [
          ...ranges.values(),
        ]);
        locate(narrowing, counts, WIDTHS[level + 1], level + 1);
      }),
    ]);
    open = large.filter(t => t.value === undefined);
  }

  for (const [bucket, n] of totals) {
    const at = (rank: number) => targets.get(`${bucket}/${rank}`)!.value!;
    const hours = (q: number) => {
      const position = q * (n - 1);
      const lower = at(Math.floor(position));
      const upper = at(Math.ceil(position));
      const fraction = position - Math.floor(position);
      return (lower + fraction * (upper - lower)) / HOUR_MS;
    };
    result.set(bucket, {
      changes: n,
      medianHours: hours(0.5),
      p90Hours: hours(0.9),
    });
  }
  return result;
}
