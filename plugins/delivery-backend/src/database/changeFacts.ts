import {
  ChangeInput,
  changeSizeClass,
  changeStages,
  isReviewed,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks, placeholders } from './chunks';

/**
 * The write side of change_facts (migration 20261206000000_changes): per merged
 * change its deployment, as delivery-common's `changeDeployment` defines it (the
 * first successful production deployment of the same component, earliest
 * finishedAt, ties by source then id, whose commits include the merge commit or
 * any of the change's shas, finished at or after the merge; any such deployment,
 * duplicate reports of a rollout included), and its stages (`changeStages`).
 * Every write of a change or of a deployment that ships one recomputes the facts
 * in the writer's transaction.
 */

const HOUR_MS = 3_600_000;

/** The columns of a stored change that its facts read. */
const FACT_COLUMNS = [
  'pk',
  'entity_ref',
  'opened_ms',
  'first_commit_ms',
  'first_review_ms',
  'merged_ms',
  'additions',
  'deletions',
] as const;

type Millis = number | string | null;

/** A stored change as the facts read it (bigints are strings from PostgreSQL). */
export interface ChangeFactSource {
  pk: number | string;
  entity_ref: string;
  opened_ms: number | string;
  first_commit_ms: Millis;
  first_review_ms: Millis;
  merged_ms: Millis;
  additions: number | null;
  deletions: number | null;
}

const isoOrUndefined = (ms: Millis) =>
  ms === null ? undefined : utcIso(Number(ms));

/**
 * A stored change as the pure stage functions read it: first_commit_ms is already
 * `firstCommitMillis` of the change as sent, so it stands as firstCommitAt.
 */
export function stageInput(row: ChangeFactSource): ChangeInput {
  return {
    source: '',
    id: String(row.pk),
    entityRef: row.entity_ref,
    openedAt: utcIso(Number(row.opened_ms)),
    firstCommitAt: isoOrUndefined(row.first_commit_ms),
    firstReviewAt: isoOrUndefined(row.first_review_ms),
    mergedAt: isoOrUndefined(row.merged_ms),
    commits: [],
  };
}

/** The deployment that shipped a change: its pk and finish (epoch ms). */
export interface ShippedBy {
  pk: number;
  finishedMs: number;
}

const toMillis = (hours: number | null | undefined) =>
  hours === null || hours === undefined ? null : Math.round(hours * HOUR_MS);

/** The change_facts row of a merged change, shipped or not yet. */
export function changeFactRow(row: ChangeFactSource, shipped?: ShippedBy) {
  const change = stageInput(row);
  const stages = shipped ? changeStages(change, shipped.finishedMs) : undefined;
  return {
    change_pk: Number(row.pk),
    entity_ref: row.entity_ref,
    merged_ms: Number(row.merged_ms),
    deployment_pk: shipped?.pk ?? null,
    finished_ms: shipped?.finishedMs ?? null,
    reviewed: isReviewed(change) ? 1 : 0,
    coding_ms: toMillis(stages?.coding),
    pickup_ms: toMillis(stages?.pickup),
    review_ms: toMillis(stages?.review),
    deploy_ms: toMillis(stages?.deploy),
    size_class: changeSizeClass(row) ?? null,
  };
}

/** `source` in byte order on PostgreSQL too, as JavaScript's `<` compares it. */
const bytewise = (tx: Knex | Knex.Transaction, column: string) =>
  tx.client.config.client === 'pg' ? `${column} collate "C"` : column;

/** Each of these merged changes' deployment, when one has shipped it. */
async function firstDeployments(
  tx: Knex.Transaction,
  changePks: number[],
  production: string[],
): Promise<Map<number, ShippedBy>> {
  const found = new Map<number, ShippedBy>();
  if (changePks.length === 0 || production.length === 0) return found;
  const { rows } = await rawRows(
    tx,
    `select change_pk, deployment_pk, finished_ms from (
       select s.change_pk, d.pk as deployment_pk, d.finished_ms,
         row_number() over (
           partition by s.change_pk
           order by d.finished_ms, ${bytewise(tx, 'd.source')},
             ${bytewise(tx, 'd.external_id')}
         ) as nth
       from (
         select change_pk, sha from change_commits
         where change_pk in (${placeholders(changePks)})
         union
         select pk as change_pk, merge_commit_sha as sha from changes
         where pk in (${placeholders(changePks)})
           and merge_commit_sha is not null
       ) s
       join changes ch on ch.pk = s.change_pk
       join deployment_commits dc on dc.sha = s.sha
       join deployments d on d.pk = dc.deployment_pk
       where d.entity_ref = ch.entity_ref
         and d.status = 'success'
         and d.finished_ms >= ch.merged_ms
         and lower(d.environment) in (${placeholders(production)})
     ) ranked
     where nth = 1`,
    [...changePks, ...changePks, ...production],
  );
  for (const row of rows) {
    found.set(Number(row.change_pk), {
      pk: Number(row.deployment_pk),
      finishedMs: Number(row.finished_ms),
    });
  }
  return found;
}

