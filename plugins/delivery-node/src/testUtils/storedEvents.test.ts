import knexFactory, { Knex } from 'knex';
import { invalidStoredEvents } from './storedEvents';

describe('invalidStoredEvents', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    // The columns the oracle reads, as the delivery store's migrations name them.
    await knex.schema.createTable('deployments', t => {
      t.increments('pk');
      for (const c of ['source', 'external_id', 'entity_ref', 'environment'])
        t.string(c);
      for (const c of ['status', 'started_at', 'finished_at', 'version'])
        t.string(c);
      for (const c of ['url', 'triggered_by']) t.string(c);
    });
    await knex.schema.createTable('deployment_commits', t => {
      t.integer('deployment_pk');
      for (const c of ['sha', 'committed_at', 'author', 'message']) t.string(c);
    });
    await knex.schema.createTable('incidents', t => {
      for (const c of ['source', 'external_id', 'entity_ref', 'title'])
        t.string(c);
      for (const c of ['severity', 'opened_at', 'resolved_at']) t.string(c);
      for (const c of ['deployment_id', 'url']) t.string(c);
    });
    await knex.schema.createTable('changes', t => {
      t.increments('pk');
      for (const c of ['source', 'external_id', 'entity_ref', 'title']) {
        t.string(c);
      }
      for (const c of ['author', 'url', 'opened_at', 'first_commit_at']) {
        t.string(c);
      }
      for (const c of ['first_review_at', 'merged_at', 'closed_at']) {
        t.string(c);
      }
      t.string('merge_commit_sha');
      t.boolean('draft');
      for (const c of ['number', 'additions', 'deletions']) t.integer(c);
    });
    await knex.schema.createTable('change_commits', t => {
      t.integer('change_pk');
      for (const c of ['sha', 'committed_at']) t.string(c);
    });
    await knex.schema.createTable('flags', t => {
      for (const c of ['source', 'external_id', 'entity_ref', 'flag_key']) {
        t.string(c);
      }
      for (const c of ['environment', 'action', 'at', 'author', 'url']) {
        t.string(c);
      }
      t.double('percentage');
    });
  });

  afterAll(() => knex.destroy());

  it('passes valid rows and names each invalid one', async () => {
    await knex('deployments').insert({
      source: 'github',
      external_id: 'd1',
      entity_ref: 'component:default/api',
      environment: 'production',
      status: 'success',
      started_at: '2026-11-01T10:00:00.000Z',
      finished_at: '2026-11-01T10:05:00.000Z',
    });
    await knex('deployment_commits').insert({
      deployment_pk: 1,
      sha: 'abc',
      committed_at: '2026-11-01T09:00:00.000Z',
    });
    expect(await invalidStoredEvents(knex)).toEqual([]);

    // An incident without a title, and a deployment finished before it started.
    await knex('incidents').insert({
      source: 'pagerduty',
      external_id: 'P1',
      entity_ref: 'component:default/api',
      title: '',
      opened_at: '2026-11-01T11:00:00.000Z',
    });
    await knex('deployments').insert({
      source: 'github',
      external_id: 'd2',
      entity_ref: 'component:default/api',
      environment: 'production',
      status: 'success',
      started_at: '2026-11-01T12:00:00.000Z',
      finished_at: '2026-11-01T11:00:00.000Z',
    });
    const problems = await invalidStoredEvents(knex);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^deployment github\/d2: .*finishedAt/s);
    expect(problems[1]).toMatch(/^incident pagerduty\/P1: .*title/s);
  });

  it('reads changes with their commits too', async () => {
    const before = (await invalidStoredEvents(knex)).length;
    await knex('changes').insert({
      source: 'github',
      external_id: 'pr1',
      entity_ref: 'component:default/api',
      opened_at: '2026-11-01T08:00:00.000Z',
      merged_at: '2026-11-01T09:00:00.000Z',
      merge_commit_sha: 'abc',
      draft: false,
      number: 1,
    });
    await knex('change_commits').insert({
      change_pk: 1,
      sha: 'c1',
      committed_at: '2026-11-01T07:00:00.000Z',
    });
    expect(await invalidStoredEvents(knex)).toHaveLength(before);

    // Merged before it was opened.
    await knex('changes').insert({
      source: 'github',
      external_id: 'pr2',
      entity_ref: 'component:default/api',
      opened_at: '2026-11-01T08:00:00.000Z',
      merged_at: '2026-11-01T07:00:00.000Z',
    });
    const problems = await invalidStoredEvents(knex);
    expect(problems).toHaveLength(before + 1);
    expect(problems[before]).toMatch(/^change github\/pr2: .*mergedAt/s);
  });

  it('reads flag changes too', async () => {
    const before = (await invalidStoredEvents(knex)).length;
    const flag = {
      source: 'launchdarkly',
      entity_ref: 'component:default/api',
      flag_key: 'new-cart',
      environment: 'production',
      at: '2026-11-01T10:00:00.000Z',
    };
    await knex('flags').insert([
      { ...flag, external_id: 'a:production', action: 'on', percentage: 100 },
      // A rollout must say to how many.
      { ...flag, external_id: 'b:production', action: 'rollout' },
    ]);
    const problems = await invalidStoredEvents(knex);
    expect(problems).toHaveLength(before + 1);
    expect(problems[before]).toMatch(
      /^flag launchdarkly\/b:production: .*percentage/s,
    );
  });
});
