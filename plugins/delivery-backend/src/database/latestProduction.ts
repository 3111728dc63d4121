import { LatestProductionDeployment } from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { productionSet } from './doraFacts';
import { toIso } from './rows';
import { asBoolean, rolledBackSql } from './timelineReads';

/**
 * Each component's latest production deployment (newest start first, as the Deployments
 * table lists them; a rollout's primary report only), in one statement for all of them.
 * Components that never deployed to production are absent from the map.
 */
export async function loadLatestProductionDeployments(
  knex: Knex,
  options: { entityRefs: string[]; productionEnvironments: string[] },
): Promise<Map<string, LatestProductionDeployment>> {
  const production = [...productionSet(options.productionEnvironments)];
  if (options.entityRefs.length === 0 || production.length === 0) {
    return new Map();
  }
  const ranked = knex('deployments as d')
    .whereNull('d.duplicate_of')
    .whereIn('d.entity_ref', options.entityRefs)
    .whereRaw(
      `lower(d.environment) in (${production.map(() => '?').join(', ')})`,
      production,
    )
    .select(
      'd.entity_ref',
      'd.source',
      'd.external_id',
      'd.environment',
      'd.status',
      'd.started_at',
      'd.finished_at',
      'd.version',
      'd.url',
      'd.rollback_of',
      'd.remediates',
      {
        rolled_back: knex.raw('case when ? then 1 else 0 end', [
          rolledBackSql(knex),
        ]),
        rank: knex.raw(
          'row_number() over (partition by d.entity_ref order by d.started_at desc, d.pk desc)',
        ),
      },
    );
  const rows: Array<Record<string, any>> = await knex
    .from(ranked.as('t'))
    .select('*')
    .where('rank', 1);
  return new Map(
    rows.map(row => [
      String(row.entity_ref),
      {
        source: row.source,
        id: row.external_id,
        environment: row.environment,
        status: row.status,
        startedAt: toIso(row.started_at)!,
        ...(row.finished_at ? { finishedAt: toIso(row.finished_at)! } : {}),
        ...(row.version ? { version: row.version } : {}),
        ...(row.url ? { url: row.url } : {}),
        ...(row.rollback_of ? { rollbackOf: row.rollback_of } : {}),
        ...(row.remediates ? { remediates: row.remediates } : {}),
        rolledBack: asBoolean(row.rolled_back),
      },
    ]),
  );
}
