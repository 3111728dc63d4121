/*
 * Changes (pull and merge requests) and their lead-time stages, as the design's
 * "Changes and lead-time stages" defines them.
 * - changes: one row per (source, external_id), a change touching several components
 *   being sent once per component; instants used in arithmetic also as *_ms (epoch ms).
 * - change_commits: the change's commits, indexed by sha, which is how a deployment
 *   finds the changes it ships (with changes.merge_commit_sha).
 * - change_facts: per merged change its deployment (delivery-common `changeDeployment`)
 *   and stage durations (`changeStages`), kept current at ingestion so reads count and
 *   take quantiles over one narrow table. dora_settings 'changeFactsProductionEnvironments'
 *   is the production list they were built with (null: never built).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('changes', table => {
    table.comment('Pull and merge requests, once per component they touch');
    table.bigIncrements('pk').primary();
    table.string('source', 100).notNullable();
    table.string('external_id', 200).notNullable();
    table.string('entity_ref', 300).notNullable();
    // Any safe integer a source sends (bigint: integer stops at 2^31).
    table.bigInteger('number').nullable();
    table.string('title', 500).nullable();
    table.string('author', 300).nullable();
    table.text('url').nullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.bigInteger('opened_ms').notNullable();
    table
      .timestamp('first_commit_at', { useTz: true })
      .nullable()
      .comment('firstCommitAt as the source sent it');
    table
      .bigInteger('first_commit_ms')
      .nullable()
      .comment('firstCommitAt, else the earliest commit (firstCommitMillis)');
    table.timestamp('first_review_at', { useTz: true }).nullable();
    table.bigInteger('first_review_ms').nullable();
    table.timestamp('merged_at', { useTz: true }).nullable();
    table.bigInteger('merged_ms').nullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.bigInteger('closed_ms').nullable();
    table
      .bigInteger('listed_ms')
      .notNullable()
      .comment('merged, else closed, else opened: the order of GET /changes');
    table.string('merge_commit_sha', 100).nullable();
    table.boolean('draft').nullable();
    table.integer('additions').nullable();
    table.integer('deletions').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], { indexName: 'changes_identity' });
    table.index(['entity_ref', 'listed_ms'], 'changes_entity_listed');
    // A deployment finds the changes whose merge commit it ships.
    table.index(['merge_commit_sha'], 'changes_merge_commit_sha');
  });

  await knex.schema.createTable('change_commits', table => {
    table.comment('Commits of a change');
    table
      .bigInteger('change_pk')
      .notNullable()
      .references('pk')
      .inTable('changes')
      .onDelete('CASCADE');
    table.string('sha', 100).notNullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table.bigInteger('committed_ms').notNullable();
    table.primary(['change_pk', 'sha']);
    // A deployment finds the changes whose commits it ships.
    table.index(['sha'], 'change_commits_sha');
  });

  await knex.schema.createTable('change_facts', table => {
    table.comment(
      'Each merged change with its deployment (the first successful production one shipping it) and stages',
    );
    table
      .bigInteger('change_pk')
      .primary()
      .references('pk')
      .inTable('changes')
      .onDelete('CASCADE');
    table.string('entity_ref', 300).notNullable();
    table.bigInteger('merged_ms').notNullable();
    /** Null while no deployment has shipped it. */
    table
      .bigInteger('deployment_pk')
      .nullable()
      .references('pk')
      .inTable('deployments')
      .onDelete('SET NULL');
    table.bigInteger('finished_ms').nullable();
    // Stage durations in ms; null without a deployment or without that stage.
    table.bigInteger('coding_ms').nullable();
    table.bigInteger('pickup_ms').nullable();
    table.bigInteger('review_ms').nullable();
    table.bigInteger('deploy_ms').nullable();
    /** changeSizeClass; null when the source gave no line counts. */
    table.string('size_class', 10).nullable();
    // Breakdown reads: counts and stage quantiles by index-only scans.
    table.index(
      [
        'entity_ref',
        'finished_ms',
        'coding_ms',
        'pickup_ms',
        'review_ms',
        'deploy_ms',
      ],
      'change_facts_entity_finished',
    );
    // Awaiting deploy: merged in the window, not deployed before its end.
    table.index(
      ['entity_ref', 'merged_ms', 'finished_ms'],
      'change_facts_entity_merged',
    );
    // The changes a deployment shipped, and recomputing them when it is re-sent.
    table.index(['deployment_pk'], 'change_facts_deployment');
  });

  await knex('dora_settings').insert({
    key: 'changeFactsProductionEnvironments',
    value: null,
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('dora_settings')
    .where({ key: 'changeFactsProductionEnvironments' })
    .delete();
  await knex.schema.dropTable('change_facts');
  await knex.schema.dropTable('change_commits');
  await knex.schema.dropTable('changes');
};
