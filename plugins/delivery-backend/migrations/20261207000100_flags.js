/*
 * Feature-flag changes (events of kind `flag`): one row per (source, external_id), a
 * redelivered change updating in place. `at` is stored as a UTC instant like the other
 * kinds, and as epoch milliseconds (at_ms) for arithmetic.
 *
 * The last four columns are the flag's history as delivery-common `flagHistory`
 * defines it (one component's flag in one environment, changes ordered by at, source,
 * id), recomputed at ingestion for every history a batch touches, so reads count
 * releases (DORA's `countFlagReleasesAsDeployments`) without replaying histories:
 * served (% after the change), is_release (served 0 before, more after) and, on a
 * release, ended_at / ended_ms (the first later change serving 0 again).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('flags', table => {
    table.comment('Feature-flag changes, as reported by flag sources');
    table.bigIncrements('pk').primary();
    table.string('source', 100).notNullable();
    table.string('external_id', 200).notNullable();
    table.string('entity_ref', 300).notNullable();
    table.string('flag_key', 200).notNullable();
    table.string('environment', 100).notNullable();
    table.string('action', 20).notNullable();
    table.double('percentage').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.bigInteger('at_ms').notNullable();
    table.string('author', 300).nullable();
    table.text('url').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table
      .double('served')
      .notNullable()
      .defaultTo(0)
      .comment('Share of traffic (%) the flag serves after this change');
    table
      .integer('is_release')
      .notNullable()
      .defaultTo(0)
      .comment('1 when the flag served 0 before this change and more after it');
    table
      .timestamp('ended_at', { useTz: true })
      .nullable()
      .comment('On a release: the first later change serving 0 again');
    table.bigInteger('ended_ms').nullable();
    table.unique(['source', 'external_id'], { indexName: 'flags_identity' });
    // GET /flags and the timeline: one component's changes by time.
    table.index(['entity_ref', 'at'], 'flags_entity_at');
    // DORA: one component's releases by time.
    table.index(['entity_ref', 'is_release', 'at_ms'], 'flags_entity_release');
    // Ingestion: every change of the histories a batch touches.
    table.index(['entity_ref', 'flag_key'], 'flags_history');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('flags');
};
