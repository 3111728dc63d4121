/*
 * The migration up and down on both engines: a decision and a last good policy can be
 * written after `up`, and `down` leaves no table behind.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DecisionStore } from './DecisionStore';
import { LastGoodPolicyStore } from './LastGoodPolicyStore';

const directory = resolvePackagePath(
  '@internal/backstage-plugin-deploy-gate-backend',
  'migrations',
);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('goes up and down', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.migrate.latest({ directory });

    await new DecisionStore(knex).record({
      decisionId: '00000000-0000-4000-8000-000000000001',
      createdAt: '2026-01-06T09:00:00.000Z',
      entityRef: 'component:default/checkout',
      environment: 'production',
      kind: 'deploy',
      decision: 'deny',
      reasons: [{ code: 'frozen', message: 'frozen' }],
      policy: { frozen: true },
      principal: 'service:external:ci',
      request: {
        entityRef: 'component:default/checkout',
        environment: 'production',
      },
    });
    const snapshot = {
      frozen: true,
      stale: false,
      asOf: '2026-01-06T09:00:00.000Z',
      exhausted: [],
      objectivesWithFigures: 1,
    };
    const lastGood = new LastGoodPolicyStore(knex);
    await lastGood.save('component:default/checkout', snapshot);
    await lastGood.save('component:default/checkout', {
      ...snapshot,
      frozen: false,
    });
    expect(await lastGood.get('component:default/checkout')).toEqual({
      ...snapshot,
      frozen: false,
    });
    const [stored] = await new DecisionStore(knex).list({ limit: 10 });
    expect(stored.createdAt).toBe('2026-01-06T09:00:00.000Z');

    await knex.migrate.down({ directory });
    expect(await knex.schema.hasTable('deploy_gate_decisions')).toBe(false);
    expect(await knex.schema.hasTable('deploy_gate_last_policy')).toBe(false);
    await knex.destroy();
  });
});
