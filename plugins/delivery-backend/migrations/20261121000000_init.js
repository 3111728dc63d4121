/*
 * Delivery event store: deployments with their commits, and incidents.
 * (source, external_id) is every event's identity, so re-sent events update in place.
 * Times are stored as UTC instants (timestamptz on PostgreSQL, ISO-8601 text on SQLite,
 * which compares correctly because every value has the same UTC format).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployment runs of every environment, as reported by sources',
    );
    table.bigIncrements('pk').primary();
    table.string('source', 100).notNullable();
    table.string('external_id', 200).notNullable();
    table.string('entity_ref', 300).notNullable();
    table.string('environment', 100).notNullable();
    table.string('status', 20).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('version', 200).nullable();
    table.text('url').nullable();
    table.string('rollback_of', 200).nullable();
    table.string('remediates', 200).nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'deployments_identity',
    });
    // DORA and timeline queries: one component's deployments by finish time.
    table.index(['entity_ref', 'finished_at'], 'deployments_entity_finished');
    table.index(['source', 'rollback_of'], 'deployments_rollback_of');
    table.index(['source', 'remediates'], 'deployments_remediates');
  });

  await knex.schema.createTable('deployment_commits', table => {
    table.comment('Commits (changes) shipped by a deployment');
    table
      .bigInteger('deployment_pk')
      .notNullable()
      .references('pk')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('sha', 100).notNullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table.string('author', 200).nullable();
    table.text('message').nullable();
    table.primary(['deployment_pk', 'sha']);
    // Lead time: "was this commit already deployed earlier?"
    table.index(['sha'], 'deployment_commits_sha');
  });

  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents from incident-management sources');
    table.bigIncrements('pk').primary();
    table.string('source', 100).notNullable();
    table.string('external_id', 200).notNullable();
    table.string('entity_ref', 300).notNullable();
    table.string('title', 500).notNullable();
    table.string('severity', 50).nullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('deployment_id', 200).nullable();
    table.text('url').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'incidents_identity',
    });
    table.index(['entity_ref', 'opened_at'], 'incidents_entity_opened');
    table.index(['source', 'deployment_id'], 'incidents_deployment');
  });

  await knex.schema.createTable('unmatched_events', table => {
    table.comment(
      'Events no catalog entity claims (e.g. an unannotated repository), kept for reporting',
    );
    table.string('source', 100).notNullable();
    table.string('key', 300).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('count').notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.primary(['source', 'key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('unmatched_events');
  await knex.schema.dropTable('incidents');
  await knex.schema.dropTable('deployment_commits');
  await knex.schema.dropTable('deployments');
};
