/*
 * One rollout reported by two sources (e.g. GitHub Actions and Argo CD) counts once:
 * deployments.duplicate_of is the pk of the report kept as the rollout (the primary),
 * null for primaries and for runs that are not successful. The rule lives in
 * delivery-common (`findDuplicateRollouts`) and depends on delivery.dora.duplicateRolloutWindow,
 * so the backfill runs at the store's start: the facts remember the window they were
 * built with (dora_settings 'duplicateRolloutWindowMs'), and null here means "never
 * built", which makes the first start compute duplicate_of and rebuild the facts.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .bigInteger('duplicate_of')
      .nullable()
      .comment('pk of the deployment that reports the same rollout first');
    // The duplicates of a primary: list and timeline reads, re-evaluation at upsert.
    table.index(['duplicate_of'], 'deployments_duplicate_of');
  });
  await knex('dora_settings').insert({
    key: 'duplicateRolloutWindowMs',
    value: null,
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('dora_settings')
    .where({ key: 'duplicateRolloutWindowMs' })
    .delete();
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex([], 'deployments_duplicate_of');
    table.dropColumn('duplicate_of');
  });
};
