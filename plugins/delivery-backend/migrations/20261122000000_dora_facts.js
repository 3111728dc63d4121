/*
 * DORA facts: derived tables kept up to date at ingestion, so DORA reads scan two
 * narrow tables instead of joining every deployment and commit of a window.
 * - dora_deployments: the successful production deployments (DORA's "deployments").
 * - dora_changes: each (component, commit) at its first production deployment, with
 *   its lead time.
 * - dora_settings: the production environment list the facts were built with; when
 *   config changes it, the store rebuilds them.
 * Instants used in arithmetic get epoch-millisecond columns (*_ms), the same on
 * SQLite and PostgreSQL.
 */

// @ts-check

/**
 * Epoch milliseconds of a timestamp column, in the dialect's own SQL.
 * @param {import('knex').Knex} knex
 * @param {string} column
 */
function epochMillis(knex, column) {
  return knex.client.config.client === 'pg'
    ? knex.raw('(extract(epoch from ??) * 1000)::bigint', [column])
    : knex.raw(
        'cast(round((julianday(??) - 2440587.5) * 86400000) as integer)',
        [column],
      );
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.bigInteger('finished_ms').nullable();
  });
  await knex.schema.alterTable('deployment_commits', table => {
    table.bigInteger('committed_ms').nullable();
  });
  await knex.schema.alterTable('incidents', table => {
    table.bigInteger('opened_ms').nullable();
  });
  await knex('deployments')
    .whereNotNull('finished_at')
    .update({ finished_ms: epochMillis(knex, 'finished_at') });
  await knex('deployment_commits').update({
    committed_ms: epochMillis(knex, 'committed_at'),
  });
  await knex('incidents').update({ opened_ms: epochMillis(knex, 'opened_at') });
  await knex.schema.alterTable('incidents', table => {
    // Incident attribution: the component's deployments just before an incident opened.
    table.index(['entity_ref', 'opened_ms'], 'incidents_entity_opened_ms');
  });

  await knex.schema.createTable('dora_deployments', table => {
    table.comment('Successful production deployments, as DORA counts them');
    table
      .bigInteger('deployment_pk')
      .primary()
      .references('pk')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('entity_ref', 300).notNullable();
    table.bigInteger('finished_ms').notNullable();
    /** 1 when the deployment remediates an incident (rework), else 0. */
    table.integer('rework').notNullable();
    table.index(
      ['entity_ref', 'finished_ms', 'rework'],
      'dora_deployments_entity_finished',
    );
  });

  await knex.schema.createTable('dora_changes', table => {
    table.comment(
      'Each commit of a component at its first successful production deployment',
    );
    table.string('entity_ref', 300).notNullable();
    table.string('sha', 100).notNullable();
    table
      .bigInteger('deployment_pk')
      .notNullable()
      .references('pk')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.bigInteger('finished_ms').notNullable();
    /** finished - committed, never below 0 (clock skew is not a figure). */
    table.bigInteger('lead_ms').notNullable();
    table.primary(['entity_ref', 'sha']);
    // Recomputing a batch's changes finds them by sha (nearly unique) first.
    table.index(['sha'], 'dora_changes_sha');
    table.index(
      ['entity_ref', 'finished_ms', 'lead_ms'],
      'dora_changes_entity_finished',
    );
  });

  await knex.schema.createTable('dora_settings', table => {
    table.comment('What the DORA facts were built with');
    table.string('key', 100).primary();
    table.text('value').nullable();
  });
  // No value yet: the store builds the facts at its first start.
  await knex('dora_settings').insert({
    key: 'productionEnvironments',
    value: null,
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_settings');
  await knex.schema.dropTable('dora_changes');
  await knex.schema.dropTable('dora_deployments');
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_entity_opened_ms');
    table.dropColumn('opened_ms');
  });
  await knex.schema.alterTable('deployment_commits', table => {
    table.dropColumn('committed_ms');
  });
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('finished_ms');
  });
};
