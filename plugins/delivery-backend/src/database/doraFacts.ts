import { productionEnvironmentSet } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { rebuildChangeFacts } from './changeFacts';
import { placeholders } from './chunks';
import { redecideAllDuplicates } from './duplicateRollouts';

/**
 * The write side of the DORA fact tables (see migration 20261122000000_dora_facts):
 * they are derived from deployments and their commits, and every change to those
 * goes through here in the same transaction.
 */

/** A component and a commit: the identity of a change. */
export interface ChangeKey {
  entityRef: string;
  sha: string;
}

/** A stored deployment as the facts need it. */
export interface DeploymentFactSource {
  pk: number;
  entity_ref: string;
  status: string;
  environment: string;
  finished_ms: number | null;
  remediates: string | null;
  /** The primary's pk when this reports a rollout another report already did. */
  duplicate_of: number | null;
}

const SHAS_PER_STATEMENT = 500;

export function isDoraDeployment(
  deployment: DeploymentFactSource,
  production: Set<string>,
): boolean {
  return (
    deployment.status === 'success' &&
    deployment.finished_ms !== null &&
    deployment.duplicate_of === null &&
    production.has(deployment.environment.toLowerCase())
  );
}

/** Changes that the given deployments currently contribute to the facts. */
export async function changesOfDeployments(
  tx: Knex.Transaction,
  deploymentPks: number[],
): Promise<ChangeKey[]> {
  if (deploymentPks.length === 0) return [];
  // A duplicate's commits count for its primary.
  const rows: { entity_ref: string; sha: string }[] = await tx(
    'deployment_commits as c',
  )
    .join('deployments as d', 'd.pk', 'c.deployment_pk')
    .join(
      'dora_deployments as dd',
      'dd.deployment_pk',
      tx.raw('coalesce(d.duplicate_of, d.pk)'),
    )
    .whereIn('c.deployment_pk', deploymentPks)
    .select('dd.entity_ref', 'c.sha');
  return rows.map(r => ({ entityRef: r.entity_ref, sha: r.sha }));
}

/**
 * Replaces the dora_deployments rows of these (already stored) deployments. A
 * primary is rework when it or any of its duplicates remediates: the list holds
 * every duplicate of every primary in it.
 */
export async function writeDeploymentFacts(
  tx: Knex.Transaction,
  deployments: DeploymentFactSource[],
  production: Set<string>,
  options: { replacing: number[] },
): Promise<void> {
  if (options.replacing.length > 0) {
    await tx('dora_deployments')
      .whereIn('deployment_pk', options.replacing)
      .delete();
  }
  const reworkByDuplicate = new Set(
    deployments.filter(d => d.remediates).map(d => d.duplicate_of),
  );
  const rows = deployments
    .filter(d => isDoraDeployment(d, production))
    .map(d => ({
      deployment_pk: d.pk,
      entity_ref: d.entity_ref,
      finished_ms: d.finished_ms,
      rework: d.remediates || reworkByDuplicate.has(d.pk) ? 1 : 0,
    }));
  if (rows.length > 0) {
    // Conflicts only when a concurrent request stored the same deployment first.
    await tx('dora_deployments')
      .insert(rows)
      .onConflict('deployment_pk')
      .merge();
  }
}

/**
 * Recomputes dora_changes for these changes from the deployments now stored: each
 * (component, commit) keeps its first production deployment (ties: the earlier
 * commit time), as `deriveFacts` in delivery-common defines it. Rows are deleted and
 * re-inserted per statement; a concurrent writer of the same change converges on
 * the earliest deployment through the conditional upsert.
 */
export async function recomputeChanges(
  tx: Knex.Transaction,
  changes: ChangeKey[],
): Promise<void> {
  // Recomputing every component's row for these shas is still exact, and lets both
  // statements look rows up by sha alone (an IN list on two columns made PostgreSQL
  // probe every ref x sha combination).
  const shas = [...new Set(changes.map(c => c.sha))];
  for (let i = 0; i < shas.length; i += SHAS_PER_STATEMENT) {
    const slice = shas.slice(i, i + SHAS_PER_STATEMENT);
    await tx('dora_changes').whereIn('sha', slice).delete();
    await insertFirstDeployments(
      tx,
      `c.sha in (${placeholders(slice)})`,
      slice,
    );
  }
}

