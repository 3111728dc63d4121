/*
 * Progressive rollouts (the deployment event's `phases`, delivery-common
 * deploymentPhaseSchema) and the rollbacks derived from aborted ones.
 * - deployment_phases: one row per phase, `position` its place in start order
 *   (`orderedPhases`); a re-sent deployment replaces its phases. Reads load them
 *   for the deployments they list only.
 * - deployments.derived_from: pk of the aborted rollout a rollback was derived from
 *   (delivery-common `settleRollout`); null for every deployment a source reported.
 *   Going down deletes the derived rollbacks (and their DORA facts).
 */

// @ts-check

/*
 * Outside a transaction: SQLite drops a column by copying the table, and only outside
 * one can knex turn foreign keys off for it; inside, dropping the old deployments
 * table would cascade into every table referencing it (commits, DORA facts).
 */
exports.config = { transaction: false };

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_phases', table => {
    table.comment(
      'Steps of progressive rollouts: canary steps, pauses, analyses, promotion, abort, blue-green switch',
    );
    table
      .bigInteger('deployment_pk')
      .notNullable()
      .references('pk')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.integer('position').notNullable().comment('0 for the first started');
    table.string('name', 200).notNullable();
    table.string('kind', 20).notNullable();
    table
      .double('weight')
      .nullable()
      .comment('% of traffic to the new version');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('status', 20).notNullable();
    table.primary(['deployment_pk', 'position']);
  });
  await knex.schema.alterTable('deployments', table => {
    table
      .bigInteger('derived_from')
      .nullable()
      .comment(
        'pk of the aborted rollout this rollback was derived from; null when a source reported it',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Derived rollbacks go with the rule that keeps them: without it they would pass
  // for rollbacks a source reported.
  const derived = knex('deployments').whereNotNull('derived_from').select('pk');
  await knex('dora_deployments').whereIn('deployment_pk', derived).delete();
  await knex('deployments').whereNotNull('derived_from').delete();
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('derived_from');
  });
  await knex.schema.dropTable('deployment_phases');
};
