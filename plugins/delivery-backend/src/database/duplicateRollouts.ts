import {
  findDuplicateRollouts,
  rolloutKey,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';

/**
 * deployments.duplicate_of (migration 20261123000100): which stored deployment
 * reports the same rollout as an earlier one of another source. The rule is
 * delivery-common's `findDuplicateRollouts`; the store applies it to closed sets
 * (connected components of the "matches" relation: same component and environment,
 * other source, a common sha, finished within the window), where it gives exactly
 * what it gives over everything.
 */

const CHUNK = 500;

/** A stored deployment as the rule and the facts need it. */
export interface RolloutRow {
  pk: number;
  source: string;
  external_id: string;
  entity_ref: string;
  environment: string;
  status: string;
  finished_ms: number | null;
  remediates: string | null;
  duplicate_of: number | null;
  shas: string[];
}

const COLUMNS = [
  'pk',
  'source',
  'external_id',
  'entity_ref',
  'environment',
  'status',
  'finished_ms',
  'remediates',
  'duplicate_of',
];

const toNumber = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

function chunked<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

/** Rows and shas of these deployments. */
export async function loadRolloutRows(
  tx: Knex | Knex.Transaction,
  pks: number[],
): Promise<RolloutRow[]> {
  const rows: RolloutRow[] = [];
  for (const slice of chunked(pks)) {
    const found = await tx('deployments').whereIn('pk', slice).select(COLUMNS);
    const commits: { deployment_pk: unknown; sha: string }[] = await tx(
      'deployment_commits',
    )
      .whereIn('deployment_pk', slice)
      .select('deployment_pk', 'sha');
    const shas = new Map<number, string[]>();
    for (const c of commits) {
      const pk = Number(c.deployment_pk);
      shas.set(pk, [...(shas.get(pk) ?? []), c.sha]);
    }
    rows.push(
      ...found.map(r => ({
        ...r,
        pk: Number(r.pk),
        finished_ms: toNumber(r.finished_ms),
        duplicate_of: toNumber(r.duplicate_of),
        shas: shas.get(Number(r.pk)) ?? [],
      })),
    );
  }
  return rows;
}

const isFinishedSuccess = (r: RolloutRow) =>
  r.status === 'success' && r.finished_ms !== null;

/**
 * Could `a` and `b` report the same rollout? (The sha is shared by construction:
 * candidates are found through it.)
 */
function mayMatch(a: RolloutRow, b: RolloutRow, windowMs: number) {
  return (
    a.entity_ref === b.entity_ref &&
    a.environment.toLowerCase() === b.environment.toLowerCase() &&
    a.source !== b.source &&
    Math.abs(a.finished_ms! - b.finished_ms!) <= windowMs
  );
}

/**
 * The deployments connected to the seeds by matches, seeds included: each step is
 * one indexed lookup of the frontier's shas (deployment_commits_sha).
 */
async function closureOf(
  tx: Knex.Transaction,
  seeds: RolloutRow[],
  windowMs: number,
): Promise<RolloutRow[]> {
  const closure = new Map(seeds.map(r => [r.pk, r]));
  let frontier = seeds.filter(isFinishedSuccess);
  while (frontier.length > 0) {
    const bySha = new Map<string, RolloutRow[]>();
    for (const row of frontier) {
      for (const sha of row.shas) {
        bySha.set(sha, [...(bySha.get(sha) ?? []), row]);
      }
    }
    const found = new Set<number>();
    for (const shas of chunked([...bySha.keys()])) {
      const candidates = await tx('deployment_commits as c')
        .join('deployments as d', 'd.pk', 'c.deployment_pk')
        .whereIn('c.sha', shas)
        .where('d.status', 'success')
        .whereNotNull('d.finished_ms')
        .select(
          'c.sha',
          'd.pk',
          'd.source',
          'd.entity_ref',
          'd.environment',
          'd.finished_ms',
        );
      for (const c of candidates) {
        const pk = Number(c.pk);
        if (closure.has(pk) || found.has(pk)) continue;
        const candidate = {
          ...c,
          pk,
          finished_ms: Number(c.finished_ms),
        } as RolloutRow;
        if (bySha.get(c.sha)!.some(r => mayMatch(r, candidate, windowMs))) {
          found.add(pk);
        }
      }
    }
    frontier = await loadRolloutRows(tx, [...found]);
    for (const row of frontier) closure.set(row.pk, row);
  }
  return [...closure.values()];
}

/** The primary pk of each row of a closed set under the rule (null: a primary). */
function decide(rows: RolloutRow[], windowMs: number): Map<number, number> {
  const pkByKey = new Map(
    rows.map(r => [rolloutKey(r.source, r.external_id), r.pk]),
  );
  const duplicateOf = findDuplicateRollouts(
    rows.map(r => ({
      source: r.source,
      id: r.external_id,
      entityRef: r.entity_ref,
      environment: r.environment,
      status: r.status as 'success',
      finishedAt: r.finished_ms === null ? null : utcIso(r.finished_ms),
      commits: r.shas.map(sha => ({ sha })),
    })),
    windowMs,
  );
  const primaries = new Map<number, number>();
  for (const [duplicate, primary] of duplicateOf) {
    primaries.set(pkByKey.get(duplicate)!, pkByKey.get(primary)!);
  }
  return primaries;
}

/** Writes duplicate_of where the decision differs from what is stored. */
async function writeDecision(
  tx: Knex.Transaction,
  rows: RolloutRow[],
  primaries: Map<number, number>,
) {
  const changes = new Map<number | null, number[]>();
  for (const row of rows) {
    const primary = primaries.get(row.pk) ?? null;
    if (primary === row.duplicate_of) continue;
    changes.set(primary, [...(changes.get(primary) ?? []), row.pk]);
    row.duplicate_of = primary;
  }
  for (const [primary, pks] of changes) {
    for (const slice of chunked(pks)) {
      await tx('deployments')
        .whereIn('pk', slice)
        .update({ duplicate_of: primary });
    }
  }
}

/**
 * Re-decides duplicate_of around just-stored deployments. `seeds` are their rows
 * as stored now; `formerRoots` the primaries (or themselves) they belonged to before
 * this upsert, whose other members may no longer be duplicates. Returns the rows
 * re-decided (with duplicate_of as now stored): every member of every rollout they
 * touch, so the facts of those rollouts can be rewritten from them alone.
 */
export async function reevaluateDuplicates(
  tx: Knex.Transaction,
  seeds: RolloutRow[],
  formerRoots: number[],
  windowMs: number,
): Promise<RolloutRow[]> {
  if (!(windowMs > 0)) return [];
  const known = new Set(seeds.map(s => s.pk));
  const formerMembers: number[] = [];
  for (const slice of chunked(formerRoots)) {
    const rows = await tx('deployments')
      .whereIn('duplicate_of', slice)
      .select('pk');
    formerMembers.push(...rows.map(r => Number(r.pk)));
  }
  const more = [...new Set([...formerRoots, ...formerMembers])].filter(
    pk => !known.has(pk),
  );
  const closure = await closureOf(
    tx,
    [...seeds, ...(await loadRolloutRows(tx, more))],
    windowMs,
  );
  await writeDecision(tx, closure, decide(closure, windowMs));
  return closure;
}

/**
 * Decides duplicate_of for every stored deployment (the facts' rebuild): only
 * deployments with a possible match are read, found by a join on sha.
 */
export async function redecideAllDuplicates(
  tx: Knex.Transaction,
  windowMs: number,
): Promise<void> {
  await tx('deployments')
    .whereNotNull('duplicate_of')
    .update({ duplicate_of: null });
  if (!(windowMs > 0)) return;
  const pairs: { a: unknown; b: unknown }[] = await tx
    .raw(
      `select distinct a.pk as a, b.pk as b
     from deployment_commits ca
     join deployment_commits cb on cb.sha = ca.sha
     join deployments a on a.pk = ca.deployment_pk
     join deployments b on b.pk = cb.deployment_pk
     where a.status = 'success' and b.status = 'success'
       and a.finished_ms is not null and b.finished_ms is not null
       and a.entity_ref = b.entity_ref
       and lower(a.environment) = lower(b.environment)
       and a.source < b.source
       and b.finished_ms between a.finished_ms - ? and a.finished_ms + ?`,
      [windowMs, windowMs],
    )
    .then(result => (Array.isArray(result) ? result : result.rows));
  const pks = [...new Set(pairs.flatMap(p => [Number(p.a), Number(p.b)]))];
  if (pks.length === 0) return;
  const rows = await loadRolloutRows(tx, pks);
  await writeDecision(tx, rows, decide(rows, windowMs));
}
