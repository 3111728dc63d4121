import {
  changeDeployment,
  ChangeDeploymentInput,
  ChangeInput,
  changeSizeClass,
  changeStages,
  toMillis,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { chunks, groupBy } from './chunks';

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
/**
 * Shas per lookup: short enough lists that PostgreSQL probes the sha index rather
 * than scanning a table of a hundred thousand rows (which it prefers for 1,500).
 */
const SHAS_PER_LOOKUP = 250;

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
  'merge_commit_sha',
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
  merge_commit_sha?: string | null;
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

const hoursToMillis = (hours: number | null | undefined) =>
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
    coding_ms: hoursToMillis(stages?.coding),
    pickup_ms: hoursToMillis(stages?.pickup),
    review_ms: hoursToMillis(stages?.review),
    deploy_ms: hoursToMillis(stages?.deploy),
    size_class: changeSizeClass(row) ?? null,
  };
}

/**
 * Each of these merged changes' deployment, when one has shipped it: the
 * successful deployments carrying any of their shas are read by sha (an index
 * lookup per sha, whatever the planner thinks of the other conditions), and
 * delivery-common's `changeDeployment` picks each change's.
 */
async function firstDeployments(
  tx: Knex.Transaction,
  changes: ChangeFactSource[],
  production: Set<string>,
): Promise<Map<number, ShippedBy>> {
  const found = new Map<number, ShippedBy>();
  const pks = changes.map(c => Number(c.pk));
  const commits: { change_pk: number | string; sha: string }[] = await tx(
    'change_commits',
  )
    .whereIn('change_pk', pks)
    .select('change_pk', 'sha');
  const shasOf = groupBy(commits, c => Number(c.change_pk));
  const shas = new Set([
    ...commits.map(c => c.sha),
    ...changes.flatMap(c => (c.merge_commit_sha ? [c.merge_commit_sha] : [])),
  ]);
  const shipping: Array<{
    sha: string;
    pk: number | string;
    source: string;
    external_id: string;
    entity_ref: string;
    environment: string;
    finished_ms: number | string;
  }> = [];
  for (const slice of chunks([...shas], SHAS_PER_LOOKUP)) {
    shipping.push(
      ...(await tx('deployment_commits as dc')
        .join('deployments as d', 'd.pk', 'dc.deployment_pk')
        .whereIn('dc.sha', slice)
        .where('d.status', 'success')
        .whereNotNull('d.finished_ms')
        .select(
          'dc.sha',
          'd.pk',
          'd.source',
          'd.external_id',
          'd.entity_ref',
          'd.environment',
          'd.finished_ms',
        )),
    );
  }
  const deployments = new Map<number, ChangeDeploymentInput & { pk: number }>();
  const bySha = new Map<string, Set<number>>();
  for (const row of shipping) {
    const pk = Number(row.pk);
    const deployment = deployments.get(pk) ?? {
      pk,
      source: row.source,
      id: row.external_id,
      entityRef: row.entity_ref,
      environment: row.environment,
      status: 'success' as const,
      finishedAt: utcIso(Number(row.finished_ms)),
      commits: [],
    };
    deployment.commits.push({ sha: row.sha });
    deployments.set(pk, deployment);
    bySha.set(row.sha, (bySha.get(row.sha) ?? new Set()).add(pk));
  }
  for (const change of changes) {
    const pk = Number(change.pk);
    const own = (shasOf.get(pk) ?? []).map(c => c.sha);
    const merge = change.merge_commit_sha ? [change.merge_commit_sha] : [];
    const candidates = new Set(
      [...own, ...merge].flatMap(sha => [...(bySha.get(sha) ?? [])]),
    );
    const first = changeDeployment(
      {
        ...stageInput(change),
        mergeCommitSha: change.merge_commit_sha ?? undefined,
        commits: own.map(sha => ({ sha, committedAt: '' })),
      },
      [...candidates].map(c => deployments.get(c)!),
      production,
    );
    if (first) {
      found.set(pk, { pk: first.pk, finishedMs: toMillis(first.finishedAt!) });
    }
  }
  return found;
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
  // Every writer takes the rows' locks in ascending pk order (deletes, then the
  // inserts, slice by slice), so concurrent batches sharing changes wait for each
  // other instead of deadlocking.
  const ascending = [...new Set(changePks)].sort((a, b) => a - b);
  for (const slice of chunks(ascending)) {
    if (tx.client.config.client === 'pg') {
      await tx('change_facts')
        .whereIn('change_pk', slice)
        .orderBy('change_pk')
        .forUpdate()
        .select('change_pk');
    }
    await tx('change_facts').whereIn('change_pk', slice).delete();
    const rows: ChangeFactSource[] = await tx('changes')
      .whereIn('pk', slice)
      .whereNotNull('merged_ms')
      .select(FACT_COLUMNS);
    if (rows.length === 0) continue;
    const shipped = await firstDeployments(tx, rows, production);
    const facts = rows
      .map(row => changeFactRow(row, shipped.get(Number(row.pk))))
      .sort((a, b) => a.change_pk - b.change_pk);
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
 * re-sent deployment may no longer ship them). Their facts need recomputing.
 */
export async function changesShippedBy(
  tx: Knex.Transaction,
  deployments: {
    shipping: string[];
    formerPks: number[];
  },
): Promise<number[]> {
  const pks = new Set<number>();
  for (const slice of chunks(
    [...new Set(deployments.shipping)],
    SHAS_PER_LOOKUP,
  )) {
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
  return [...pks];
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
