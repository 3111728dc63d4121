/*
 * Who or what started a deployment run, as the source tool names it (the event's
 * optional `triggeredBy`, e.g. "octocat (push)", "argocd: automated sync",
 * "jenkins: timer"). Nullable: older events and sources that cannot tell leave it
 * empty, and the UI then falls back to the first commit's author, labelled so.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('triggered_by', 300)
      .nullable()
      .comment('Who or what started the run, as the source names it');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('triggered_by');
  });
};
