import {
  ChangeSizeClass,
  changeSizeClasses,
  LeadTimeBreakdown,
  LeadTimeStage,
  leadTimeStages,
  stageFigure,
  weekWindows,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { bucketOf, FactsScope, inSnapshot, ReadTuning } from './doraReads';
import { durationSummaries, MINUTE_FIRST_WIDTHS } from './leadQuantiles';

/**
 * The read side of change_facts: the lead-time breakdown of a scope (a component, or
 * a group's or system's components pooled) over [from, to), or of each of its ISO
 * weeks, counted and with stage quantiles taken in the database (leadQuantiles), so
 * an organisation's million changes are never loaded.
 */

const emptyBreakdown = (): LeadTimeBreakdown => ({
  changes: 0,
  reviewed: 0,
  unreviewed: 0,
  awaitingDeploy: 0,
  stages: {
    coding: stageFigure([]),
    pickup: stageFigure([]),
    review: stageFigure([]),
    deploy: stageFigure([]),
  },
});

const stageColumns: Record<LeadTimeStage, `${LeadTimeStage}_ms`> = {
  coding: 'coding_ms',
  pickup: 'pickup_ms',
  review: 'review_ms',
  deploy: 'deploy_ms',
};

/** Counted changes: their deployment finished in the window. */
function deployedWithin(qb: Knex.QueryBuilder, scope: FactsScope) {
  return qb
    .whereIn('entity_ref', scope.entityRefs)
    .where('finished_ms', '>=', scope.from)
    .where('finished_ms', '<', scope.to);
}

/** Changes merged in [from, to) with no deployment finished before `to`. */
async function countAwaitingDeploy(
  reader: Knex,
  entityRefs: string[],
  window: { from: number; to: number },
): Promise<number> {
  const [{ n }] = await reader('change_facts')
    .whereIn('entity_ref', entityRefs)
    .where('merged_ms', '>=', window.from)
    .where('merged_ms', '<', window.to)
    .where(q =>
      q.whereNull('finished_ms').orWhere('finished_ms', '>=', window.to),
    )
    .count({ n: '*' });
  return Number(n);
}

/**
 * The breakdown of the scope, per bucket: 0 for the whole window, or with
 * `weekStart` the ISO weeks of `weekWindows` (every week present, empty or not).
 */
export async function aggregateChanges(
  knex: Knex,
  scope: FactsScope,
  tuning: ReadTuning,
): Promise<Map<number, LeadTimeBreakdown>> {
  const buckets =
    scope.weekStart === undefined
      ? [{ from: scope.from, to: scope.to }]
      : weekWindows(scope.from, scope.to);
  const result = new Map(buckets.map((_, i) => [i, emptyBreakdown()]));
  if (scope.entityRefs.length === 0) return result;
  const parallel =
    scope.entityRefs.length >= tuning.parallelFromComponents ? 2 : 1;
  return inSnapshot(knex, parallel, async readers => {
    const bucket = bucketOf(knex, scope);
    // One query at a time per connection (pg queues, but warns of, concurrent ones).
    const awaiting: number[] = [];
    for (const window of buckets) {
      awaiting.push(
        await countAwaitingDeploy(readers[0], scope.entityRefs, window),
      );
    }
    // The four stages in the same passes: each pass reads every row once. Their
    // slot counts are hashed in memory; PostgreSQL's default 4 MB would make it
    // sort an organisation's rows on disk instead.
    if (knex.client.config.client === 'pg') {
      for (const reader of readers)
        await reader.raw(`set local work_mem = '64MB'`);
    }
    const stages = await durationSummaries(
      readers,
      {
        ...scope,
        bucket,
        values: {
          table: 'change_facts',
          columns: leadTimeStages.map(stage => stageColumns[stage]),
        },
        widths: MINUTE_FIRST_WIDTHS,
      },
      tuning.fetchLimit,
    );
    // Every counted change has a deploy stage, and a pickup stage exactly when it
    // was reviewed (changeStages): the counts come with the quantiles.
    for (const [key, breakdown] of result) {
      breakdown.changes = stages.get('deploy_ms')!.get(key)?.changes ?? 0;
      breakdown.reviewed = stages.get('pickup_ms')!.get(key)?.changes ?? 0;
      breakdown.unreviewed = breakdown.changes - breakdown.reviewed;
    }
    awaiting.forEach((n, i) => {
      result.get(i)!.awaitingDeploy = n;
    });
    for (const stage of leadTimeStages) {
      for (const [key, summary] of stages.get(stageColumns[stage])!) {
        const breakdown = result.get(key);
        if (breakdown) {
          breakdown.stages[stage] = {
            count: summary.changes,
            medianHours: summary.medianHours,
            p90Hours: summary.p90Hours,
          };
        }
      }
    }
    return result;
  });
}

/** Counted changes (deployed in the window) by size class of lines changed. */
export async function countChangeSizes(
  knex: Knex,
  scope: Omit<FactsScope, 'weekStart'>,
): Promise<Record<ChangeSizeClass | 'unknown', number>> {
  const sizes = Object.fromEntries([
    ...changeSizeClasses.map(c => [c.name, 0]),
    ['unknown', 0],
  ]) as Record<ChangeSizeClass | 'unknown', number>;
  if (scope.entityRefs.length === 0) return sizes;
  const rows = await knex('change_facts')
    .modify(qb => deployedWithin(qb, scope))
    .select('size_class')
    .count({ n: '*' })
    .groupBy('size_class');
  for (const row of rows) {
    const name = (row.size_class ?? 'unknown') as ChangeSizeClass | 'unknown';
    sizes[name] = Number(row.n);
  }
  return sizes;
}
