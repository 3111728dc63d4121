import {
  LatestProductionDeployment,
  productionEnvironmentSet,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { deploymentColumns, toTimelineDeployment } from './timelineReads';

/**
 * Each component's latest production deployment (newest start first, as the Deployments
 * table lists them; a rollout's primary report only), in one statement for all of them.
 * Components that never deployed to production are absent from the map.
 */
export async function loadLatestProductionDeployments(
  knex: Knex,
  options: { entityRefs: string[]; productionEnvironments: string[] },
): Promise<Map<string, LatestProductionDeployment>> {
  const production = [
    ...productionEnvironmentSet(options.productionEnvironments),
  ];
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
    .select(...deploymentColumns(knex), {
      rank: knex.raw(
        'row_number() over (partition by d.entity_ref order by d.started_at desc, d.pk desc)',
      ),
    });
  const rows: Array<Record<string, any>> = await knex
    .from(ranked.as('t'))
    .select('*')
    .where('rank', 1);
  return new Map(
    rows.map(row => [String(row.entity_ref), toTimelineDeployment(row)]),
  );
}
