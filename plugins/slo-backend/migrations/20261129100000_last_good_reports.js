/*
 * The last good evaluation of every objective, so that a metric source outage (or a
 * restart during one) still shows the last figures, marked stale.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_last_good_reports', table => {
    table.comment(
      'Last successful evaluation per (entity, objective): the ObjectiveReport as JSON',
    );
    table.string('entity_ref', 300).notNullable();
    table.string('objective_id', 300).notNullable();
    table.string('source_id', 200).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.text('report').notNullable();
    table.primary(['entity_ref', 'objective_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_last_good_reports');
};
