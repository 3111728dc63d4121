/*
 * The module's table up and down on both engines, beside the delivery plugin's own
 * (the same database, a migrations table each), and the memory kept in it.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { RolloutFacts } from '../mapping/rollout/facts';
import { MIGRATIONS_TABLE } from './migrate';
import { DatabaseRolloutMemory } from './RolloutMemory';

const directory = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend-module-argocd',
  'migrations',
);
const deliveryDirectory = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend',
  'migrations',
);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const facts = (
  name: string,
  revision: string,
  reached: number,
): RolloutFacts => ({
  rollout: { namespace: 'checkout-prod', name },
  revision,
  podHash: `hash-${revision}`,
  plan: {
    strategy: 'canary',
    steps: [
      { kind: 'setWeight', weight: 5 },
      { kind: 'pause', duration: '10m' },
    ],
  },
  attempts: [
    {
      startedAt: '2024-05-15T13:30:41.502Z',
      stepStartedAt: { '1': '2024-05-15T13:30:52.117Z' },
      reached,
      progressed: true,
      analyses: [],
    },
  ],
});

const APP = 'argo-prod/argocd/checkout-prod';
const MAY15 = `${APP}/2024-05-15T13:30:00Z`;
const MAY16 = `${APP}/2024-05-16T09:00:00Z`;

describe.each(databases.eachSupportedId())(
  'rollout memory on %p',
  databaseId => {
    it('goes up and down beside the delivery plugin’s tables', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory: deliveryDirectory });
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      expect(await knex.schema.hasTable('delivery_argocd_rollouts')).toBe(true);

      await knex.migrate.rollback(
        { directory, tableName: MIGRATIONS_TABLE },
        true,
      );
      expect(await knex.schema.hasTable('delivery_argocd_rollouts')).toBe(
        false,
      );
      // The plugin's own tables are untouched.
      expect(await knex.schema.hasTable('deployments')).toBe(true);
    });

    it('keeps each revision with its sync, updates it in place, and forgets syncs gone from Argo CD', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      const memory = new DatabaseRolloutMemory(
        knex,
        () => new Date('2024-05-16T10:00:00Z'),
      );
      const key = { application: APP, rollout: 'checkout-prod/checkout' };

      // The update sees what was kept before, and may decline to write.
      const seen: unknown[] = [];
      expect(
        await memory.update({ ...key, revision: '6' }, previous => {
          seen.push(previous);
          return undefined;
        }),
      ).toBeUndefined();
      await memory.update({ ...key, revision: '6' }, previous => {
        seen.push(previous);
        return { deploymentId: MAY15, facts: facts('checkout', '6', 1) };
      });
      await memory.update({ ...key, revision: '6' }, previous => {
        seen.push(previous);
        return {
          deploymentId: previous!.deploymentId,
          facts: facts('checkout', '6', 2),
        };
      });
      expect(seen).toEqual([
        undefined,
        undefined,
        { deploymentId: MAY15, facts: facts('checkout', '6', 1) },
      ]);
      await memory.update({ ...key, revision: '7' }, () => ({
        deploymentId: MAY16,
        facts: facts('checkout', '7', 1),
      }));
      await memory.update(
        { ...key, rollout: 'checkout-prod/worker', revision: '3' },
        () => ({ deploymentId: MAY16, facts: facts('worker', '3', 2) }),
      );

      const found = await memory.factsOf([MAY15, MAY16, `${APP}/elsewhere`]);
      expect(found.get(MAY15)).toEqual([facts('checkout', '6', 2)]);
      expect(found.get(MAY16)).toEqual([
        facts('checkout', '7', 1),
        facts('worker', '3', 2),
      ]);
      expect(found.has(`${APP}/elsewhere`)).toBe(false);

      // Argo CD's history no longer tells of May 15.
      expect(await memory.forgetOthers(APP, [MAY16])).toBe(1);
      expect((await memory.factsOf([MAY15])).size).toBe(0);
      expect((await memory.factsOf([MAY16])).get(MAY16)).toHaveLength(2);
      // Another application's rows are not touched.
      expect(await memory.forgetOthers('argo-prod/argocd/other', [])).toBe(0);
    });

    it('marks the older revisions of a Rollout that had not ended as replaced', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      const memory = new DatabaseRolloutMemory(knex);
      const key = { application: APP, rollout: 'checkout-prod/checkout' };
      const save = (revision: string, id: string, kept: RolloutFacts) =>
        memory.update({ ...key, revision }, () => ({
          deploymentId: id,
          facts: kept,
        }));
      const completed = facts('checkout', '5', 2);
      completed.attempts[0].completedAt = '2024-05-10T07:20:00Z';
      await save('5', `${APP}/may-10`, completed);
      await save('6', MAY15, facts('checkout', '6', 1));
      // Revision 10 sorts before 6 as text, not as a number.
      await save('10', MAY16, facts('checkout', '10', 1));
      await memory.update(
        { ...key, rollout: 'checkout-prod/worker', revision: '3' },
        () => ({
          deploymentId: `${APP}/worker`,
          facts: facts('worker', '3', 1),
        }),
      );

      expect(
        await memory.supersedeOlder(
          { ...key, revision: '10' },
          '2024-05-16T09:00:40Z',
        ),
      ).toEqual([MAY15]);
      const found = await memory.factsOf([
        `${APP}/may-10`,
        MAY15,
        MAY16,
        `${APP}/worker`,
      ]);
      expect(found.get(MAY15)?.[0].supersededAt).toBe('2024-05-16T09:00:40Z');
      // Ended, the newer one itself, another Rollout: untouched.
      expect(found.get(`${APP}/may-10`)?.[0].supersededAt).toBeUndefined();
      expect(found.get(MAY16)?.[0].supersededAt).toBeUndefined();
      expect(found.get(`${APP}/worker`)?.[0].supersededAt).toBeUndefined();
      // Once marked, not again.
      expect(
        await memory.supersedeOlder(
          { ...key, revision: '10' },
          '2024-05-16T10:00:00Z',
        ),
      ).toEqual([]);
    });

    it('ignores a row written in another format', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      await knex('delivery_argocd_rollouts').insert({
        application: APP,
        rollout: 'checkout-prod/checkout',
        revision: '6',
        deployment_id: MAY15,
        facts: JSON.stringify({ format: 0, facts: { steps: [] } }),
        updated_at: new Date('2024-05-16T10:00:00Z'),
      });
      const memory = new DatabaseRolloutMemory(knex);
      expect((await memory.factsOf([MAY15])).size).toBe(0);
      const previous: unknown[] = [];
      await memory.update(
        { application: APP, rollout: 'checkout-prod/checkout', revision: '6' },
        p => {
          previous.push(p);
          return { deploymentId: MAY15, facts: facts('checkout', '6', 1) };
        },
      );
      expect(previous).toEqual([undefined]);
      expect((await memory.factsOf([MAY15])).get(MAY15)).toEqual([
        facts('checkout', '6', 1),
      ]);
    });
  },
);