/**
 * Rebuilds every fact from the stored deployments, for a new production list or
 * duplicate-rollout window: duplicate_of first, then the facts of the primaries.
 */
export async function rebuildFacts(
  tx: Knex.Transaction,
  productionEnvironments: string[],
  duplicateRolloutWindowMs: number,
): Promise<void> {
  const production = [...productionEnvironmentSet(productionEnvironments)];
  await tx('dora_changes').delete();
  await tx('dora_deployments').delete();
  await redecideAllDuplicates(tx, duplicateRolloutWindowMs);
  await tx.raw(
    `insert into dora_deployments (deployment_pk, entity_ref, finished_ms, rework)
     select pk, entity_ref, finished_ms,
       case when remediates is not null or exists (
         select 1 from deployments m
         where m.duplicate_of = deployments.pk and m.remediates is not null
       ) then 1 else 0 end
     from deployments
     where status = 'success' and finished_ms is not null
       and duplicate_of is null
       and lower(environment) in (${placeholders(production)})`,
    production,
  );
  await insertFirstDeployments(tx, '1 = 1', []);
}

async function insertFirstDeployments(
  tx: Knex.Transaction,
  where: string,
  bindings: Knex.RawBinding[],
) {
  await tx.raw(
    `insert into dora_changes (entity_ref, sha, deployment_pk, finished_ms, lead_ms)
     select entity_ref, sha, deployment_pk, finished_ms, lead_ms from (
       select dd.entity_ref, c.sha, dd.deployment_pk, dd.finished_ms,
         case when dd.finished_ms > c.committed_ms
           then dd.finished_ms - c.committed_ms else 0 end as lead_ms,
         row_number() over (
           partition by dd.entity_ref, c.sha
           order by dd.finished_ms, c.committed_ms
         ) as nth
       from deployment_commits c
       join deployments d on d.pk = c.deployment_pk
       join dora_deployments dd on dd.deployment_pk = coalesce(d.duplicate_of, d.pk)
       where ${where}
     ) ranked
     where nth = 1
     on conflict (entity_ref, sha) do update set
       deployment_pk = excluded.deployment_pk,
       finished_ms = excluded.finished_ms,
       lead_ms = excluded.lead_ms
     where excluded.finished_ms < dora_changes.finished_ms
       or (excluded.finished_ms = dora_changes.finished_ms
           and excluded.lead_ms > dora_changes.lead_ms)`,
    bindings,
  );
}

/**
 * Rebuilds the facts when they were built with another production list or
 * duplicate-rollout window (or never), under a row lock so concurrent replicas
 * starting together rebuild once. The change facts depend on the production list
 * only (every successful production deployment counts, duplicates included), so
 * they remember it under a key of their own.
 */
export async function ensureFactsMatch(
  knex: Knex,
  productionEnvironments: string[],
  duplicateRolloutWindowMs: number,
): Promise<boolean> {
  const production = JSON.stringify(
    [...productionEnvironmentSet(productionEnvironments)].sort(),
  );
  const wanted = {
    productionEnvironments: production,
    duplicateRolloutWindowMs: String(duplicateRolloutWindowMs),
    changeFactsProductionEnvironments: production,
  };
  const doraKeys = ['productionEnvironments', 'duplicateRolloutWindowMs'];
  return knex.transaction(async tx => {
    const query = tx('dora_settings').whereIn('key', Object.keys(wanted));
    if (tx.client.config.client === 'pg') query.forUpdate();
    const rows: { key: string; value: string | null }[] = await query;
    const stored = new Map(rows.map(r => [r.key, r.value]));
    const stale = new Set(
      Object.entries(wanted)
        .filter(([k, v]) => stored.get(k) !== v)
        .map(([k]) => k),
    );
    if (stale.size === 0) return false;
    if (doraKeys.some(key => stale.has(key))) {
      await rebuildFacts(tx, productionEnvironments, duplicateRolloutWindowMs);
    }
    if (stale.has('changeFactsProductionEnvironments')) {
      await rebuildChangeFacts(
        tx,
        productionEnvironmentSet(productionEnvironments),
      );
    }
    for (const [key, value] of Object.entries(wanted)) {
      await tx('dora_settings')
        .insert({ key, value })
        .onConflict('key')
        .merge();
    }
    return true;
  });
}
