import {
  ChangeSizeClass,
  changeSizeClasses,
  LeadTimeBreakdown,
  LeadTimeStage,
  leadTimeStages,
  stageFigure,
  StageFigure,
  weekWindows,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { bucketOf, FactsScope, inSnapshot, ReadTuning } from './doraReads';
import { leadTimeSummaries } from './leadQuantiles';

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
    const counts = await readers[0]('change_facts')
      .modify(qb => deployedWithin(qb, scope))
      .select({ bucket })
      .count({ changes: '*' })
      .sum({ reviewed: 'reviewed' })
      .groupBy('bucket');
    const awaiting: number[] = [];
    for (const window of buckets) {
      awaiting.push(
        await countAwaitingDeploy(readers[0], scope.entityRefs, window),
      );
    }
    const stages = [];
    for (const stage of leadTimeStages) {
      stages.push(
        await leadTimeSummaries(
          readers,
          {
            ...scope,
            bucket,
            values: { table: 'change_facts', column: stageColumns[stage] },
          },
          tuning.fetchLimit,
        ),
      );
    }
    for (const row of counts) {
      const breakdown = result.get(Number(row.bucket));
      if (!breakdown) continue;
      breakdown.changes = Number(row.changes);
      breakdown.reviewed = Number(row.reviewed ?? 0);
      breakdown.unreviewed = breakdown.changes - breakdown.reviewed;
    }
    awaiting.forEach((n, i) => {
      result.get(i)!.awaitingDeploy = n;
    });
    stages.forEach((summaries, i) => {
      for (const [key, summary] of summaries) {
        const figure: StageFigure = {
          count: summary.changes,
          medianHours: summary.medianHours,
          p90Hours: summary.p90Hours,
        };
        const breakdown = result.get(key);
        if (breakdown) breakdown.stages[leadTimeStages[i]] = figure;
      }
    });
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
