// @ts-check

/**
 * Per-source sync status for GET /sources: the last success and the last failure of
 * each source's pulls and webhook deliveries, so the UI can say "stale since ...".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('source_status', table => {
    table.comment(
      'Last successful and last failed sync of each source (instance, pull or webhook)',
    );
    table.string('source', 100).notNullable();
    table
      .string('instance', 200)
      .notNullable()
      .defaultTo('')
      .comment('Instance or host when a source has several; empty otherwise');
    table.string('via', 20).notNullable().comment('pull or webhook');
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.timestamp('last_error_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table
      .integer('consecutive_failures')
      .notNullable()
      .defaultTo(0)
      .comment('Failures since the last success');
    table.primary(['source', 'instance', 'via']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('source_status');
};