/** knex.raw's answer differs: `{rows}` on PostgreSQL, the array itself on SQLite. */
async function rawRows(
  tx: Knex.Transaction,
  sql: string,
  bindings: Knex.RawBinding[],
): Promise<{ rows: Record<string, unknown>[] }> {
  const answer = await tx.raw(sql, bindings);
  return { rows: Array.isArray(answer) ? answer : answer.rows };
}

/**
 * Recomputes the facts of these changes from what is stored now. Rows are deleted
 * and re-inserted; a concurrent writer recomputing the same change converges on
 * the earlier deployment through the conditional upsert.
 */
export async function recomputeChangeFacts(
  tx: Knex.Transaction,
  changePks: number[],
  production: Set<string>,
): Promise<void> {
  const environments = [...production];
  // Two lists of the pks per statement, plus the environments: under the limits.
  for (const slice of chunks([...new Set(changePks)], 400)) {
    await tx('change_facts').whereIn('change_pk', slice).delete();
    const rows: ChangeFactSource[] = await tx('changes')
      .whereIn('pk', slice)
      .whereNotNull('merged_ms')
      .select(FACT_COLUMNS);
    if (rows.length === 0) continue;
    const shipped = await firstDeployments(
      tx,
      rows.map(r => Number(r.pk)),
      environments,
    );
    const facts = rows.map(row =>
      changeFactRow(row, shipped.get(Number(row.pk))),
    );
    await tx('change_facts')
      .insert(facts)
      .onConflict('change_pk')
      .merge()
      .whereRaw(
        `excluded.finished_ms is not null and (change_facts.finished_ms is null
           or excluded.finished_ms < change_facts.finished_ms)`,
      );
  }
}

/**
 * The changes a batch of deployments may have shipped or stopped shipping: those
 * with a commit (or merge commit) among the shas of the shipping ones (successful,
 * finished, production), and those whose deployment was one of `formerPks` (a
 * re-sent deployment may no longer ship them). Recomputes their facts.
 */
export async function refreshChangesShippedBy(
  tx: Knex.Transaction,
  deployments: {
    shipping: string[];
    formerPks: number[];
  },
  production: Set<string>,
): Promise<void> {
  const pks = new Set<number>();
  for (const slice of chunks([...new Set(deployments.shipping)])) {
    const byCommit = await tx('change_commits')
      .whereIn('sha', slice)
      .select('change_pk');
    const byMerge = await tx('changes')
      .whereIn('merge_commit_sha', slice)
      .select('pk');
    for (const r of byCommit) pks.add(Number(r.change_pk));
    for (const r of byMerge) pks.add(Number(r.pk));
  }
  for (const slice of chunks(deployments.formerPks)) {
    const rows = await tx('change_facts')
      .whereIn('deployment_pk', slice)
      .select('change_pk');
    for (const r of rows) pks.add(Number(r.change_pk));
  }
  await recomputeChangeFacts(tx, [...pks], production);
}

/** Rebuilds every change's facts, for a new production environment list. */
export async function rebuildChangeFacts(
  tx: Knex.Transaction,
  production: Set<string>,
): Promise<void> {
  await tx('change_facts').delete();
  let after = 0;
  for (;;) {
    const rows: { pk: number | string }[] = await tx('changes')
      .whereNotNull('merged_ms')
      .where('pk', '>', after)
      .orderBy('pk')
      .limit(2000)
      .select('pk');
    if (rows.length === 0) return;
    await recomputeChangeFacts(
      tx,
      rows.map(r => Number(r.pk)),
      production,
    );
    after = Number(rows[rows.length - 1].pk);
  }
}
