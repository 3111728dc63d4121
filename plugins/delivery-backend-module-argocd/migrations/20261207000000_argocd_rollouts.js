/*
 * Argo CD module of the delivery plugin: what it knows of each revision of each Argo
 * Rollouts Rollout it has seen (through Argo Rollouts' notifications or the pull),
 * and the Argo CD sync (deployment id) that revision was attributed to. The module's
 * memory: Argo Rollouts keeps few times, and Argo CD none of a rollout's, so a sync's
 * phases are rebuilt from here each time the sync is sent again. Its own migrations
 * table: it shares the delivery plugin's database.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_argocd_rollouts', table => {
    table.comment(
      'Argo Rollouts revisions seen by the Argo CD source, with their phase facts',
    );
    table
      .string('application', 300)
      .notNullable()
      .comment('<instance>/<app namespace>/<app name>');
    table
      .string('rollout', 320)
      .notNullable()
      .comment('<namespace>/<name> of the Rollout');
    table
      .string('revision', 64)
      .notNullable()
      .comment('the rollout.argoproj.io/revision annotation');
    table
      .string('deployment_id', 200)
      .notNullable()
      .comment('the sync the revision was attributed to (its event id)');
    table.text('facts').notNullable().comment('what is known, as JSON');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['application', 'rollout', 'revision']);
    table.index(['deployment_id'], 'delivery_argocd_rollouts_deployment');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_argocd_rollouts');
};
