import {
  changeStages,
  isReviewed,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import type {
  ChangeState,
  ListedChange,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { stageInput } from './changeFacts';
import { ChangeRow, DeploymentRow, toIso } from './rows';
import { ListPosition } from './stores';

/**
 * GET /changes: the changes behind a breakdown, or those a deployment shipped, newest
 * first (by merge, else close, else opening time; pk breaks ties).
 */
export interface ChangeListQuery {
  entityRefs: string[];
  /**
   * The changes the breakdown of [from, to) counts (deployed in it) and those it
   * counts as awaiting deploy (merged in it, not deployed before `to`).
   */
  window?: { from: number; to: number };
  /** The changes this deployment (or another report of its rollout) shipped. */
  deployment?: { source: string; id: string };
  state?: ChangeState;
  limit: number;
  cursor?: ListPosition;
}

type ListedRow = ChangeRow & {
  deployment_pk: number | string | null;
  finished_ms: number | string | null;
  d_source: string | null;
  d_external_id: string | null;
  d_environment: string | null;
  d_finished_at: DeploymentRow['finished_at'];
  d_version: string | null;
  d_url: string | null;
};

/** Where a change stands: within a window, relative to its end. */
function stateOf(row: ListedRow, windowTo?: number): ChangeState {
  const finished = row.finished_ms === null ? null : Number(row.finished_ms);
  if (row.merged_ms === null) return row.closed_ms === null ? 'open' : 'closed';
  if (finished === null) return 'awaiting-deploy';
  return windowTo === undefined || finished < windowTo
    ? 'deployed'
    : 'awaiting-deploy';
}

/** SQL conditions of each state, as `stateOf` decides it. */
function whereState(
  qb: Knex.QueryBuilder,
  state: ChangeState,
  windowTo?: number,
) {
  switch (state) {
    case 'open':
      return qb.whereNull('c.merged_ms').whereNull('c.closed_ms');
    case 'closed':
      return qb.whereNull('c.merged_ms').whereNotNull('c.closed_ms');
    case 'deployed':
      return windowTo === undefined
        ? qb.whereNotNull('f.finished_ms')
        : qb.where('f.finished_ms', '<', windowTo);
    default:
      return qb.whereNotNull('c.merged_ms').where(q => {
        q.whereNull('f.finished_ms');
        if (windowTo !== undefined) q.orWhere('f.finished_ms', '>=', windowTo);
      });
  }
}

/** Pks of every report of the named deployment's rollout, within the scope. */
async function rolloutPks(
  knex: Knex,
  entityRefs: string[],
  deployment: { source: string; id: string },
): Promise<number[]> {
  const named = await knex('deployments')
    .where({ source: deployment.source, external_id: deployment.id })
    .whereIn('entity_ref', entityRefs)
    .first('pk', 'duplicate_of');
  if (!named) return [];
  const root = Number(named.duplicate_of ?? named.pk);
  const rows = await knex('deployments')
    .where('pk', root)
    .orWhere('duplicate_of', root)
    .select('pk');
  return rows.map(r => Number(r.pk));
}

export async function listChanges(
  knex: Knex,
  query: ChangeListQuery,
): Promise<{ items: ListedChange[]; next?: ListPosition }> {
  if (query.entityRefs.length === 0) return { items: [] };
  const deploymentPks = query.deployment
    ? await rolloutPks(knex, query.entityRefs, query.deployment)
    : undefined;
  if (deploymentPks?.length === 0) return { items: [] };
  const { window } = query;
  const rows: ListedRow[] = await knex('changes as c')
    .leftJoin('change_facts as f', 'f.change_pk', 'c.pk')
    .leftJoin('deployments as d', 'd.pk', 'f.deployment_pk')
    .whereIn('c.entity_ref', query.entityRefs)
    .modify(qb => {
      if (deploymentPks) qb.whereIn('f.deployment_pk', deploymentPks);
      if (window) {
        qb.where(counted =>
          counted
            .where(deployed =>
              deployed
                .where('f.finished_ms', '>=', window.from)
                .where('f.finished_ms', '<', window.to),
            )
            .orWhere(awaiting =>
              awaiting
                .where('f.merged_ms', '>=', window.from)
                .where('f.merged_ms', '<', window.to)
                .where(notYet =>
                  notYet
                    .whereNull('f.finished_ms')
                    .orWhere('f.finished_ms', '>=', window.to),
                ),
            ),
        );
      }
      if (query.state) whereState(qb, query.state, window?.to);
      if (query.cursor) {
        const at = Date.parse(query.cursor.at);
        const { pk } = query.cursor;
        qb.where(after =>
          after
            .where('c.listed_ms', '<', at)
            .orWhere(same =>
              same.where('c.listed_ms', at).where('c.pk', '<', pk),
            ),
        );
      }
    })
    .select('c.*', 'f.deployment_pk', 'f.finished_ms', {
      d_source: 'd.source',
      d_external_id: 'd.external_id',
      d_environment: 'd.environment',
      d_finished_at: 'd.finished_at',
      d_version: 'd.version',
      d_url: 'd.url',
    })
    .orderBy([
      { column: 'c.listed_ms', order: 'desc' },
      { column: 'c.pk', order: 'desc' },
    ])
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(row => toListedChange(row, window?.to)),
    next:
      rows.length > query.limit
        ? { at: utcIso(Number(last.listed_ms)), pk: Number(last.pk) }
        : undefined,
  };
}

function toListedChange(row: ListedRow, windowTo?: number): ListedChange {
  const optional = <T>(value: T | null) => value ?? undefined;
  const input = stageInput(row);
  const finished = row.finished_ms === null ? null : Number(row.finished_ms);
  return {
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    number: row.number === null ? undefined : Number(row.number),
    title: optional(row.title),
    author: optional(row.author),
    url: optional(row.url),
    openedAt: toIso(row.opened_at)!,
    // The first commit as the stages read it: firstCommitAt, else the earliest commit.
    firstCommitAt: input.firstCommitAt,
    firstReviewAt: toIso(row.first_review_at) ?? undefined,
    mergedAt: toIso(row.merged_at) ?? undefined,
    closedAt: toIso(row.closed_at) ?? undefined,
    mergeCommitSha: optional(row.merge_commit_sha),
    draft: row.draft === null ? undefined : Boolean(row.draft),
    additions: optional(row.additions),
    deletions: optional(row.deletions),
    state: stateOf(row, windowTo),
    reviewed: isReviewed(input),
    ...(finished !== null && row.d_source !== null
      ? {
          stages: changeStages(input, finished),
          deployment: {
            source: row.d_source,
            id: row.d_external_id!,
            environment: row.d_environment!,
            finishedAt: toIso(row.d_finished_at)!,
            version: optional(row.d_version),
            url: optional(row.d_url),
          },
        }
      : {}),
  };
}
