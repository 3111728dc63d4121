/*
 * Deploy gate, GitHub module: one row per deployment protection rule request
 * (GitHub's deployment_protection_rule webhook), claimed once by its delivery id and
 * by (repository, run, environment, deployment), with the gate's decision, how
 * posting the review back to GitHub went, and a portal override waiting for the
 * re-run of the same commit. Its own migrations table: it shares the
 * deploy gate's database.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deploy_gate_github_reviews', table => {
    table.comment(
      'GitHub deployment protection rule requests and their reviews',
    );
    table.bigIncrements('id').primary();
    table.string('delivery_id', 100).nullable().unique();
    table
      .string('review_key', 500)
      .notNullable()
      .unique()
      .comment('repository#run#environment#deployment: one review each');
    table.string('repository', 300).notNullable();
    table.string('repository_url', 500).notNullable();
    table.string('environment', 100).notNullable();
    table.string('run_id', 30).notNullable();
    table.bigInteger('deployment_id').nullable();
    table.string('commit_sha', 64).nullable();
    table
      .string('scope_key', 500)
      .nullable()
      .comment(
        'repository#environment#sha: where an override carries to a re-run',
      );
    table
      .text('request')
      .notNullable()
      .comment('the ask, as JSON, for overrides');
    table.string('entity_ref', 300).nullable();
    table.string('decision_id', 36).nullable();
    table.string('decision', 10).nullable();
    table.string('state', 10).nullable().comment('approved or rejected');
    table.text('comment').nullable();
    table
      .string('status', 20)
      .notNullable()
      .comment('deciding, pending, posted, failed, unmatched, error');
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.string('override_by', 300).nullable();
    table.text('override_reason').nullable();
    table
      .bigInteger('override_used_by')
      .nullable()
      .comment('the review the override was used on (itself, or the re-run)');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('posted_at', { useTz: true }).nullable();
    table.index(
      ['status', 'next_attempt_at'],
      'deploy_gate_github_reviews_due',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deploy_gate_github_reviews');
};
