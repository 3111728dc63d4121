/*
 * The deployments list answers each row's lead time from the changes it first brought
 * to production (dora_changes.deployment_pk): an index so a page of 50 rows looks up
 * its changes instead of scanning every change.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_changes', table => {
    table.index(['deployment_pk', 'lead_ms'], 'dora_changes_deployment');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_changes', table => {
    table.dropIndex([], 'dora_changes_deployment');
  });
};
