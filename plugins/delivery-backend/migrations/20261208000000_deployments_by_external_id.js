/*
 * Incidents from incident tools (PagerDuty, Opsgenie) name a deployment by its id
 * only, on their component: the failure reads find it by (entity_ref, external_id).
 * Without this index every incident scanned all of its component's deployments for
 * every deployment of the window (seconds per 1,000 deployments on SQLite).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(
      ['entity_ref', 'external_id'],
      'deployments_entity_external_id',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex([], 'deployments_entity_external_id');
  });
};
