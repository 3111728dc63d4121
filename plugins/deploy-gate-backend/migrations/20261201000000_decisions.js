/*
 * Deploy gate: every decision it took (who asked, the request, the decision, its
 * reasons and the policy snapshot), and the last good policy per component, so an SLO
 * backend outage still answers from the latest figures, marked stale.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deploy_gate_decisions', table => {
    table.comment('Every gate decision, as answered');
    // Insertion order breaks ties between decisions of the same millisecond.
    table.bigIncrements('seq').primary();
    table.string('decision_id', 36).notNullable().unique();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('entity_ref', 300).notNullable();
    table.string('environment', 100).notNullable();
    table.string('kind', 20).notNullable();
    table.string('decision', 10).notNullable();
    table.string('principal', 300).notNullable();
    table.string('requested_by', 300).nullable();
    table.string('override_by', 300).nullable();
    table.text('override_reason').nullable();
    table.text('request').notNullable().comment('DecisionRequest as JSON');
    table.text('reasons').notNullable().comment('DecisionReason[] as JSON');
    table.text('policy').notNullable().comment('PolicySummary as JSON');
    table.index(['entity_ref', 'seq'], 'deploy_gate_decisions_entity');
  });

  await knex.schema.createTable('deploy_gate_last_policy', table => {
    table.comment(
      'Last SLO policy with figures per component (PolicySnapshot)',
    );
    table.string('entity_ref', 300).primary();
    table.timestamp('as_of', { useTz: true }).notNullable();
    table.text('snapshot').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deploy_gate_last_policy');
  await knex.schema.dropTable('deploy_gate_decisions');
};
