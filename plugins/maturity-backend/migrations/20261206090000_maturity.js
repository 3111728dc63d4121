/*
 * The maturity store: the facts last collected per component and domain (kept when a
 * source is down, marked stale since the first run that could not ask it), the
 * collection runs (the latest finished run versions the cached levels), and weekly
 * snapshots of levels and initiative progress.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_facts', table => {
    table.comment(
      'Last good facts per (component, domain): ComponentFacts[domain] as JSON',
    );
    table.string('entity_ref', 300).notNullable();
    table.string('domain', 50).notNullable();
    table.text('facts').notNullable();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment('First run since collected_at that could not ask the source');
    table.primary(['entity_ref', 'domain']);
  });
  await knex.schema.createTable('maturity_runs', table => {
    table.comment(
      'Collection runs; the latest finished one versions the levels',
    );
    table.bigIncrements('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('components').notNullable().defaultTo(0);
    table.text('failed_domains').notNullable().defaultTo('[]');
  });
  await knex.schema.createTable('maturity_weekly', table => {
    table.comment(
      'Per ISO week and subject (component, group, system, organisation, initiative): how it stood at the week’s last run',
    );
    table.string('week', 10).notNullable().comment('Monday, YYYY-MM-DD (UTC)');
    table.string('subject', 320).notNullable();
    table.text('snapshot').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['week', 'subject']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_weekly');
  await knex.schema.dropTable('maturity_runs');
  await knex.schema.dropTable('maturity_facts');
};
