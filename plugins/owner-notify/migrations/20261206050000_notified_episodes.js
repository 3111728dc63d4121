/*
 * One row per episode subject key: whether an episode is open, how many episodes the
 * key has had (the notification scope), and the episode as sent, so its end can be
 * told even when the subject has left the catalog.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('notified_episodes', table => {
    table.comment('Owner notification episodes: one row per episode key');
    table.string('episode_key', 512).primary().notNullable();
    table.string('family', 64).notNullable();
    table.string('subject', 512).notNullable();
    table.integer('episode').notNullable();
    table.boolean('open').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.text('payload').notNullable();
    table.index(['family', 'open'], 'notified_episodes_family_open_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notified_episodes');
};
